package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.testing.DimProcess;
import io.datainmotion.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** bin/dim produce and consume against a real broker. */
class KafkaCommandsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private final DimRunner dim = new DimRunner();

    @Test
    void producedLinesComeBackOnePerLineUpToMax(@TempDir Path dir) throws Exception {
        KAFKA.createTopics(List.of("cli-lines"), 1);
        Path file = dir.resolve("lines.txt");
        Files.writeString(file, "first tweet\n{\"text\": \"second\"}\n\nfourth, after an empty line\n");

        assertEquals(0, dim.run("produce", "cli-lines", file.toString(), "--bootstrap", KAFKA.bootstrapServers()));
        assertTrue(dim.err().startsWith("sent 4 records to cli-lines in "), dim.err());

        assertEquals(0, dim.run("consume", "cli-lines", "--from-beginning", "--max", "3",
                "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals(List.of("first tweet", "{\"text\": \"second\"}", ""), dim.out().lines().toList());
    }

    @Test
    void consumeStopsAfterTheIdleTimeout() {
        KAFKA.createTopics(List.of("cli-quiet"), 1);
        assertEquals(0, dim.run("consume", "cli-quiet", "--timeout", "1", "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("", dim.out());
    }

    @Test
    void missingTopicIsAOneLineError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lines.txt");
        Files.writeString(file, "x\n");
        assertEquals(1, dim.run("produce", "no-such-topic", file.toString(), "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("dim produce: topic no-such-topic does not exist on " + KAFKA.bootstrapServers(), dim.err().strip());
    }

    @Test
    void badArgumentsAreOneLineErrorsWithExitCode2() {
        assertEquals(2, dim.run("consume"));
        assertEquals(1, dim.err().strip().lines().count(), dim.err());
        assertTrue(dim.err().startsWith("dim: Missing required parameter: 'TOPIC'"), dim.err());
        assertTrue(dim.err().contains("bin/dim consume --help"), dim.err());
    }

    @Test
    void validateChecksTheTopicsOnTheBrokerGivenByBootstrap() {
        KAFKA.createTopics(List.of("tweets", "twitter_sentiment", "dead-letters"), 1);
        assertEquals(1, dim.run("validate", "flux/sentiment.yaml", "--bootstrap", KAFKA.bootstrapServers()));
        assertTrue(dim.out().contains("sentiment-trends"), dim.out());

        KAFKA.createTopics(List.of("sentiment-trends"), 1);
        assertEquals(0, dim.run("validate", "flux/sentiment.yaml", "--bootstrap", KAFKA.bootstrapServers()));
        assertTrue(dim.out().strip().endsWith("flux/sentiment.yaml: OK"), dim.out());
    }

    /** In a JVM of its own: the failure this guards against halted the JVM. */
    @Test
    void localStoppedBeforeItsWorkerStartedStopsCleanly() throws Exception {
        DimProcess.Result result = DimProcess.run(Map.of(), 180, "local", "flux/sentiment.yaml",
                "--bootstrap", KAFKA.bootstrapServers(), "--duration", "1");
        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("Halting process"), result.output());
    }

    @Test
    void topicsAreCreatedAndAlteredWithPartitionsReplicationAndConfigs() throws Exception {
        assertEquals(0, dim.run("topics", "create", "cli-compacted", "--partitions", "3", "--replication-factor", "1",
                "--config", "cleanup.policy=compact", "--bootstrap", KAFKA.bootstrapServers()), dim.err());
        assertEquals(0, dim.run("topics", "alter", "cli-compacted", "--partitions", "4", "--config", "retention.ms=60000",
                "--bootstrap", KAFKA.bootstrapServers()), dim.err());
        assertEquals(0, dim.run("topics", "describe", "cli-compacted", "--bootstrap", KAFKA.bootstrapServers()), dim.err());
        assertEquals(0, dim.run("topics", "list", "--bootstrap", KAFKA.bootstrapServers()), dim.err());

        try (Admin admin = Admin.create(KafkaClients.admin(KAFKA.bootstrapServers()))) {
            assertEquals(4, admin.describeTopics(List.of("cli-compacted")).allTopicNames().get()
                    .get("cli-compacted").partitions().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "cli-compacted");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals("compact", config.get("cleanup.policy").value());
            assertEquals("60000", config.get("retention.ms").value());
        }
        assertEquals(1, dim.run("topics", "create", "cli-compacted", "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals(1, dim.err().strip().lines().count(), dim.err());
        assertTrue(dim.err().contains("already exists"), dim.err());
    }

    @Test
    void keyedLinesComeBackWithTheirKeysPartitionsAndOffsets(@TempDir Path dir) throws Exception {
        KAFKA.createTopics(List.of("cli-keyed"), 2);
        Path file = Files.writeString(dir.resolve("keyed.txt"), "s1:21.5\ns2:19.0\ns1:22.0\n");

        assertEquals(0, dim.run("produce", "cli-keyed", file.toString(), "--key-separator", ":",
                "--bootstrap", KAFKA.bootstrapServers()), dim.err());
        assertEquals(0, dim.run("consume", "cli-keyed", "--from-beginning", "--max", "3", "--print-key",
                "--key-separator", "=", "--print-metadata", "--bootstrap", KAFKA.bootstrapServers()));

        List<String> lines = dim.out().lines().toList();
        assertEquals(3, lines.size(), dim.out());
        assertTrue(lines.stream().allMatch(l -> l.matches("partition=[01] offset=\\d+ timestamp=\\S+Z s[12]=\\d+\\.\\d")), dim.out());
        List<String> s1 = lines.stream().filter(l -> l.contains(" s1=")).toList();
        assertEquals(2, s1.size(), dim.out());
        assertEquals(s1.get(0).substring(0, 11), s1.get(1).substring(0, 11), "one key, one partition: " + s1);
        assertTrue(s1.get(0).endsWith("s1=21.5") && s1.get(1).endsWith("s1=22.0"), "in order: " + s1);
    }

    @Test
    void aLineWithoutTheKeySeparatorIsNamed(@TempDir Path dir) throws Exception {
        KAFKA.createTopics(List.of("cli-keyed-bad"), 1);
        Path file = Files.writeString(dir.resolve("keyed.txt"), "a:1\nno separator\n");
        assertEquals(1, dim.run("produce", "cli-keyed-bad", file.toString(), "--key-separator", ":",
                "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("dim produce: line 2 has no key separator ':'", dim.err().strip());
    }

    @Test
    void lagShowsCommittedOffsetsAndResetMovesThemToATime() throws Exception {
        KAFKA.createTopics(List.of("cli-lag"), 2);
        long start = 1_700_000_000_000L;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(KAFKA.bootstrapServers()))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("cli-lag", i % 2, start + i * 1000L, null, "r" + i));
            }
        }
        Map<String, Object> consumerConfig = KafkaClients.reader(KAFKA.bootstrapServers());
        consumerConfig.put("group.id", "cli-lag-group");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.commitSync(Map.of(new TopicPartition("cli-lag", 0), new OffsetAndMetadata(5),
                    new TopicPartition("cli-lag", 1), new OffsetAndMetadata(1)));
        }

        assertEquals(0, dim.run("lag", "cli-lag-group", "--bootstrap", KAFKA.bootstrapServers()), dim.err());
        assertTrue(dim.out().lines().anyMatch(l -> l.matches("cli-lag-group\\s+cli-lag\\s+0\\s+5\\s+5\\s+0")), dim.out());
        assertTrue(dim.out().lines().anyMatch(l -> l.matches("cli-lag-group\\s+cli-lag\\s+1\\s+1\\s+5\\s+4")), dim.out());
        assertTrue(dim.out().contains("total lag 4"), dim.out());

        // records 4..9 are at or after start + 4 s: partition 0 holds 0,2,4,6,8 (from offset 2), partition 1 holds 1,3,5,7,9 (from 2)
        String at = java.time.Instant.ofEpochMilli(start + 4000).toString();
        assertEquals(0, dim.run("reset-offsets", "cli-lag-group", "--to-time", at, "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals(List.of(5L, 1L), committed("cli-lag-group"), "a dry run changes nothing");
        assertEquals(0, dim.run("reset-offsets", "cli-lag-group", "--to-time", at, "--execute",
                "--bootstrap", KAFKA.bootstrapServers()), dim.err());
        assertEquals(List.of(2L, 2L), committed("cli-lag-group"));
    }

    private static List<Long> committed(String group) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.admin(KAFKA.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return List.of(offsets.get(new TopicPartition("cli-lag", 0)).offset(),
                    offsets.get(new TopicPartition("cli-lag", 1)).offset());
        }
    }

    @Test
    void clientSecurityComesFromThePropertiesAndAMissingPasswordIsNamed(@TempDir Path dir) throws Exception {
        Path properties = Files.writeString(dir.resolve("secured.properties"),
                "kafka.security.protocol=SASL_PLAINTEXT\nkafka.sasl.mechanism=SCRAM-SHA-512\nkafka.sasl.username=dim\n"
                + "kafka.sasl.password.env=DIM_TEST_UNSET_PASSWORD\n");
        assertEquals(1, dim.run("lag", "--client-properties", properties.toString(), "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("dim lag: environment variable DIM_TEST_UNSET_PASSWORD (named by kafka.sasl.password.env) is not set",
                dim.err().strip());
    }

    @Test
    void nonPositiveMaxIsRefused() {
        KAFKA.createTopics(List.of("cli-any"), 1);
        assertEquals(1, dim.run("consume", "cli-any", "--max", "0", "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("dim consume: --max must be positive", dim.err().strip());
    }
}
