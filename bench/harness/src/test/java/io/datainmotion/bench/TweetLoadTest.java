package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TweetLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TweetLoad load(String... lines) throws Exception {
        Path file = dir.resolve("tweets.jsonl");
        Files.write(file, List.of(lines));
        return TweetLoad.fromFile(file);
    }

    @Test
    void cyclesTheTextsUnderUniqueIdsWithTheSendTime() throws Exception {
        TweetLoad tweets = load("{\"id\": 1, \"text\": \"first made-up tweet\"}", "second made-up tweet");

        JsonNode zero = JSON.readTree(tweets.record(0, 1000));
        JsonNode two = JSON.readTree(tweets.record(2, 2000));

        assertEquals("0", zero.get("id").asText());
        assertEquals("2", two.get("id").asText());
        assertEquals("first made-up tweet", zero.get("text").asText());
        assertEquals("first made-up tweet", two.get("text").asText());
        assertEquals("second made-up tweet", JSON.readTree(tweets.record(3, 0)).get("text").asText());
        assertEquals(2000, two.get("created_at").asLong());
    }

    @Test
    void skipsRecordsTheTopologyWouldReject() throws Exception {
        TweetLoad tweets = load("{\"text\": \"kept\"}", "{\"text\": \"unclosed", "   ", "{\"text\": 5}");

        assertEquals(1, tweets.distinctTexts());
    }

    @Test
    void theBundledSampleLeavesOutItsMalformedRecords() {
        TweetLoad sample = TweetLoad.bundledSample();

        assertNotEquals(0, sample.distinctTexts());
        assertTrue(sample.distinctTexts() < 101, "the sample has 101 lines, a few deliberately malformed");
    }

    @Test
    void refusesAFileWithoutOneValidTweet() {
        assertThrows(IllegalArgumentException.class, () -> load("{\"text\": \"\"}"));
    }
}
