package io.datainmotion.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.topology.LocalStorm;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs of the sentiment pipeline for fault tests: topics and a consumer group of the run's own,
 * tweets with unique ids, steady background production, and accounting of every input record.
 */
public final class SentimentRuns {

    public static final Duration DEADLINE = Duration.ofSeconds(180);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEXTS = List.of(
            "I love this, what a wonderful morning", "This is terrible, I hate queues",
            "The bus leaves at noon", "Great job everyone!", "Not good at all, very disappointing");

    private final KafkaBrokerExtension kafka;

    public SentimentRuns(KafkaBrokerExtension kafka) {
        this.kafka = kafka;
    }

    /** The shipped properties pointed at the test broker, with topics of the run's own, created. */
    public Properties properties(String run, int partitions) {
        Properties properties = kafka.shippedProperties();
        for (String topic : List.of("topic.tweets", "topic.sentiment", "topic.deadletters", "topic.trends")) {
            properties.setProperty(topic, properties.getProperty(topic) + "-" + run);
        }
        properties.setProperty("sentiment.consumer.group", "dim-" + run);
        kafka.createTopics(LocalStorm.topicsOf(properties), partitions);
        return properties;
    }

    public static byte[] tweet(String id, int i) {
        try {
            return JSON.writeValueAsBytes(Map.of("id", id, "text", TEXTS.get(i % TEXTS.size()) + " #" + id));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} tweets with ids {@code prefix0 ... prefix(count-1)}. */
    public static List<byte[]> tweets(String prefix, int count) {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(tweet(prefix + i, i));
        }
        return values;
    }

    public DeliveryReport report(String run, Properties properties) {
        return new DeliveryReport(run, kafka, properties.getProperty("topic.tweets"),
                properties.getProperty("topic.sentiment"), properties.getProperty("topic.deadletters"));
    }

    public static void awaitAll(DeliveryReport report, int sent) {
        await().atMost(DEADLINE).pollInterval(Duration.ZERO).until(() -> report.poll() >= sent);
    }

    /** Sends values at about {@code perSecond} in the background, so a fault can strike mid-stream. */
    public CompletableFuture<Void> produceSteadily(String topic, List<byte[]> values, int perSecond) {
        return CompletableFuture.runAsync(() -> {
            var config = KafkaClients.producer(kafka.bootstrapServers());
            config.put("value.serializer", ByteArraySerializer.class);
            config.put("delivery.timeout.ms", 120_000);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
                long start = System.nanoTime();
                List<Future<?>> sends = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    sends.add(producer.send(new ProducerRecord<>(topic, values.get(i))));
                    long ahead = start + TimeUnit.SECONDS.toNanos(i) / perSecond - System.nanoTime();
                    if (ahead > 0) {
                        LockSupport.parkNanos(ahead);
                    }
                }
                for (Future<?> send : sends) {
                    send.get(120, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                throw new IllegalStateException("background producer failed", e);
            }
        });
    }

    /** Every produced id was scored, at least once, and no input was both scored and dead-lettered. */
    public static void assertEveryIdScored(DeliveryReport report, String prefix, int count) {
        Set<String> ids = new HashSet<>();
        report.outputs().values().forEach(v -> ids.add(v.get("id").asText()));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < count; i++) {
            expected.add(prefix + i);
        }
        assertEquals(expected, ids);
        assertEquals(List.of(), report.inBoth());
    }
}
