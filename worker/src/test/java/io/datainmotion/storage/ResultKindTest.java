package io.datainmotion.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.sensors.AlertRule;
import io.datainmotion.sensors.WindowResult;
import io.datainmotion.sentiment.ScoredTweet;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.trends.TrendWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field of every published format lands in its column; anything else is refused with a reason. */
class ResultKindTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SourceRecord FROM = new SourceRecord("results", 2, 77);

    private static OffsetDateTime utc(long millis) {
        return OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private static byte[] bytes(Object value) throws Exception {
        return JSON.writeValueAsBytes(value);
    }

    @Test
    void aScoredTweetAsTheSentimentBoltWritesIt() throws Exception {
        ScoredTweet tweet = new ScoredTweet("1864", "What a wonderful morning! #sun", Sentiment.POSITIVE, 0.6114,
                1764000000250L, 1764000000000L, "tweets", 0, 41);
        List<Row> rows = rows(ResultKind.TWEET_SENTIMENT.rowsOf(bytes(tweet), FROM));
        assertEquals(List.of(new Row(StorageTable.TWEET_SENTIMENT, new Object[] {"1864", "What a wonderful morning! #sun",
            "positive", 0.6114, utc(1764000000250L), utc(1764000000000L), "tweets", 0, 41L, 2, 77L})), rows);
        ScoredTweet noTime = new ScoredTweet("tweets-0-3", "x", Sentiment.NEUTRAL, 0.0, 5L, null, "tweets", 0, 3);
        assertNull(rows(ResultKind.TWEET_SENTIMENT.rowsOf(bytes(noTime), FROM)).get(0).value("created_at"));
    }

    @Test
    void aTrendWindowBecomesOneRowAndOneRowPerHashtagInRankOrder() throws Exception {
        TrendWindow.Trend sun = new TrendWindow.Trend(3, 2, 1, 0, 0.25);
        TrendWindow.Trend rain = new TrendWindow.Trend(1, 0, 1, 0, -0.5);
        TrendWindow window = new TrendWindow(60_000, 120_000, new TrendWindow.Trend(10, 5, 3, 2, 0.177),
                List.of(new TrendWindow.HashtagTrend("sun", sun), new TrendWindow.HashtagTrend("rain", rain)), 4);
        List<Row> rows = rows(ResultKind.SENTIMENT_TREND.rowsOf(bytes(window), FROM));
        assertEquals(List.of(
                new Row(StorageTable.SENTIMENT_TRENDS, new Object[] {utc(60_000), utc(120_000), 10L, 5L, 3L, 2L, 0.177, 4L, 2, 77L}),
                new Row(StorageTable.SENTIMENT_TREND_HASHTAGS, new Object[] {utc(60_000), "sun", 1, 3L, 2L, 1L, 0L, 0.25, 2, 77L}),
                new Row(StorageTable.SENTIMENT_TREND_HASHTAGS, new Object[] {utc(60_000), "rain", 2, 1L, 0L, 1L, 0L, -0.5, 2, 77L})),
                rows);
    }

    @Test
    void aSensorWindowAndItsAlert() throws Exception {
        WindowResult window = new WindowResult("sensor-17", 1764000000000L, 1764000060000L, 60, 25.31, 23.9, 26.8, 0.55);
        assertEquals(List.of(new Row(StorageTable.SENSOR_WINDOWS, new Object[] {"sensor-17", utc(1764000000000L),
            utc(1764000060000L), 60L, 25.31, 23.9, 26.8, 0.55, 2, 77L})), rows(ResultKind.SENSOR_WINDOW.rowsOf(bytes(window), FROM)));
        AlertRule.Alert alert = new AlertRule(0.5, 25.0).evaluate(window).orElseThrow();
        assertEquals(List.of(new Row(StorageTable.SENSOR_ALERTS, new Object[] {"sensor-17", utc(1764000000000L),
            utc(1764000060000L), 0.55, 0.5, 25.0, 25.31, 26.8, 2, 77L})), rows(ResultKind.SENSOR_ALERT.rowsOf(bytes(alert), FROM)));
    }

    @Test
    void aDeadLetterKeepsItsPayloadAsTheOriginalBytes() {
        String letter = "{\"reason\": \"invalid-utf8\", \"detail\": \"d\", \"component\": \"validate\","
                + " \"source\": {\"topic\": \"tweets\", \"partition\": 1, \"offset\": 97}, \"payload\": \"/yg=\","
                + " \"payload_encoding\": \"base64\", \"payload_bytes\": 2, \"payload_truncated\": false, \"failed_at\": 1764000000300}";
        Row row = rows(ResultKind.DEAD_LETTER.rowsOf(letter.getBytes(StandardCharsets.UTF_8), FROM)).get(0);
        assertEquals("tweets", row.value("source_topic"));
        assertEquals(1, row.value("source_partition"));
        assertEquals(97L, row.value("source_offset"));
        assertEquals("invalid-utf8", row.value("reason"));
        assertArrayEquals(new byte[] {(byte) 0xff, 0x28}, (byte[]) row.value("payload"));
        assertEquals(utc(1764000000300L), row.value("failed_at"));
        String nul = letter.replace("\"d\"", "\"a \\u0000\"").replace("\"/yg=\"", "null");
        Row cleaned = rows(ResultKind.DEAD_LETTER.rowsOf(nul.getBytes(StandardCharsets.UTF_8), FROM)).get(0);
        assertEquals("a \uFFFD", cleaned.value("detail"), "PostgreSQL text holds no NUL; a letter must always be storable");
        assertNull(cleaned.value("payload"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all                                    | invalid-json",
        "[1, 2]                                             | not-an-object",
        "{\"id\": \"a\"}                                    | missing-field",
        "{\"id\": \"a\", \"tweet\": 3}                      | wrong-type",
        "{\"id\": 1.5, \"tweet\": \"t\"}                    | wrong-type",
        "{\"id\": \"a\"} trailing                           | invalid-json",
    })
    void aRecordNotOfItsKindsShapeIsRefusedWithAReason(String value, String reason) {
        assertEquals(reason, refusal(ResultKind.TWEET_SENTIMENT.rowsOf(value.getBytes(StandardCharsets.UTF_8), FROM)));
    }

    @Test
    void nullAndInvalidUtf8AreRefused() {
        assertEquals("null-value", refusal(ResultKind.SENSOR_WINDOW.rowsOf(null, FROM)));
        assertEquals("invalid-utf8", refusal(ResultKind.SENSOR_WINDOW.rowsOf(new byte[] {(byte) 0xc3}, FROM)));
    }

    private static String refusal(Outcome<List<Row>> outcome) {
        return ((Outcome.Rejected<List<Row>>) assertInstanceOf(Outcome.Rejected.class, outcome, outcome::toString))
                .rejection().reason();
    }

    private static List<Row> rows(Outcome<List<Row>> outcome) {
        return ((Outcome.Accepted<List<Row>>) assertInstanceOf(Outcome.Accepted.class, outcome, outcome::toString)).value();
    }

    @Test
    void upsertsUpdateOnlyWhenNotOlder() {
        assertEquals("INSERT INTO sensor_windows (sensor_id, window_start, window_end, readings, mean_temperature,"
                + " min_temperature, max_temperature, fraction_above_threshold, kafka_partition, kafka_offset)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sensor_id, window_start) DO UPDATE SET"
                + " window_end = EXCLUDED.window_end, readings = EXCLUDED.readings, mean_temperature = EXCLUDED.mean_temperature,"
                + " min_temperature = EXCLUDED.min_temperature, max_temperature = EXCLUDED.max_temperature,"
                + " fraction_above_threshold = EXCLUDED.fraction_above_threshold, kafka_partition = EXCLUDED.kafka_partition,"
                + " kafka_offset = EXCLUDED.kafka_offset WHERE sensor_windows.kafka_partition <> EXCLUDED.kafka_partition"
                + " OR sensor_windows.kafka_offset <= EXCLUDED.kafka_offset", StorageTable.SENSOR_WINDOWS.upsertSql());
        assertEquals(true, StorageTable.TWEET_SENTIMENT.upsertSql().endsWith(
                " WHERE tweet_sentiment.scored_at <= EXCLUDED.scored_at"));
    }
}
