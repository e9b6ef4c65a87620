package io.datainmotion.sensors;

/**
 * One validated temperature reading. {@code timestamp} is event time (epoch milliseconds, when the
 * sensor measured), never arrival time; {@code temperatureCelsius} is always in °C, whatever unit the
 * sensor sent.
 */
public record SensorReading(String sensorId, long timestamp, double temperatureCelsius) {
    public SensorReading {
        if (sensorId == null || sensorId.isBlank()) {
            throw new IllegalArgumentException("sensorId is required");
        }
        if (!Double.isFinite(temperatureCelsius)) {
            throw new IllegalArgumentException("temperature must be finite, got " + temperatureCelsius);
        }
    }
}
