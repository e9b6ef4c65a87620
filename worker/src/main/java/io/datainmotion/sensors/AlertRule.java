package io.datainmotion.sensors;

import java.io.Serializable;
import java.util.Optional;

/** Raises an alert for a window whose fraction of readings above the threshold reaches a level. */
public record AlertRule(double level, double thresholdCelsius) implements Serializable {

    public static final double DEFAULT_LEVEL = 0.5;

    public AlertRule {
        if (!(level >= 0.0 && level <= 1.0)) {
            throw new IllegalArgumentException("alert level must be a fraction in [0, 1], got " + level);
        }
    }

    public Optional<Alert> evaluate(WindowResult window) {
        return window.fractionAboveThreshold() >= level
                ? Optional.of(new Alert(window.sensorId(), window.windowStart(), window.windowEnd(),
                        window.fractionAboveThreshold(), level, thresholdCelsius,
                        window.meanTemperature(), window.maxTemperature()))
                : Optional.empty();
    }

    /** Published on {@code sensor-alerts}, keyed like its window. */
    public record Alert(String sensorId, long windowStart, long windowEnd, double fractionAboveThreshold,
                        double alertLevel, double thresholdCelsius, double meanTemperature, double maxTemperature) {

        public String key() {
            return sensorId + "@" + windowStart;
        }
    }
}
