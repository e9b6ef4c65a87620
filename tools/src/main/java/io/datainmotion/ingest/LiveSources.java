package io.datainmotion.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.batch.KafkaSecurity;
import io.datainmotion.kafka.KafkaTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Builds an {@link Ingestion} for {@code x} or {@code bluesky} from the same properties file as the
 * topologies (keys {@code x.*}, {@code bluesky.*}, {@code ingest.*}, {@code topic.tweets} and the
 * Kafka client keys). Secrets come from the environment variables the properties name.
 */
public final class LiveSources {

    public static final String SOURCES = "x, bluesky";

    private LiveSources() {}

    /** What tests replace: the clock the back-off reads and how a source waits between attempts. */
    public record Timing(Clock clock, LiveSource.Pause pause) {}

    public static Ingestion create(String source, Properties properties, Map<String, String> environment)
            throws IOException, InterruptedException {
        return create(source, properties, environment, null);
    }

    /** @param timing null for the real clock and a pause that ends when ingestion stops */
    public static Ingestion create(String source, Properties properties, Map<String, String> environment,
                                   Timing timing) throws IOException, InterruptedException {
        String bootstrap = required(properties, "kafka.bootstrap.servers");
        String topic = properties.getProperty("topic.tweets", "tweets").strip();
        Map<String, Object> security = KafkaSecurity.fromProperties(properties, environment);
        Clock clock = timing == null ? Clock.systemUTC() : timing.clock();
        IngestMetrics metrics = new IngestMetrics(clock);
        int queueCapacity = Integer.parseInt(properties.getProperty("ingest.queue.capacity", "10000").strip());
        Duration metricsInterval = seconds(properties, "ingest.metrics.interval.seconds", 30);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        CountDownLatch stopping = new CountDownLatch(1);
        LiveSource.Pause pause = timing != null ? timing.pause()
                : delay -> !stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        LiveSource live;
        PostFilter filter;
        ResumePosition position = null;
        CursorFile cursorFile = null;
        switch (source) {
            case XStreamMessages.SOURCE -> {
                String tokenVariable = properties.getProperty("x.bearer.token.env", "X_BEARER_TOKEN").strip();
                String token = environment.get(tokenVariable);
                if (token == null || token.isBlank()) {
                    throw new IngestException("environment variable " + tokenVariable
                            + " (named by x.bearer.token.env) is not set: it must hold the X app's bearer token");
                }
                URI base = URI.create(properties.getProperty("x.api.base.url", "https://api.x.com").strip());
                List<String> rules = XRules.parse(properties.getProperty("x.rules", ""));
                if (!rules.isEmpty()) {
                    new XRules(http, base, token.strip()).sync(rules,
                            properties.getProperty("x.rules.tag", "data-in-motion").strip());
                }
                filter = new PostFilter(properties.getProperty("x.languages", "en"), "");
                live = new XFilteredStream(http, base, token.strip(), seconds(properties, "x.stall.timeout.seconds", 20),
                        new ReconnectPolicy(clock), metrics, pause);
            }
            case JetstreamEvents.SOURCE -> {
                URI url = URI.create(required(properties, "bluesky.jetstream.url"));
                cursorFile = new CursorFile(Path.of(properties.getProperty("bluesky.cursor.file", "var/bluesky-cursor").strip()));
                OptionalLong stored = cursorFile.read();
                position = new ResumePosition(stored.orElse(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant())));
                filter = new PostFilter(properties.getProperty("bluesky.languages", "en"),
                        properties.getProperty("bluesky.keywords", ""));
                live = new JetstreamSource(http, url, position, stored, seconds(properties, "bluesky.cursor.rewind.seconds", 5),
                        seconds(properties, "bluesky.stall.timeout.seconds", 60), new ReconnectPolicy(clock), metrics,
                        pause);
            }
            default -> throw new IllegalArgumentException("unknown source '" + source + "'; expected one of " + SOURCES);
        }
        Map<String, Object> admin = KafkaClients.admin(bootstrap);
        admin.putAll(security);
        KafkaTopics.ensure(admin, List.of(topic), 1);
        Map<String, Object> producerConfig = KafkaClients.producer(bootstrap);
        producerConfig.putAll(security);
        Producer<String, String> producer = new KafkaProducer<>(producerConfig);
        return new Ingestion(live, filter, producer, topic, metrics, position, cursorFile, queueCapacity, metricsInterval,
                stopping);
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + " has no value in the properties");
        }
        return value;
    }

    private static Duration seconds(Properties properties, String key, long defaultSeconds) {
        String value = properties.getProperty(key, Long.toString(defaultSeconds)).strip();
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of seconds, got '" + value + "'");
        }
    }
}
