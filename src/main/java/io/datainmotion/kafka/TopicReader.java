package io.datainmotion.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every partition of some topics without a consumer group, from the beginning or from the end.
 * Not thread-safe, like the consumer inside it.
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration METADATA_WAIT = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;

    public TopicReader(Map<String, Object> readerConfig, List<String> topics, boolean fromBeginning) {
        this.consumer = new KafkaConsumer<>(readerConfig);
        List<TopicPartition> partitions = topics.stream()
                .flatMap(topic -> partitionsOf(topic).stream())
                .toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    /**
     * A topic created a moment ago may not be in this broker's metadata yet, and the consumer then
     * answers "no partitions" at once; it is only missing if that holds for a few seconds.
     */
    private List<TopicPartition> partitionsOf(String topic) {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_WAIT);
        while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            infos = consumer.partitionsFor(topic, METADATA_WAIT);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    public ConsumerRecords<String, byte[]> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
