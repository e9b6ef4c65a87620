package io.datainmotion.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.datainmotion.kafka.EmbeddedKafkaBroker;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.kafka.KafkaTopics;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.sentiment.ScoredTweet;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.storage.EmbeddedPostgresServer;
import io.datainmotion.storage.ResultKind;
import io.datainmotion.storage.Row;
import io.datainmotion.storage.StorageSchema;
import io.datainmotion.storage.StorageTable;
import io.datainmotion.topology.FluxTopology;
import io.datainmotion.topology.LocalStorm;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code bin/dim bench storage}: scored tweets from a topic into {@code tweet_sentiment}, by
 * flux/storage.yaml on a LocalCluster and by a plain loop (a KafkaConsumer polling the same batches,
 * each upserted with one JDBC batch and one commit), alternating in the same run against the same
 * in-process broker and PostgreSQL. Rows/s of the topology are counted from its first stored row to
 * its last (start-up excluded), of the loop from its first poll to its last commit.
 */
final class StorageBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "bench-twitter_sentiment";
    /** How often the topology's progress is counted: often enough for ~1 % resolution, rarely enough not to load the database. */
    private static final long LOOK_MS = 100;

    record Round(String engine, int round, long rows, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private final int records;
    private final int batchRecords;
    private final int poolSize;

    StorageBenchmark(int records, int batchRecords, int poolSize) {
        this.records = records;
        this.batchRecords = batchRecords;
        this.poolSize = poolSize;
    }

    List<Round> run(int rounds) throws Exception {
        List<Round> results = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.builder().start();
                HikariDataSource dataSource = postgres.settings(poolSize).open("bench")) {
            StorageSchema.migrate(dataSource);
            KafkaTopics.ensure(KafkaClients.admin(broker.bootstrapServers()), List.of(TOPIC), 1);
            produce(broker.bootstrapServers());
            System.err.printf("%,d scored tweets on %s; %d round(s) of each, batches of %d%n", records, TOPIC, rounds,
                    batchRecords);
            try (LocalStorm storm = LocalStorm.start()) {
                for (int round = 1; round <= rounds; round++) {
                    truncate(dataSource);
                    results.add(print(loop(broker.bootstrapServers(), dataSource, round)));
                    truncate(dataSource);
                    results.add(print(topology(storm, broker.bootstrapServers(), postgres.jdbcUrl(), dataSource, round)));
                }
            }
        }
        return results;
    }

    private static Round print(Round round) {
        System.err.printf("  %-8s round %d: %,d rows in %.2f s, %,.0f rows/s%n", round.engine(), round.round(), round.rows(),
                round.seconds(), round.rowsPerSecond());
        return round;
    }

    private void produce(String bootstrap) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(bootstrap))) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < records; i++) {
                String id = "t" + i;
                producer.send(new ProducerRecord<>(TOPIC, id, JSON.writeValueAsString(new ScoredTweet(id,
                        "Benchmark tweet number " + i + " #storage", i % 3 == 0 ? Sentiment.POSITIVE : Sentiment.NEUTRAL, (i % 200) / 100.0 - 1,
                        now + i, now - 1_000 + i, "tweets", 0, i))));
            }
            producer.flush();
        }
    }

    /** The plain loop: poll a batch, upsert its rows in one JDBC batch, commit. */
    private Round loop(String bootstrap, HikariDataSource dataSource, int round) throws SQLException {
        Map<String, Object> config = KafkaClients.reader(bootstrap);
        config.put("max.poll.records", batchRecords);
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        long rows = 0;
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(StorageTable.TWEET_SENTIMENT.upsertSql())) {
            connection.setAutoCommit(false);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (rows < records) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    Outcome<List<Row>> mapped = ResultKind.TWEET_SENTIMENT.rowsOf(record.value(),
                            new SourceRecord(record.topic(), record.partition(), record.offset()));
                    if (!(mapped instanceof Outcome.Accepted<List<Row>> accepted)) {
                        throw new IllegalStateException("the benchmark wrote a record the storage cannot map: " + mapped);
                    }
                    for (Row row : accepted.value()) {
                        Object[] values = row.values();
                        for (int i = 0; i < values.length; i++) {
                            upsert.setObject(i + 1, values[i]);
                        }
                        upsert.addBatch();
                        rows++;
                    }
                }
                if (!batch.isEmpty()) {
                    upsert.executeBatch();
                    connection.commit();
                }
            }
        }
        return new Round("loop", round, rows, (System.nanoTime() - started) / 1e9);
    }

    /** flux/storage.yaml as shipped, reading only the benchmark topic's records into the database. */
    private Round topology(LocalStorm storm, String bootstrap, String jdbcUrl, HikariDataSource dataSource, int round)
            throws Exception {
        Properties properties = FluxTopology.properties(ProjectHome.resolve("flux/local.properties"));
        properties.setProperty("kafka.bootstrap.servers", bootstrap);
        properties.setProperty("jdbc.url", jdbcUrl);
        properties.setProperty("jdbc.pool.size", Integer.toString(poolSize));
        properties.setProperty("storage.batch.records", Integer.toString(batchRecords));
        properties.setProperty("storage.consumer.group", "bench-storage-" + round + "-" + System.nanoTime());
        properties.setProperty("topic.sentiment", TOPIC);
        // The other result topics exist and are empty: the topology reads them as it would in production.
        for (String key : List.of("topic.trends", "topic.sensor.averages", "topic.sensor.alerts", "topic.deadletters")) {
            properties.setProperty(key, "bench-" + properties.getProperty(key));
        }
        LocalStorm.createTopics(bootstrap, properties);
        FluxTopology topology = FluxTopology.load(ProjectHome.resolve("flux/storage.yaml"), properties);
        storm.submit(topology);
        try {
            long firstRows = 0;
            long firstSeen = 0;
            long rows;
            while ((rows = count(dataSource)) < records) {
                if (firstSeen == 0 && rows > 0) {
                    firstSeen = System.nanoTime();
                    firstRows = rows;
                }
                Thread.sleep(LOOK_MS);
            }
            long done = System.nanoTime();
            if (firstSeen == 0) {
                // Everything arrived between two looks: count it all over the last interval.
                firstSeen = done - LOOK_MS * 1_000_000;
            }
            return new Round("topology", round, records - firstRows, (done - firstSeen) / 1e9);
        } finally {
            storm.kill(topology.name());
        }
    }

    private static long count(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM tweet_sentiment")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void truncate(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE tweet_sentiment");
            statement.execute("CHECKPOINT");
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
