package io.datainmotion.dashboard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * Sensor history from the {@code sensor_windows} table the storage pipeline writes, with plain JDBC.
 * A connection per request: a person clicking a sensor is rare, and the dashboard holds nothing open.
 */
public final class JdbcSensorHistory implements SensorHistory {

    static final String QUERY = "SELECT sensor_id, window_start, window_end, readings, mean_temperature,"
            + " min_temperature, max_temperature, fraction_above_threshold FROM sensor_windows"
            + " WHERE sensor_id = ? ORDER BY window_start DESC LIMIT ?";

    private final String url;
    private final Properties credentials;

    /** {@code password} may be null (trust or peer authentication); it never appears in a message. */
    public JdbcSensorHistory(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--jdbc-url must start with jdbc:postgresql:");
        }
        this.url = url;
        this.credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    @Override
    public List<DashboardState.SensorWindow> windows(String sensorId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, credentials)) {
            connection.setReadOnly(true);
            try (PreparedStatement query = connection.prepareStatement(QUERY)) {
                query.setString(1, sensorId);
                query.setInt(2, MAX_WINDOWS);
                List<DashboardState.SensorWindow> windows = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        windows.add(new DashboardState.SensorWindow(rows.getString(1), millis(rows.getTimestamp(2)),
                                millis(rows.getTimestamp(3)), rows.getLong(4), rows.getDouble(5), rows.getDouble(6),
                                rows.getDouble(7), rows.getDouble(8)));
                    }
                }
                Collections.reverse(windows);
                return windows;
            }
        }
    }

    private static long millis(Timestamp timestamp) {
        return timestamp.toInstant().toEpochMilli();
    }
}
