package io.datainmotion.sensors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-sensor event-time tumbling windows over a stream of readings, in memory: state is one
 * {@link SensorWindows} per sensor (count, exact sum, min, max and above-threshold count per open
 * window, plus its bounded de-duplication set), never the readings themselves. The Storm bolt keeps the
 * same per-sensor objects in checkpointed state instead of this map.
 */
public final class WindowAggregator {

    /** The outcome of one reading and the windows it closed (usually none). */
    public record Offer(SensorWindows.Verdict outcome, List<WindowResult> closedWindows) {
    }

    private final WindowConfig config;
    private final Map<String, SensorWindows> sensors = new HashMap<>();

    public WindowAggregator(WindowConfig config) {
        this.config = config;
    }

    public Offer offer(SensorReading reading, boolean aboveThreshold) {
        List<WindowResult> closed = new ArrayList<>(1);
        SensorWindows windows = sensors.computeIfAbsent(reading.sensorId(), SensorWindows::new);
        return new Offer(windows.offer(reading, aboveThreshold, config, closed), closed);
    }

    public long openWindowCount() {
        return sensors.values().stream().mapToLong(SensorWindows::openWindowCount).sum();
    }

    public long dedupEntryCount() {
        return sensors.values().stream().mapToLong(SensorWindows::dedupEntryCount).sum();
    }
}
