package io.datainmotion.sensors;

/** A reading with its threshold indicator ({@link ThresholdMapping}: 1.0 strictly above, else 0.0). */
public record ThresholdedReading(SensorReading reading, double aboveThreshold) {

    public boolean above() {
        return aboveThreshold == 1.0;
    }
}
