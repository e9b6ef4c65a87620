package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.sensors.AlertRule;
import io.datainmotion.sensors.SimulatedMessage;
import io.datainmotion.sensors.ThresholdMapping;
import io.datainmotion.sensors.WindowConfig;
import org.junit.jupiter.api.Test;

class SensorLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 10 s windows, 2 s lateness: 4 sensors report every 4 ms, 2,500 readings per window. */
    private static final WindowConfig WINDOWS = new WindowConfig(10_000, 2_000);

    private static List<JsonNode> readings(SensorLoad load) throws Exception {
        List<JsonNode> readings = new ArrayList<>();
        for (var messages = load.messages(); messages.hasNext(); ) {
            SimulatedMessage message = messages.next();
            JsonNode reading = JSON.readTree(message.value());
            assertEquals(message.key(), reading.get("sensorId").asText());
            readings.add(reading);
        }
        return readings;
    }

    @Test
    void readingsAdvanceAMillisecondEachThenOneClosingReadingPerSensor() throws Exception {
        SensorLoad load = new SensorLoad(7, 4, 25_000, WINDOWS);

        List<JsonNode> readings = readings(load);

        assertEquals(25_004, readings.size());
        assertEquals(load.total(), readings.size());
        long start = readings.get(0).get("timestamp").asLong();
        assertEquals(0, start % WINDOWS.windowMillis(), "starts on a window boundary");
        assertEquals(start + 24_999, readings.get(24_999).get("timestamp").asLong());
        assertEquals("sensor-0", readings.get(25_000).get("sensorId").asText());
        // The last reading is in the window starting at start + 20 s; the closing round comes a window
        // and the allowed lateness after that window.
        assertEquals(start + 20_000 + 10_000 + 2_000, readings.get(25_000).get("timestamp").asLong());
        assertEquals(readings(new SensorLoad(7, 4, 25_000, WINDOWS)), readings, "the same on every call");
    }

    @Test
    void expectsEveryWindowWithDataAndMarksWhereWindowsStartAndStopClosing() {
        SensorLoad load = new SensorLoad(7, 4, 25_000, WINDOWS);

        SensorLoad.Expected expected = load.expected(4096, new ThresholdMapping(25.0), new AlertRule(0.5, 25.0));

        // Windows [0,10 s), [10,20 s), [20,30 s) of event time for each of the 4 sensors, the last one
        // holding the 5 s of readings before the closing round.
        assertEquals(12, expected.windows().size());
        assertEquals(25_000, expected.windows().values().stream().mapToLong(w -> w.count()).sum());
        long lastStart = expected.windows().values().stream().mapToLong(w -> w.windowStart()).max().orElseThrow();
        assertEquals(1_250, expected.windows().get("sensor-3@" + lastStart).count());
        // The first window closes with the first reading at 12 s: sensor-0's.
        assertEquals(12_000, expected.firstClosingReading());
        assertEquals(4, expected.closedByClosingRound().size());
        assertTrue(expected.windows().keySet().containsAll(expected.alerts()));
    }

    @Test
    void refusesSensorsThatReportLessOftenThanTheLatenessAllows() {
        assertThrows(IllegalArgumentException.class, () -> new SensorLoad(7, 2_001, 100_000, WINDOWS));
        SensorLoad tooShort = new SensorLoad(7, 4, 11_000, WINDOWS);
        assertThrows(IllegalArgumentException.class,
                () -> tooShort.expected(4096, new ThresholdMapping(25.0), new AlertRule(0.5, 25.0)));
    }
}
