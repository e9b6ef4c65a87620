package io.datainmotion.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Reads these topics too, from their beginning, keeping the position on those already read. */
    public void addFromBeginning(List<String> topics) {
        List<TopicPartition> added = topics.stream().flatMap(topic -> partitionsOf(topic).stream()).toList();
        List<TopicPartition> all = new ArrayList<>(consumer.assignment());
        all.addAll(added);
        consumer.assign(all);
        consumer.seekToBeginning(added);
    }

    /**
     * Moves each partition's position to at most {@code records} before its end, so that only the
     * newest are read; a position already closer stays, so nothing is read twice.
     */
    public void skipToLast(int records) {
        Set<TopicPartition> partitions = consumer.assignment();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            long from = ends.get(partition) - records;
            if (consumer.position(partition) < from) {
                consumer.seek(partition, from);
            }
        }
    }

    /** True when it reads no partition yet: polling would fail. */
    public boolean isEmpty() {
        return consumer.assignment().isEmpty();
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
