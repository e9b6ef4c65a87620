package io.datainmotion.sensors;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Running aggregate of one open window: constant size apart from its {@link SeenTimestamps}.
 *
 * <p>The sum is a {@link BigDecimal}: every double is a finite binary fraction, so the sum is exact
 * and independent of arrival order. That makes a window re-emitted after a replay bit-for-bit
 * identical to the first emission (a compensated double sum could differ in the last bit), and the
 * mean the correctly rounded mean of the inputs. For temperatures it stays around 60 digits.
 */
public final class WindowAccumulator {

    private long windowStart;
    private long count;
    private BigDecimal sum;
    private double min;
    private double max;
    private long aboveThreshold;
    private SeenTimestamps seen;

    public WindowAccumulator(long windowStart, long windowMillis) {
        this.windowStart = windowStart;
        this.sum = BigDecimal.ZERO;
        this.min = Double.POSITIVE_INFINITY;
        this.max = Double.NEGATIVE_INFINITY;
        this.seen = new SeenTimestamps(windowMillis);
    }

    /** Adds a reading of this window; false (and nothing changes) if its timestamp was already counted. */
    public boolean add(SensorReading reading, boolean aboveThreshold) {
        if (!seen.add(reading.timestamp() - windowStart)) {
            return false;
        }
        double celsius = reading.temperatureCelsius();
        count++;
        sum = sum.add(new BigDecimal(celsius));
        min = Math.min(min, celsius);
        max = Math.max(max, celsius);
        if (aboveThreshold) {
            this.aboveThreshold++;
        }
        return true;
    }

    public WindowAccumulator copy() {
        WindowAccumulator copy = new WindowAccumulator();
        copy.windowStart = windowStart;
        copy.count = count;
        copy.sum = sum;
        copy.min = min;
        copy.max = max;
        copy.aboveThreshold = aboveThreshold;
        copy.seen = seen.copy();
        return copy;
    }

    public long windowStart() {
        return windowStart;
    }

    public int dedupEntries() {
        return seen.size();
    }

    public WindowResult result(String sensorId, long windowMillis) {
        double mean = sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
        return new WindowResult(sensorId, windowStart, windowStart + windowMillis, count,
                mean, min, max, (double) aboveThreshold / count);
    }

    /** For Kryo. */
    private WindowAccumulator() {
    }
}
