package io.datainmotion.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a single-partition output topic from the harness: its size, its records, and every scored record's timing. */
final class TopicScan implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * The output records with numeric ids: their broker append times and the {@code created_at} they
     * carry (the send time), in topic order, and how many distinct ids there were.
     */
    record Outputs(long[] appendMillis, long[] createdMillis, int distinctIds) {
        int duplicates() {
            return appendMillis.length - distinctIds;
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;

    TopicScan(String bootstrapServers) {
        Map<String, Object> config = KafkaClients.reader(bootstrapServers);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        consumer = new KafkaConsumer<>(config);
    }

    /** How many records the topic holds (its end offset; one partition). */
    long size(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        return consumer.endOffsets(List.of(partition)).get(partition);
    }

    /** Reads the whole topic as of now; records whose id is not a number (readiness probes) are left out. */
    Outputs read(String topic, Duration timeout) {
        List<Long> appended = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        BitSet ids = new BitSet();
        forEach(topic, timeout, record -> {
            JsonNode output = readJson(record.value());
            String id = output.path("id").asText();
            if (!id.isEmpty() && id.chars().allMatch(Character::isDigit)) {
                ids.set(Integer.parseInt(id));
                appended.add(record.timestamp());
                created.add(output.path("created_at").asLong());
            }
        });
        return new Outputs(appended.stream().mapToLong(Long::longValue).toArray(),
                created.stream().mapToLong(Long::longValue).toArray(), ids.cardinality());
    }

    /** Hands every record the topic holds as of now to {@code action}, in topic order. */
    void forEach(String topic, Duration timeout, Consumer<ConsumerRecord<String, byte[]>> action) {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " took longer than " + timeout);
            }
            consumer.poll(POLL).forEach(action);
        }
        consumer.unsubscribe();
    }

    private static JsonNode readJson(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("an output record is not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
