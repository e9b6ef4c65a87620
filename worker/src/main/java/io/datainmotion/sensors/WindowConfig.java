package io.datainmotion.sensors;

import java.io.Serializable;
import java.time.Duration;

/**
 * Event-time tumbling windows {@code [start, start + length)}, aligned to the epoch, and how long
 * after a window's end a reading may still arrive.
 *
 * <p>Watermark: per sensor, the largest event time accepted from that sensor minus the allowed
 * lateness. A window closes (is emitted) once its sensor's watermark reaches its end; a reading whose
 * window has closed is late. Per sensor rather than global because sensors have their own clocks and
 * links: a global watermark would declare a healthy sensor that is a minute behind entirely late, and
 * its value would depend on which sensors share a task. The price: a sensor's last window waits until
 * that sensor reports again (its state stays bounded: one sensor, a few open windows).
 */
public record WindowConfig(long windowMillis, long allowedLatenessMillis) implements Serializable {

    public WindowConfig {
        if (windowMillis <= 0 || windowMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window length must be 1.." + Integer.MAX_VALUE + " ms, got " + windowMillis);
        }
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("allowed lateness must not be negative, got " + allowedLatenessMillis);
        }
    }

    public static WindowConfig of(Duration window, Duration allowedLateness) {
        return new WindowConfig(window.toMillis(), allowedLateness.toMillis());
    }

    public long windowStart(long timestamp) {
        return Math.floorDiv(timestamp, windowMillis) * windowMillis;
    }
}
