package io.datainmotion.kafka;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.datainmotion.sensors.SimulatedMessage;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes simulated sensor messages to Kafka, keyed by sensor id so that each sensor's readings
 * share a partition and stay in order (the window bolt's per-sensor watermark relies on it).
 */
public final class SensorFeed {

    private SensorFeed() {}

    /**
     * Sends every message, paced at {@code messagesPerSecond} (0 or less: as fast as the producer
     * goes), then flushes. Fails on the first send the broker refuses.
     *
     * @return the number of messages sent
     */
    public static long send(Producer<String, String> producer, String topic, Iterator<SimulatedMessage> messages,
                            double messagesPerSecond) throws InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long startNanos = System.nanoTime();
        long sent = 0;
        while (messages.hasNext()) {
            if (failure.get() != null) {
                break;
            }
            if (messagesPerSecond > 0) {
                long dueNanos = startNanos + (long) (sent * 1e9 / messagesPerSecond);
                long waitNanos = dueNanos - System.nanoTime();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                }
            }
            SimulatedMessage message = messages.next();
            producer.send(new ProducerRecord<>(topic, message.key(), message.value()), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            sent++;
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka refused a reading: " + failure.get().getMessage(), failure.get());
        }
        return sent;
    }
}
