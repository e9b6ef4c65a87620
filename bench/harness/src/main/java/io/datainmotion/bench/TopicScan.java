package io.datainmotion.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a single-partition output topic from the harness: its size, and every scored record's timing. */
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
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long[] appended = new long[(int) end];
        long[] created = new long[(int) end];
        BitSet ids = new BitSet();
        int count = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " took longer than " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                JsonNode output = readJson(record.value());
                String id = output.path("id").asText();
                if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                ids.set(Integer.parseInt(id));
                appended[count] = record.timestamp();
                created[count] = output.path("created_at").asLong();
                count++;
            }
        }
        consumer.unsubscribe();
        return new Outputs(Arrays.copyOf(appended, count), Arrays.copyOf(created, count), ids.cardinality());
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
