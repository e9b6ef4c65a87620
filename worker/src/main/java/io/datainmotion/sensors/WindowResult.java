package io.datainmotion.sensors;

/**
 * The final aggregate of one sensor's window, as published on {@code sensor-averages}. Emitted once;
 * after a failure it may be emitted again, identical, so consumers key it by {@link #key()}.
 */
public record WindowResult(String sensorId, long windowStart, long windowEnd, long count,
                           double meanTemperature, double minTemperature, double maxTemperature,
                           double fractionAboveThreshold) {

    /** Kafka record key: one per sensor and window, so a compacted topic keeps exactly one result. */
    public String key() {
        return sensorId + "@" + windowStart;
    }
}
