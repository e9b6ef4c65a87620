package io.datainmotion.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.EmbeddedKafkaBroker;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.kafka.KafkaTopics;
import io.datainmotion.kafka.TopicReader;
import io.datainmotion.testing.DimProcess;
import io.datainmotion.topology.FluxTopology;
import io.datainmotion.topology.LocalStorm;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The production path on a real multi-process cluster (ZooKeeper, Nimbus, a Supervisor and the worker
 * JVMs it launches), with the shaded jar submitted by {@code bin/dim submit} exactly as
 * {@code storm jar ... Flux --remote} would: the jar must be self-contained and every payload must
 * serialise between workers. The broker has a plaintext listener and a SASL/PLAIN one; the
 * SASL password exists only in this test's memory and the submitting process's environment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSubmissionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "storm";
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static final String PASSWORD_VARIABLE = "DIM_IT_KAFKA_PASSWORD";
    private static final Duration OUTPUT_DEADLINE = Duration.ofMinutes(3);

    private static Path kafkaDir;
    private static Path workDir;
    private static EmbeddedKafkaBroker broker;
    private static int saslPort;
    private static ProcessCluster cluster;
    /** Every process of the cluster ever seen, to prove at the end that none is left. */
    private static final Set<ProcessHandle> seen = new HashSet<>();

    @BeforeAll
    static void startBrokerAndCluster() throws IOException {
        kafkaDir = Files.createTempDirectory("dim-cluster-it-kafka-");
        int plainPort = EmbeddedKafkaBroker.freePort();
        saslPort = EmbeddedKafkaBroker.freePort();
        int controllerPort = EmbeddedKafkaBroker.freePort();
        broker = EmbeddedKafkaBroker.builder().port(plainPort).dataDir(kafkaDir)
                .config("listeners", "PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                        + ",CONTROLLER://127.0.0.1:" + controllerPort)
                .config("advertised.listeners", "PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort)
                .config("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
                .config("controller.quorum.voters", "1@127.0.0.1:" + controllerPort)
                .config("sasl.enabled.mechanisms", "PLAIN")
                .config("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + USER + "=\"" + PASSWORD + "\";")
                .start();
        workDir = Files.createDirectories(Path.of("target/cluster-it"));
        cluster = ProcessCluster.start(StormInstallation.of(Path.of("")), Path.of("config/storm-cluster"),
                workDir.resolve("cluster"), Duration.ofMinutes(3)).stopsWhenThisJvmEnds();
        seen.addAll(cluster.processes());
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (cluster != null) {
            cluster.stop(Duration.ofSeconds(30));
        }
        if (broker != null) {
            broker.close();
        }
        if (kafkaDir != null) {
            PathUtils.deleteDirectory(kafkaDir);
        }
    }

    @Test
    @Order(1)
    void sentimentTopologyRunsAcrossTwoWorkerProcesses() throws Exception {
        Properties properties = localPropertiesFor(broker.bootstrapServers(), "plain");
        Path filter = write(properties, "plain.properties");
        createTopics(properties);

        DimProcess.Result submitted = DimProcess.run(Map.of(), 240, "submit", "flux/sentiment.yaml",
                "--filter", filter.toString(), "--storm-yaml", cluster.stormYaml().toString(),
                "-c", "topology.workers=2", "-c", "topology.disable.loadaware.messaging=true",
                "-c", "topology.stats.sample.rate=1.0");
        assertEquals(0, submitted.exitCode(), submitted.output());

        List<String> ids = produceTweets(properties.getProperty("topic.tweets"), 200);
        assertEquals(Set.copyOf(ids), scoredIds(properties.getProperty("topic.sentiment"), ids));

        try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
            String id = client.topology("sentiment").orElseThrow().get_id();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<Integer, Long> byWorker = client.tuplesByWorkerPort(id);
                assertEquals(2, byWorker.size(), "two worker processes: " + byWorker);
                assertTrue(byWorker.values().stream().allMatch(n -> n > 0), "both workers handled tuples: " + byWorker);
            });
            seen.addAll(cluster.processes());
            kill(client, "sentiment");
        }
    }

    @Test
    @Order(2)
    void withoutValidCredentialsTheSubmissionIsRefusedWithTheReason() throws Exception {
        Properties properties = saslProperties();
        Path filter = write(properties, "sasl.properties");
        createTopics(properties);
        String[] submit = {"submit", "flux/sentiment.yaml", "--filter", filter.toString(),
            "--storm-yaml", cluster.stormYaml().toString()};

        DimProcess.Result wrongPassword = DimProcess.run(Map.of(PASSWORD_VARIABLE, "not-" + PASSWORD), 120, submit);
        assertEquals(1, wrongPassword.exitCode(), wrongPassword.output());
        assertTrue(wrongPassword.output().contains("Kafka at 127.0.0.1:" + saslPort + " refused the client: "
                + "Authentication failed"), wrongPassword.output());

        DimProcess.Result noPassword = DimProcess.run(Map.of(), 120, submit);
        assertEquals(1, noPassword.exitCode(), noPassword.output());
        assertTrue(noPassword.output().contains("environment variable " + PASSWORD_VARIABLE
                + " (named by kafka.sasl.password.env) is not set"), noPassword.output());

        properties.setProperty("kafka.security.protocol", "PLAINTEXT");
        Path plaintext = write(properties, "sasl-port-plaintext.properties");
        DimProcess.Result noSasl = DimProcess.run(Map.of(), 120, "submit", "flux/sentiment.yaml",
                "--filter", plaintext.toString(), "--storm-yaml", cluster.stormYaml().toString());
        assertEquals(1, noSasl.exitCode(), noSasl.output());
        assertTrue(noSasl.output().contains("no answer from Kafka at 127.0.0.1:" + saslPort + " within 10 s: it is not "
                + "running, or it expects another kafka.security.protocol than PLAINTEXT"), noSasl.output());

        try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
            assertEquals(List.of(), client.topologies(), "nothing was submitted");
        }
    }

    @Test
    @Order(3)
    void sentimentTopologyReadsAndWritesThroughSaslWithTheEnvironmentsCredentials() throws Exception {
        Properties properties = saslProperties();
        Path filter = write(properties, "sasl.properties");
        createTopics(properties);
        assertFalse(Files.readString(filter).contains(PASSWORD), "no password in the properties file");

        DimProcess.Result submitted = DimProcess.run(Map.of(PASSWORD_VARIABLE, PASSWORD), 240, "submit",
                "flux/sentiment.yaml", "--filter", filter.toString(), "--storm-yaml", cluster.stormYaml().toString());
        assertEquals(0, submitted.exitCode(), submitted.output());

        List<String> ids = produceTweets(properties.getProperty("topic.tweets"), 50);
        assertEquals(Set.copyOf(ids), scoredIds(properties.getProperty("topic.sentiment"), ids));

        seen.addAll(cluster.processes());
        try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
            kill(client, "sentiment");
        }
    }

    @Test
    @Order(4)
    void stopLeavesNoProcessNoListeningPortAndNoState() {
        seen.addAll(cluster.processes());
        assertTrue(seen.size() >= 5, "ZooKeeper, Nimbus, Supervisor and at least one worker were seen: " + seen);
        List<Integer> ports = cluster.state().ports();

        List<String> notes = cluster.stop(Duration.ofSeconds(30));

        assertEquals(List.of(), notes);
        seen.forEach(p -> assertFalse(p.isAlive(), "process " + p.pid() + " " + p.info().commandLine().orElse("")));
        assertEquals(Set.of(), cluster.processes());
        ports.forEach(port -> assertFalse(ProcessCluster.listening(port), "port " + port + " is still in use"));
        assertTrue(ProcessCluster.find(cluster.directory()).isEmpty(), "the state file is gone");
        assertFalse(Files.exists(cluster.home()), "storm.home is gone");
        assertTrue(Files.isDirectory(cluster.logDir()), "the logs stay");
    }

    private static Properties localPropertiesFor(String bootstrap, String suffix) {
        Properties properties = FluxTopology.properties(Path.of("flux/local.properties"));
        properties.setProperty("kafka.bootstrap.servers", bootstrap);
        properties.setProperty("topic.tweets", "tweets-" + suffix);
        properties.setProperty("topic.sentiment", "twitter_sentiment-" + suffix);
        properties.setProperty("topic.deadletters", "dead-letters-" + suffix);
        properties.setProperty("sentiment.consumer.group", "dim-sentiment-" + suffix);
        return properties;
    }

    private static Properties saslProperties() {
        Properties properties = localPropertiesFor("127.0.0.1:" + saslPort, "sasl");
        properties.setProperty("kafka.security.protocol", "SASL_PLAINTEXT");
        properties.setProperty("kafka.sasl.mechanism", "PLAIN");
        properties.setProperty("kafka.sasl.username", USER);
        properties.setProperty("kafka.sasl.password.env", PASSWORD_VARIABLE);
        return properties;
    }

    private static Path write(Properties properties, String name) throws IOException {
        Path file = workDir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "written by ClusterSubmissionIT");
        }
        return file;
    }

    /** Through the plaintext listener: the topics are the same on every listener. */
    private static void createTopics(Properties properties) {
        KafkaTopics.ensure(KafkaClients.admin(broker.bootstrapServers()), LocalStorm.topicsOf(properties), 2);
    }

    private static List<String> produceTweets(String topic, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(broker.bootstrapServers()))) {
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = topic + "-" + i;
                ids.add(id);
                String text = i % 2 == 0 ? "What a wonderful, happy day " + i : "This queue is terrible and slow " + i;
                sends.add(producer.send(new ProducerRecord<>(topic, JSON.writeValueAsString(Map.of("id", id, "text", text)))));
            }
            for (var send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
        return ids;
    }

    /** The ids on the output topic once every expected one is there (under at-least-once some may repeat). */
    private static Set<String> scoredIds(String topic, List<String> expected) {
        Set<String> ids = new HashSet<>();
        try (TopicReader reader = new TopicReader(KafkaClients.reader(broker.bootstrapServers()), List.of(topic), true)) {
            await().atMost(OUTPUT_DEADLINE).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    JsonNode value = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
                    ids.add(value.get("id").asText());
                }
                return ids.containsAll(expected);
            });
        }
        return ids;
    }

    private static void kill(StormClusterClient client, String name) {
        client.kill(name, 0);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.topology(name).isEmpty());
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.summary().get_supervisors().stream().mapToInt(s -> s.get_num_used_workers()).sum() == 0);
    }
}
