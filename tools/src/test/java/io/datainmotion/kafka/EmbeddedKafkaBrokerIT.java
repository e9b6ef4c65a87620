package io.datainmotion.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @Test
    void restartWithTheSameDataDirectoryKeepsTopicsAndRecords(@TempDir Path dir) throws Exception {
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).start()) {
            port = broker.port();
            assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"));
            KafkaTopics.ensure(KafkaClients.admin(broker.bootstrapServers()), List.of("kept"), 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(broker.bootstrapServers()))) {
                producer.send(new ProducerRecord<>("kept", "k", "survives a restart")).get(30, TimeUnit.SECONDS);
            }
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).dataDir(dir).start()) {
            assertTrue(KafkaTopics.list(KafkaClients.admin(broker.bootstrapServers())).contains("kept"));
            List<String> values = new ArrayList<>();
            try (TopicReader reader = new TopicReader(KafkaClients.reader(broker.bootstrapServers()), List.of("kept"), true)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                        values.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            assertEquals(List.of("survives a restart"), values);
        }
    }
}
