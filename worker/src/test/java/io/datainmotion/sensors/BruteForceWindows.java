package io.datainmotion.sensors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test oracle: keeps every reading and computes each window from scratch with plain loops, so it
 * shares no code or data structure with {@link WindowAggregator}. It applies the documented rules
 * literally: per sensor, watermark = largest accepted event time − allowed lateness; a reading whose
 * window ends at or before the watermark on arrival is late; an already accepted (sensorId, timestamp)
 * is a duplicate; a window is final once the watermark reaches its end.
 */
public final class BruteForceWindows {

    private final WindowConfig config;
    private final ThresholdMapping threshold;
    private final List<SensorReading> accepted = new ArrayList<>();
    private final Set<String> acceptedIds = new HashSet<>();
    private final Map<String, Long> maxEventTime = new HashMap<>();
    private final List<SensorReading> late = new ArrayList<>();
    private long duplicates;

    public BruteForceWindows(WindowConfig config, ThresholdMapping threshold) {
        this.config = config;
        this.threshold = threshold;
    }

    public void offer(SensorReading reading) {
        Long max = maxEventTime.get(reading.sensorId());
        long windowEnd = config.windowStart(reading.timestamp()) + config.windowMillis();
        if (max != null && windowEnd <= max - config.allowedLatenessMillis()) {
            late.add(reading);
        } else if (!acceptedIds.add(reading.sensorId() + "\u0000" + reading.timestamp())) {
            duplicates++;
        } else {
            accepted.add(reading);
            maxEventTime.merge(reading.sensorId(), reading.timestamp(), Math::max);
        }
    }

    /** Every window whose sensor's watermark has passed its end, sorted by sensor and start. */
    public List<WindowResult> closedWindows() {
        Map<String, List<SensorReading>> byWindow = new HashMap<>();
        for (SensorReading reading : accepted) {
            byWindow.computeIfAbsent(reading.sensorId() + "@" + config.windowStart(reading.timestamp()),
                    k -> new ArrayList<>()).add(reading);
        }
        List<WindowResult> results = new ArrayList<>();
        for (List<SensorReading> readings : byWindow.values()) {
            String sensorId = readings.get(0).sensorId();
            long start = config.windowStart(readings.get(0).timestamp());
            long end = start + config.windowMillis();
            if (end > maxEventTime.get(sensorId) - config.allowedLatenessMillis()) {
                continue;
            }
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double above = 0;
            for (SensorReading reading : readings) {
                sum += reading.temperatureCelsius();
                min = Math.min(min, reading.temperatureCelsius());
                max = Math.max(max, reading.temperatureCelsius());
                above += threshold.map(reading.temperatureCelsius());
            }
            results.add(new WindowResult(sensorId, start, end, readings.size(), sum / readings.size(), min, max,
                    above / readings.size()));
        }
        results.sort(BY_SENSOR_AND_START);
        return results;
    }

    public List<SensorReading> late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    public static final Comparator<WindowResult> BY_SENSOR_AND_START =
            Comparator.comparing(WindowResult::sensorId).thenComparingLong(WindowResult::windowStart);
}
