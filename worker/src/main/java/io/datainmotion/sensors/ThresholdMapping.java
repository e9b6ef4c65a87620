package io.datainmotion.sensors;

import java.io.Serializable;

/**
 * Maps a temperature to 1.0 when strictly above the threshold, else 0.0: the indicator whose window
 * mean is {@code fractionAboveThreshold}.
 */
public record ThresholdMapping(double thresholdCelsius) implements Serializable {

    public static final double DEFAULT_THRESHOLD_CELSIUS = 25.0;

    public ThresholdMapping {
        if (!Double.isFinite(thresholdCelsius)) {
            throw new IllegalArgumentException("threshold must be finite, got " + thresholdCelsius);
        }
    }

    public double map(double temperatureCelsius) {
        return temperatureCelsius > thresholdCelsius ? 1.0 : 0.0;
    }
}
