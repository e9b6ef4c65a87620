package io.datainmotion.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer against a real PostgreSQL: idempotent, newest wins, refused content isolated, schema checked. */
class ResultWriterIT {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static ResultWriter writer;

    @BeforeAll
    static void migrate() {
        POSTGRES.migrate();
        writer = new ResultWriter(POSTGRES.dataSource());
    }

    @BeforeEach
    void empty() throws SQLException {
        POSTGRES.execute("TRUNCATE tweet_sentiment, sentiment_trends, sentiment_trend_hashtags, sensor_windows,"
                + " sensor_alerts, dead_letters");
    }

    static String tweet(String id, String text, long scoredAt) {
        return "{\"id\": \"" + id + "\", \"tweet\": \"" + text + "\", \"sentiment\": \"positive\", \"polarity\": 0.5,"
                + " \"scored_at\": " + scoredAt + ", \"created_at\": 1764000000000, \"source_topic\": \"tweets\","
                + " \"source_partition\": 0, \"source_offset\": 7}";
    }

    static List<ResultWriter.Record> records(ResultKind kind, String... values) {
        List<ResultWriter.Record> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ResultWriter.Record(i, rows(kind.rowsOf(values[i].getBytes(StandardCharsets.UTF_8),
                    new SourceRecord("in", 0, 100 + i)))));
        }
        return records;
    }

    @Test
    void writingABatchTwiceLeavesOneRowPerKey() throws SQLException {
        List<ResultWriter.Record> batch = records(ResultKind.TWEET_SENTIMENT,
                tweet("a", "one", 1000), tweet("b", "two", 1000), tweet("a", "one again", 1001));
        assertEquals(List.of(), writer.write(batch));
        assertEquals(List.of(), writer.write(batch));
        assertEquals(List.of(List.of("a", "one again"), List.of("b", "two")),
                POSTGRES.query("SELECT id, tweet FROM tweet_sentiment ORDER BY id"));
    }

    @Test
    void anOlderReplayNeverOverwritesANewerRow() throws SQLException {
        writer.write(records(ResultKind.TWEET_SENTIMENT, tweet("a", "newer", 2000)));
        writer.write(records(ResultKind.TWEET_SENTIMENT, tweet("a", "older", 1000)));
        assertEquals(List.of(List.of("newer")), POSTGRES.query("SELECT tweet FROM tweet_sentiment"));

        String window = "{\"sensorId\": \"s1\", \"windowStart\": 0, \"windowEnd\": 60000, \"count\": %d,"
                + " \"meanTemperature\": 20.0, \"minTemperature\": 19.0, \"maxTemperature\": 21.0, \"fractionAboveThreshold\": 0.0}";
        SourceRecord newer = new SourceRecord("sensor-averages", 0, 50);
        SourceRecord older = new SourceRecord("sensor-averages", 0, 40);
        writer.write(List.of(new ResultWriter.Record(0, rows(ResultKind.SENSOR_WINDOW.rowsOf(
                String.format(window, 6).getBytes(StandardCharsets.UTF_8), newer)))));
        writer.write(List.of(new ResultWriter.Record(0, rows(ResultKind.SENSOR_WINDOW.rowsOf(
                String.format(window, 5).getBytes(StandardCharsets.UTF_8), older)))));
        assertEquals(List.of(List.of(6L)), POSTGRES.query("SELECT readings FROM sensor_windows"));
    }

    @Test
    void refusedContentIsReturnedAndTheRestOfTheBatchIsCommitted() throws SQLException {
        List<ResultWriter.Record> batch = records(ResultKind.TWEET_SENTIMENT,
                tweet("ok1", "fine", 1000), tweet("nul", "a \\u0000 inside", 1000),
                tweet("far", "fine", 1000).replace("\"created_at\": 1764000000000", "\"created_at\": 9223372036854775807"),
                tweet("ok2", "fine", 1000));
        List<ResultWriter.Refusal> refused = writer.write(batch);
        assertEquals(List.of(1, 2), refused.stream().map(ResultWriter.Refusal::index).toList(), refused.toString());
        assertTrue(refused.get(0).detail().startsWith("22"), refused.get(0).detail());
        assertEquals(List.of(List.of("ok1"), List.of("ok2")), POSTGRES.query("SELECT id FROM tweet_sentiment ORDER BY id"));
    }

    @Test
    void aNewerTrendReplacesTheHashtagsOfItsWindow() throws SQLException {
        String trend = "{\"window_start\": 60000, \"window_end\": 120000,"
                + " \"overall\": {\"count\": 2, \"positive\": 1, \"negative\": 1, \"neutral\": 0, \"mean_polarity\": 0.0},"
                + " \"hashtags\": [%s], \"untracked_hashtags\": 0}";
        String sun = "{\"hashtag\": \"sun\", \"trend\": {\"count\": 1, \"positive\": 1, \"negative\": 0, \"neutral\": 0, \"mean_polarity\": 0.5}}";
        String rain = sun.replace("sun", "rain");
        writer.write(List.of(new ResultWriter.Record(0, rows(ResultKind.SENTIMENT_TREND.rowsOf(
                String.format(trend, sun + ", " + rain).getBytes(StandardCharsets.UTF_8), new SourceRecord("t", 0, 1))))));
        writer.write(List.of(new ResultWriter.Record(0, rows(ResultKind.SENTIMENT_TREND.rowsOf(
                String.format(trend, rain).getBytes(StandardCharsets.UTF_8), new SourceRecord("t", 0, 2))))));
        assertEquals(List.of(List.of("rain", 1)), POSTGRES.query("SELECT hashtag, rank FROM sentiment_trend_hashtags"));
        writer.write(List.of(new ResultWriter.Record(0, rows(ResultKind.SENTIMENT_TREND.rowsOf(
                String.format(trend, sun).getBytes(StandardCharsets.UTF_8), new SourceRecord("t", 0, 1))))));
        assertEquals(List.of(List.of("rain", 1)), POSTGRES.query("SELECT hashtag, rank FROM sentiment_trend_hashtags"),
                "an older replay leaves the newer window's hashtags");
    }

    @Test
    void aDeadLetterWithANulIsStoredWithItsOriginalBytes() throws SQLException {
        String letter = "{\"reason\": \"database-refused\", \"detail\": \"a \\u0000\", \"component\": \"store\","
                + " \"source\": {\"topic\": \"twitter_sentiment\", \"partition\": 0, \"offset\": 3},"
                + " \"payload\": \"x\\u0000y\", \"payload_encoding\": \"utf-8\", \"payload_bytes\": 3,"
                + " \"payload_truncated\": false, \"failed_at\": 1764000000300}";
        assertEquals(List.of(), writer.write(records(ResultKind.DEAD_LETTER, letter)));
        List<List<Object>> rows = POSTGRES.query("SELECT source_topic, reason, payload FROM dead_letters");
        assertEquals("twitter_sentiment", rows.get(0).get(0));
        assertEquals("x\u0000y", new String((byte[]) rows.get(0).get(2), StandardCharsets.UTF_8));
    }

    @Test
    void anUnmigratedDatabaseIsRefusedWithWhatToRun() throws SQLException {
        POSTGRES.execute("CREATE DATABASE unmigrated");
        String url = POSTGRES.jdbcUrl().replaceAll("/postgres$", "/unmigrated");
        try (HikariDataSource empty = POSTGRES.settings().withUrl(url).open("unmigrated")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> StorageSchema.requireMigrated(empty, url));
            assertTrue(e.getMessage().contains("bin/dim db migrate"), e.getMessage());
            StorageSchema.migrate(empty);
            StorageSchema.requireMigrated(empty, url);
        } finally {
            POSTGRES.execute("DROP DATABASE unmigrated");
        }
    }

    private static List<Row> rows(Outcome<List<Row>> outcome) {
        return ((Outcome.Accepted<List<Row>>) outcome).value();
    }
}
