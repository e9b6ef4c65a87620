package io.datainmotion.sensors;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything kept about one sensor: its event-time high-water mark and its open windows. This is the
 * unit of state (one key per sensor in a checkpointed key-value store), so it holds data only; the
 * window configuration is passed in.
 */
public final class SensorWindows {

    /** What happened to an offered reading. */
    public enum Verdict { ACCEPTED, DUPLICATE, LATE }

    private String sensorId;
    private long maxEventTime;
    private TreeMap<Long, WindowAccumulator> openWindows;

    public SensorWindows(String sensorId) {
        this.sensorId = sensorId;
        this.maxEventTime = Long.MIN_VALUE;
        this.openWindows = new TreeMap<>();
    }

    /**
     * Offers a reading of this sensor; windows it closes are appended to {@code closed} in start order.
     * Only accepted readings advance the watermark, so a duplicate or a late reading changes nothing.
     */
    public Verdict offer(SensorReading reading, boolean aboveThreshold, WindowConfig config, List<WindowResult> closed) {
        long start = config.windowStart(reading.timestamp());
        if (start + config.windowMillis() <= watermark(config)) {
            return Verdict.LATE;
        }
        WindowAccumulator window = openWindows.computeIfAbsent(start, s -> new WindowAccumulator(s, config.windowMillis()));
        if (!window.add(reading, aboveThreshold)) {
            return Verdict.DUPLICATE;
        }
        if (reading.timestamp() > maxEventTime) {
            maxEventTime = reading.timestamp();
            closeWindowsBefore(watermark(config), config, closed);
        }
        return Verdict.ACCEPTED;
    }

    private long watermark(WindowConfig config) {
        return maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - config.allowedLatenessMillis();
    }

    private void closeWindowsBefore(long watermark, WindowConfig config, List<WindowResult> closed) {
        for (Iterator<Map.Entry<Long, WindowAccumulator>> it = openWindows.entrySet().iterator(); it.hasNext(); ) {
            WindowAccumulator window = it.next().getValue();
            if (window.windowStart() + config.windowMillis() > watermark) {
                return;
            }
            closed.add(window.result(sensorId, config.windowMillis()));
            it.remove();
        }
    }

    /** A deep copy: state stores may hand out their committed object, which must not change before a commit. */
    public SensorWindows copy() {
        SensorWindows copy = new SensorWindows(sensorId);
        copy.maxEventTime = maxEventTime;
        openWindows.forEach((start, window) -> copy.openWindows.put(start, window.copy()));
        return copy;
    }

    public String sensorId() {
        return sensorId;
    }

    public int openWindowCount() {
        return openWindows.size();
    }

    public long dedupEntryCount() {
        long entries = 0;
        for (WindowAccumulator window : openWindows.values()) {
            entries += window.dedupEntries();
        }
        return entries;
    }

    /** For Kryo. */
    private SensorWindows() {
    }
}
