package io.datainmotion.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A sensor's history read from a real PostgreSQL, from the sensor_windows table the storage pipeline writes. */
class JdbcSensorHistoryIT {

    private static final long START = Instant.parse("2026-11-24T16:00:00Z").toEpochMilli();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE sensor_windows (sensor_id text, window_start timestamptz,"
                    + " window_end timestamptz, readings bigint, mean_temperature double precision,"
                    + " min_temperature double precision, max_temperature double precision,"
                    + " fraction_above_threshold double precision, PRIMARY KEY (sensor_id, window_start))");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sensor_windows VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int w = SensorHistory.MAX_WINDOWS + 4; w >= 0; w--) {
                    add(insert, "sensor-1", w, 20 + w * 0.01);
                }
                add(insert, "sensor-2", 0, 30);
                add(insert, "<b>odd</b> id", 0, 10);
                insert.executeBatch();
            }
        }
    }

    private static void add(PreparedStatement insert, String sensor, int window, double mean) throws Exception {
        long start = START + window * 60_000L;
        insert.setString(1, sensor);
        insert.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(start)));
        insert.setTimestamp(3, Timestamp.from(Instant.ofEpochMilli(start + 60_000)));
        insert.setLong(4, 60 + window);
        insert.setDouble(5, mean);
        insert.setDouble(6, mean - 1);
        insert.setDouble(7, mean + 2);
        insert.setDouble(8, 0.25);
        insert.addBatch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static JdbcSensorHistory history() {
        return new JdbcSensorHistory("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", null);
    }

    @Test
    void readsTheNewestWindowsOfOneSensorOldestFirst() throws Exception {
        List<DashboardState.SensorWindow> windows = history().windows("sensor-1");
        assertEquals(SensorHistory.MAX_WINDOWS, windows.size());
        DashboardState.SensorWindow newest = windows.get(windows.size() - 1);
        int last = SensorHistory.MAX_WINDOWS + 4;
        assertEquals(new DashboardState.SensorWindow("sensor-1", START + last * 60_000L, START + last * 60_000L + 60_000,
                60 + last, 20 + last * 0.01, 20 + last * 0.01 - 1, 20 + last * 0.01 + 2, 0.25), newest);
        assertEquals(START + 5 * 60_000L, windows.get(0).windowStart(), "the oldest five are beyond the limit");
        for (int i = 1; i < windows.size(); i++) {
            assertEquals(windows.get(i - 1).windowStart() + 60_000, windows.get(i).windowStart());
        }
    }

    @Test
    void anIdIsAParameterNotSql() throws Exception {
        assertEquals(List.of("<b>odd</b> id"), history().windows("<b>odd</b> id").stream()
                .map(DashboardState.SensorWindow::sensorId).toList());
        assertEquals(List.of(), history().windows("sensor-2' OR '1'='1"));
        assertEquals(List.of(), history().windows("unknown"));
    }

    @Test
    void onlyAPostgresqlUrlIsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new JdbcSensorHistory("jdbc:h2:mem:x", null, null));
    }
}
