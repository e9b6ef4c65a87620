package io.datainmotion.bolts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.batch.DeadLetters;
import io.datainmotion.storage.DatabaseSettings;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.PostgresExtension;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.storm.tuple.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store bolt with a recording collector against a real PostgreSQL. */
class JdbcBatchBoltIT {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void migrate() {
        POSTGRES.migrate();
    }

    private static String scored(String id, String text) {
        return "{\"id\": \"" + id + "\", \"tweet\": \"" + text + "\", \"sentiment\": \"neutral\", \"polarity\": 0.0,"
                + " \"scored_at\": 1764000000250, \"source_topic\": \"tweets\", \"source_partition\": 0, \"source_offset\": 1}";
    }

    private static JdbcBatchBolt bolt(DatabaseSettings settings, RecordingCollector recording) {
        JdbcBatchBolt bolt = new JdbcBatchBolt(settings).withTopic("twitter_sentiment", "TWEET_SENTIMENT");
        bolt.prepare(java.util.Map.of(), Contexts.forComponent("store").context(), recording.collector());
        return bolt;
    }

    @Test
    void storesABatchAndDeadLettersWhatItCannotStoreAfterTheCommit() throws Exception {
        RecordingCollector recording = new RecordingCollector();
        JdbcBatchBolt bolt = bolt(POSTGRES.settings(), recording);
        Tuple input = Tuples.recordBatch("twitter_sentiment", 0, 10,
                scored("b1", "fine"), scored("b2", "with a \\u0000 inside"), "not json", scored("b3", "fine"));
        bolt.execute(input);
        bolt.cleanup();

        assertEquals(List.of(input), recording.acked);
        assertEquals(List.of(List.of("b1"), List.of("b3")),
                POSTGRES.query("SELECT id FROM tweet_sentiment WHERE id LIKE 'b%' ORDER BY id"));
        List<RecordingCollector.Message> letters = recording.messages(DeadLetters.STREAM);
        assertEquals(2, letters.size());
        JsonNode refused = JSON.readTree(letters.get(0).message());
        assertEquals("database-refused", refused.get("reason").asText());
        assertEquals(11, refused.get("source").get("offset").asLong());
        assertEquals(scored("b2", "with a \\u0000 inside"), refused.get("payload").asText(), "the original record");
        assertEquals("invalid-json", JSON.readTree(letters.get(1).message()).get("reason").asText());
        assertEquals(List.of(input), letters.get(0).anchors());
    }

    @Test
    void aDatabaseThatIsDownFailsTheBatchUntilItIsBack() throws SQLException {
        RecordingCollector recording = new RecordingCollector();
        JdbcBatchBolt bolt = bolt(POSTGRES.settings(), recording);
        Tuple input = Tuples.recordBatch("twitter_sentiment", 0, 20, scored("d1", "while down"));
        POSTGRES.stop();
        try {
            bolt.execute(input);
            assertEquals(List.of(input), recording.failed);
            assertEquals(List.of(), recording.acked);
        } finally {
            POSTGRES.start();
        }
        // As the spout replays a failed batch: a pooled connection from before the restart may fail it once more.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            bolt.execute(input);
            return recording.acked.contains(input);
        });
        bolt.cleanup();
        assertEquals(List.of(input), recording.acked);
        assertEquals(1, POSTGRES.count("SELECT count(*) FROM tweet_sentiment WHERE id = 'd1'"));
    }

    @Test
    void aWorkerRefusesADatabaseWithoutTheSchema() throws SQLException {
        POSTGRES.execute("CREATE DATABASE bare");
        try {
            DatabaseSettings bare = POSTGRES.settings().withUrl(POSTGRES.jdbcUrl().replaceAll("/postgres$", "/bare"));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> bolt(bare, new RecordingCollector()));
            assertTrue(e.getMessage().contains("run 'bin/dim db migrate"), e.getMessage());
        } finally {
            POSTGRES.execute("DROP DATABASE bare");
        }
    }
}
