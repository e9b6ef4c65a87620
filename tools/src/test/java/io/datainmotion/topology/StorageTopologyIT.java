package io.datainmotion.topology;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.records.Outcome;
import io.datainmotion.kafka.SensorFeed;
import io.datainmotion.sensors.AlertRule;
import io.datainmotion.sensors.BruteForceWindows;
import io.datainmotion.sensors.Fault;
import io.datainmotion.sensors.ReadingParser;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.SensorSimulator;
import io.datainmotion.sensors.SimulatedMessage;
import io.datainmotion.sensors.ThresholdMapping;
import io.datainmotion.sensors.WindowAssertions;
import io.datainmotion.sensors.WindowConfig;
import io.datainmotion.sensors.WindowResult;
import io.datainmotion.storage.StorageSchema;
import io.datainmotion.testing.CsvMetrics;
import io.datainmotion.testing.KafkaBrokerExtension;
import io.datainmotion.testing.PostgresExtension;
import io.datainmotion.testing.SentimentRuns;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * flux/storage.yaml as shipped, beside the processing topologies, on a LocalCluster against a real
 * broker and a real PostgreSQL: every valid result is in its table exactly once whatever is replayed,
 * and every bad record is in dead_letters; a database stopped mid-stream loses and duplicates nothing.
 */
class StorageTopologyIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final WindowConfig WINDOWS = new WindowConfig(5_000, 1_000);
    private static final AlertRule ALERTS = new AlertRule(0.5, 25.0);

    private static LocalStorm storm;

    @BeforeAll
    static void start() {
        POSTGRES.migrate();
        storm = LocalStorm.start();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        POSTGRES.execute("TRUNCATE tweet_sentiment, sentiment_trends, sentiment_trend_hashtags, sensor_windows,"
                + " sensor_alerts, dead_letters");
    }

    @AfterEach
    void killWhatATestLeftRunning() {
        storm.killAll();
    }

    @AfterAll
    static void stop() {
        storm.close();
    }

    /** The shipped properties with topics and consumer groups of the run's own, this broker and this database. */
    private static Properties properties(String run) {
        Properties properties = KAFKA.shippedProperties();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(LocalStorm.TOPIC_PROPERTY_PREFIX)) {
                continue;
            }
            properties.setProperty(key, properties.getProperty(key) + "-" + run);
        }
        for (String group : List.of("sentiment.consumer.group", "sensors.consumer.group", "storage.consumer.group")) {
            properties.setProperty(group, properties.getProperty(group) + "-" + run);
        }
        properties.setProperty("sensors.state.topic.prefix", "storage-it-state-" + run);
        properties.setProperty("sensors.window.seconds", "5");
        properties.setProperty("sensors.allowed.lateness.seconds", "1");
        properties.setProperty("jdbc.url", POSTGRES.jdbcUrl());
        // Small transactions, so that a run is many batches.
        properties.setProperty("storage.batch.records", "50");
        KAFKA.createTopics(LocalStorm.topicsOf(properties), 1);
        return properties;
    }

    @Test
    void everyValidResultIsStoredOnceAndEveryBadRecordIsADeadLetter(@TempDir Path metricsDir) throws Exception {
        Properties properties = properties("all");
        String tweetsTopic = properties.getProperty("topic.tweets");

        // Tweets: 300 good ones, 60 of them sent twice (repeated ids), a NUL in one text, the poison corpus.
        List<byte[]> tweets = new ArrayList<>();
        Map<Long, String> poisonReasons = new TreeMap<>();
        Map<String, byte[]> poison = new HashMap<>();
        poison.put("invalid-json", "{\"id\": \"p\", \"text\": ".getBytes(StandardCharsets.UTF_8));
        poison.put("invalid-field", "{\"id\": \"p\", \"text\": {\"nested\": true}}".getBytes(StandardCharsets.UTF_8));
        poison.put("empty-text", "{\"id\": \"p\", \"text\": \"\"}".getBytes(StandardCharsets.UTF_8));
        poison.put("too-large", ("{\"text\": \"" + "long ".repeat(4000) + "\"}").getBytes(StandardCharsets.UTF_8));
        poison.put("invalid-utf8", new byte[] {'b', 'a', 'd', ' ', (byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28});
        poison.put("null-value", null);
        int good = 300;
        for (int i = 0; i < good; i++) {
            tweets.add(SentimentRuns.tweet("g" + i, i));
            if (i % 5 == 0) {
                tweets.add(SentimentRuns.tweet("g" + i, i));
            }
            if (i % 50 == 7) {
                for (Map.Entry<String, byte[]> bad : poison.entrySet()) {
                    poisonReasons.put((long) tweets.size(), bad.getKey());
                    tweets.add(bad.getValue());
                }
            }
        }
        tweets.add("{\"id\": \"nul\", \"text\": \"a NUL \\u0000 in a tweet\"}".getBytes(StandardCharsets.UTF_8));

        List<SimulatedMessage> readings = sensorStream(21, 6_000);
        BruteForceWindows reference = new BruteForceWindows(WINDOWS, new ThresholdMapping(25.0));
        ReadingParser parser = new ReadingParser(4096);
        long invalidReadings = 0;
        for (SimulatedMessage message : readings) {
            if (parser.parse(message.value()) instanceof Outcome.Accepted<SensorReading> valid) {
                reference.offer(valid.value());
            } else {
                invalidReadings++;
            }
        }
        List<WindowResult> expectedWindows = reference.closedWindows();
        Set<String> expectedAlerts = new TreeSet<>();
        expectedWindows.forEach(w -> ALERTS.evaluate(w).ifPresent(a -> expectedAlerts.add(a.key())));
        long sensorLetters = invalidReadings + reference.late().size();

        storm.submit(FluxTopology.load(Path.of("flux/storage.yaml"), properties));
        storm.submit(FluxTopology.load(Path.of("flux/sentiment.yaml"), properties));
        storm.submit(FluxTopology.load(Path.of("flux/sensors.yaml"), properties));
        KAFKA.produce(tweetsTopic, tweets);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(KAFKA.bootstrapServers()))) {
            SensorFeed.send(producer, properties.getProperty("topic.sensor.readings"), readings.iterator(), 0);
        }

        String readingsTopic = properties.getProperty("topic.sensor.readings");
        String sentimentTopic = properties.getProperty("topic.sentiment");
        await("everything stored").atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() ->
                POSTGRES.count("SELECT count(*) FROM tweet_sentiment WHERE id LIKE 'g%'") >= good
                && POSTGRES.count("SELECT count(*) FROM sensor_windows") >= expectedWindows.size()
                && POSTGRES.count("SELECT count(*) FROM sensor_alerts") >= expectedAlerts.size()
                && count("SELECT count(*) FROM dead_letters WHERE source_topic = ?", tweetsTopic) >= poisonReasons.size()
                && count("SELECT count(*) FROM dead_letters WHERE source_topic = ?", readingsTopic) >= sensorLetters
                && count("SELECT count(*) FROM dead_letters WHERE source_topic = ?", sentimentTopic) >= 1
                && POSTGRES.count("SELECT count(*) FROM sentiment_trends") >= 1);

        Set<String> expectedIds = new TreeSet<>();
        for (int i = 0; i < good; i++) {
            expectedIds.add("g" + i);
        }
        assertEquals(expectedIds, new TreeSet<>(column("SELECT id FROM tweet_sentiment")), "each valid tweet once, by id");
        Map<Long, String> storedPoison = new TreeMap<>();
        for (List<Object> row : POSTGRES.query("SELECT source_offset, reason FROM dead_letters WHERE source_topic = '"
                + tweetsTopic + "'")) {
            storedPoison.put((Long) row.get(0), (String) row.get(1));
        }
        assertEquals(poisonReasons, storedPoison, "every poison tweet, by offset, with its reason");
        List<List<Object>> refused = POSTGRES.query("SELECT reason, component, payload FROM dead_letters"
                + " WHERE source_topic = '" + sentimentTopic + "'");
        assertEquals(1, refused.size(), "the scored tweet with a NUL, refused by PostgreSQL: " + refused);
        assertEquals("database-refused", refused.get(0).get(0));
        assertTrue(new String((byte[]) refused.get(0).get(2), StandardCharsets.UTF_8).contains("\"id\":\"nul\""),
                "the letter keeps the original record");

        WindowAssertions.assertSameWindows(expectedWindows, storedWindows());
        assertEquals(expectedAlerts, new TreeSet<>(column("SELECT sensor_id || '@' || (extract(epoch FROM window_start) * 1000)::bigint"
                + " FROM sensor_alerts")));
        assertEquals(sensorLetters, count("SELECT count(*) FROM dead_letters WHERE source_topic = ?", readingsTopic));
        assertEquals(0, POSTGRES.count("SELECT count(*) FROM sentiment_trend_hashtags h"
                + " WHERE NOT EXISTS (SELECT 1 FROM sentiment_trends t WHERE t.window_start = h.window_start)"));

        // A replay of everything (a new consumer group reads every topic again) changes no row.
        storm.kill("storage");
        List<List<Object>> tweetsBefore = POSTGRES.query("SELECT * FROM tweet_sentiment ORDER BY id");
        List<List<Object>> windowsBefore = POSTGRES.query("SELECT * FROM sensor_windows ORDER BY sensor_id, window_start");
        List<List<Object>> lettersBefore = POSTGRES.query("SELECT source_topic, source_partition, source_offset, reason"
                + " FROM dead_letters ORDER BY 1, 2, 3");
        Properties replay = (Properties) properties.clone();
        replay.setProperty("storage.consumer.group", properties.getProperty("storage.consumer.group") + "-replay");
        FluxTopology replaying = FluxTopology.load(Path.of("flux/storage.yaml"), replay);
        MetricsReporters.addTo(replaying.config(), List.of(
                MetricsReporters.reporter(MetricsReporters.Kind.CSV, 1, metricsDir, MetricsReporters.DEFAULT_FILTER)));
        long recordsOnTopics = recordsOn(replay, "topic.sentiment", "topic.trends", "topic.sensor.averages",
                "topic.sensor.alerts", "topic.deadletters");
        storm.submit(replaying);
        await("the replay reads every topic again").atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() ->
                List.of("sentiment", "trends", "sensor-windows", "sensor-alerts", "dead-letters").stream()
                        .mapToLong(spout -> CsvMetrics.lastCount(metricsDir, spout, "records.acked")).sum() >= recordsOnTopics);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() ->
                POSTGRES.query("SELECT * FROM tweet_sentiment ORDER BY id").equals(tweetsBefore)
                && POSTGRES.query("SELECT * FROM sensor_windows ORDER BY sensor_id, window_start").equals(windowsBefore));
        assertEquals(lettersBefore, POSTGRES.query("SELECT source_topic, source_partition, source_offset, reason"
                + " FROM dead_letters ORDER BY 1, 2, 3"));
    }

    @Test
    void theDatabaseStoppedMidStreamLosesAndDuplicatesNothing(@TempDir Path metricsDir) throws Exception {
        Properties properties = properties("outage");
        String windowsTopic = properties.getProperty("topic.sensor.averages");
        int windows = 6_000;
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            long start = 1_764_000_000_000L + (i / 100) * 60_000L;
            records.add(JSON.writeValueAsBytes(new WindowResult("sensor-" + (i % 100), start, start + 60_000, i,
                    20.0 + i % 7, 19.0, 27.5, (i % 10) / 10.0)));
        }
        FluxTopology topology = FluxTopology.load(Path.of("flux/storage.yaml"), properties);
        MetricsReporters.addTo(topology.config(), List.of(
                MetricsReporters.reporter(MetricsReporters.Kind.CSV, 1, metricsDir, MetricsReporters.DEFAULT_FILTER)));
        storm.submit(topology);
        CompletableFuture<Void> producing = new SentimentRuns(KAFKA).produceSteadily(windowsTopic, records, 1_000);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> POSTGRES.count("SELECT count(*) FROM sensor_windows") >= 1_000);
        POSTGRES.stop();
        try {
            await("batches fail while the database is down").atMost(DEADLINE)
                    .until(() -> CsvMetrics.lastCount(metricsDir, "store", "batches.failed") >= 3);
        } finally {
            POSTGRES.start();
        }
        producing.get(60, TimeUnit.SECONDS);
        await("the topology recovers on its own").atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> POSTGRES.count("SELECT count(*) FROM sensor_windows") >= windows);

        assertEquals(windows, POSTGRES.count("SELECT count(*) FROM sensor_windows"), "no window lost or duplicated");
        assertEquals((long) windows * (windows - 1) / 2, POSTGRES.count("SELECT sum(readings) FROM sensor_windows"),
                "every window's own values");
        assertEquals(windows, POSTGRES.count("SELECT count(DISTINCT kafka_offset) FROM sensor_windows"));
        assertTrue(CsvMetrics.lastCount(metricsDir, "sensor-windows", "batches.replayed") >= 1, "the spout replayed");
        assertEquals("1", StorageSchema.currentVersion(POSTGRES.dataSource()));
    }

    /** How many records the topics hold (they have one partition each). */
    private static long recordsOn(Properties properties, String... topicProperties) {
        Map<String, Object> config = KafkaClients.reader(KAFKA.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topicProperties) {
                partitions.add(new TopicPartition(properties.getProperty(topic), 0));
            }
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static long count(String sql, String parameter) throws SQLException {
        return POSTGRES.count(sql.replace("?", "'" + parameter + "'"));
    }

    private static List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        for (List<Object> row : POSTGRES.query(sql)) {
            values.add(String.valueOf(row.get(0)));
        }
        return values;
    }

    private static List<WindowResult> storedWindows() throws SQLException {
        List<WindowResult> windows = new ArrayList<>();
        for (List<Object> row : POSTGRES.query("SELECT sensor_id, window_start, window_end, readings, mean_temperature,"
                + " min_temperature, max_temperature, fraction_above_threshold FROM sensor_windows")) {
            windows.add(new WindowResult((String) row.get(0), millis(row.get(1)), millis(row.get(2)), (Long) row.get(3),
                    (Double) row.get(4), (Double) row.get(5), (Double) row.get(6), (Double) row.get(7)));
        }
        return windows;
    }

    private static long millis(Object timestamp) {
        return timestamp instanceof OffsetDateTime time ? time.toInstant().toEpochMilli() : ((Timestamp) timestamp).getTime();
    }

    private static List<SimulatedMessage> sensorStream(long seed, long count) {
        SensorSimulator simulator = new SensorSimulator(new SensorSimulator.Settings(seed, 20, count,
                1_764_000_000_000L, 5, EnumSet.allOf(Fault.class), 0.03, 800, 8_000));
        List<SimulatedMessage> messages = new ArrayList<>();
        simulator.forEachRemaining(messages::add);
        return messages;
    }
}
