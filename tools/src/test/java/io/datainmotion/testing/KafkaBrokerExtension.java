package io.datainmotion.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.datainmotion.kafka.EmbeddedKafkaBroker;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.kafka.KafkaTopics;
import io.datainmotion.kafka.TopicReader;
import io.datainmotion.topology.FluxTopology;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real KRaft broker on a free 127.0.0.1 port for one test class, with a temporary data directory
 * removed afterwards. Register it as a static field with {@code @RegisterExtension}.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafkaBroker broker;
    private Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("dim-test-kafka-");
        broker = brokerOn(0);
    }

    /**
     * Tests produce records with event times fixed in the past (reproducible windows), which Kafka's
     * time-based retention, first checked 30 s after the broker starts, would delete mid-test; seen as
     * a reset-to-time finding no record and a consumer group moved to the log's end.
     */
    private EmbeddedKafkaBroker brokerOn(int port) {
        return EmbeddedKafkaBroker.builder().port(port).dataDir(dataDir).config("log.retention.ms", "-1").start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (dataDir != null) {
            PathUtils.deleteDirectory(dataDir);
        }
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    /** Stops the broker and starts it again on the same port with the same data. */
    public void restart() {
        int port = broker.port();
        broker.close();
        broker = brokerOn(port);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * The shipped {@code flux/local.properties}, pointed at this broker, with every tuple serialized
     * even inside one worker so that a payload Kryo cannot handle fails the test.
     */
    public Properties shippedProperties() {
        Properties properties = FluxTopology.properties(Path.of("flux/local.properties"));
        properties.setProperty("kafka.bootstrap.servers", bootstrapServers());
        properties.setProperty("topology.testing.always.try.serialize", "true");
        return properties;
    }

    public void createTopics(Collection<String> topics, int partitions) {
        KafkaTopics.ensure(KafkaClients.admin(bootstrapServers()), topics, partitions);
    }

    /** Sends each value (null allowed) without a key and waits until the broker has them all. */
    public void produce(String topic, List<byte[]> values) throws Exception {
        var config = KafkaClients.producer(bootstrapServers());
        config.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class);
        config.put("max.request.size", 8 * 1024 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            for (byte[] value : values) {
                sends.add(producer.send(new ProducerRecord<>(topic, value)));
            }
            for (var send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
    }

    public void produceLines(String topic, List<String> lines) throws Exception {
        produce(topic, lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** A reader of a topic from its beginning; the caller polls it, e.g. inside an Awaitility condition. */
    public TopicReader reader(String... topics) {
        return new TopicReader(KafkaClients.reader(bootstrapServers()), List.of(topics), true);
    }

    /** Polls once and adds what arrived to {@code into}; returns the new total. */
    public static int drain(TopicReader reader, List<ConsumerRecord<String, byte[]>> into) {
        for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
            into.add(record);
        }
        return into.size();
    }
}
