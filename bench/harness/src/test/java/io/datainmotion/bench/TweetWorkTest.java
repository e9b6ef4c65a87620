package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.SentimentScorers;
import org.junit.jupiter.api.Test;

class TweetWorkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScorerChoice VADER = new ScorerChoice("vader", "", 16 * 1024);

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesWhatTheTopologyWritesForAValidTweet() throws Exception {
        String text = "What a wonderful, happy morning";

        TweetWork.Output out = new TweetWork(VADER).apply("in", 0, 41,
                bytes("{\"id\": \"7\", \"text\": \"" + text + "\", \"created_at\": 1764000000000}"));

        SentimentScore expected = SentimentScorers.create("vader").score(text);
        JsonNode json = JSON.readTree(out.json());
        assertFalse(out.deadLetter());
        assertEquals("7", out.key());
        assertEquals("7", json.get("id").asText());
        assertEquals(text, json.get("tweet").asText());
        assertEquals(expected.sentiment().label(), json.get("sentiment").asText());
        assertEquals(expected.polarity(), json.get("polarity").asDouble(), 1e-12);
        assertEquals(1764000000000L, json.get("created_at").asLong());
        assertEquals("in", json.get("source_topic").asText());
        assertEquals(41, json.get("source_offset").asLong());
        assertTrue(json.get("scored_at").asLong() > 0);
    }

    @Test
    void aTweetWithoutIdIsNamedByItsSource() throws Exception {
        TweetWork.Output out = new TweetWork(VADER).apply("in", 2, 9, bytes("plain text tweet"));

        assertEquals("in-2-9", out.key());
        assertEquals("in-2-9", JSON.readTree(out.json()).get("id").asText());
    }

    @Test
    void invalidRecordsBecomeDeadLettersWithTheirReason() throws Exception {
        TweetWork.Output out = new TweetWork(VADER).apply("in", 0, 3, bytes("{\"text\": 12}"));

        JsonNode json = JSON.readTree(out.json());
        assertTrue(out.deadLetter());
        assertEquals("invalid-field", json.get("reason").asText());
        assertEquals(3, json.get("source").get("offset").asLong());
    }
}
