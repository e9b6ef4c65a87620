package io.datainmotion.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.ByteBuffer;

import io.datainmotion.sensors.WindowResult;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The Kafka Streams peer's aggregate of one sensor's window: count, exact sum, min, max and readings
 * above the threshold, as the topology's {@code WindowAccumulator} keeps them (an exact
 * {@link BigDecimal} sum, so the mean is the correctly rounded mean whatever the arrival order), minus
 * its de-duplication set. Kafka Streams keeps state as bytes, so it comes with a {@link #SERDE}.
 */
final class ExactWindowSum {

    static final Serde<ExactWindowSum> SERDE = Serdes.serdeFrom(
            (topic, sum) -> sum == null ? null : sum.toBytes(),
            (topic, bytes) -> bytes == null ? null : fromBytes(bytes));

    private long count;
    private BigDecimal sum = BigDecimal.ZERO;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long aboveThreshold;

    ExactWindowSum add(double celsius, boolean above) {
        count++;
        sum = sum.add(new BigDecimal(celsius));
        min = Math.min(min, celsius);
        max = Math.max(max, celsius);
        if (above) {
            aboveThreshold++;
        }
        return this;
    }

    /** The window's result, rounded as the topology rounds it (the exact sum over the count in DECIMAL128). */
    WindowResult result(String sensorId, long windowStart, long windowEnd) {
        double mean = sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
        return new WindowResult(sensorId, windowStart, windowEnd, count, mean, min, max, (double) aboveThreshold / count);
    }

    byte[] toBytes() {
        byte[] unscaled = sum.unscaledValue().toByteArray();
        return ByteBuffer.allocate(8 + 8 + 8 + 8 + 4 + unscaled.length)
                .putLong(count).putLong(aboveThreshold).putDouble(min).putDouble(max).putInt(sum.scale())
                .put(unscaled).array();
    }

    static ExactWindowSum fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        ExactWindowSum window = new ExactWindowSum();
        window.count = buffer.getLong();
        window.aboveThreshold = buffer.getLong();
        window.min = buffer.getDouble();
        window.max = buffer.getDouble();
        int scale = buffer.getInt();
        byte[] unscaled = new byte[buffer.remaining()];
        buffer.get(unscaled);
        window.sum = new BigDecimal(new BigInteger(unscaled), scale);
        return window;
    }
}
