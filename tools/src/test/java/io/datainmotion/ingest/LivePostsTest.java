package io.datainmotion.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.Outcome;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.sentiment.TweetParser;
import org.junit.jupiter.api.Test;

/** Decoding X stream lines and Jetstream events into the tweet format the topology's parser reads. */
class LivePostsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TweetParser PARSER = new TweetParser(16_384);

    @Test
    void anXPostBecomesATweetTheParserReads() throws Exception {
        Decoded decoded = XStreamMessages.decode("{\"data\":{\"author_id\":\"2244994945\",\"created_at\":"
                + "\"2025-11-24T16:00:00.000Z\",\"edit_history_tweet_ids\":[\"1864\"],\"id\":\"1864\",\"lang\":\"en\","
                + "\"text\":\"What a wonderful morning! #sun\"},\"matching_rules\":[{\"id\":\"77\",\"tag\":\"data-in-motion\"}]}");
        assertEquals(Decoded.Kind.POST, decoded.kind());
        String value = decoded.post().toJson("en");
        JsonNode json = JSON.readTree(value);
        assertEquals("x", json.get("source").asText());
        assertEquals("2244994945", json.get("author").asText());
        assertEquals("en", json.get("lang").asText());
        Tweet tweet = ((Outcome.Accepted<Tweet>) PARSER.parse(value.getBytes(StandardCharsets.UTF_8), () -> "fallback")).value();
        assertEquals(new Tweet("1864", "What a wonderful morning! #sun",
                Instant.parse("2025-11-24T16:00:00Z").toEpochMilli()), tweet);
    }

    @Test
    void xNoticesAndBrokenLinesAreNotPosts() {
        Decoded notice = XStreamMessages.decode("{\"errors\":[{\"title\":\"operational-disconnect\","
                + "\"disconnect_type\":\"UpstreamOperationalDisconnect\",\"detail\":\"This stream has been disconnected "
                + "upstream for operational reasons.\",\"type\":\"https://api.x.com/2/problems/operational-disconnect\"}]}");
        assertEquals(Decoded.Kind.NOTICE, notice.kind());
        assertTrue(notice.note().contains("operational-disconnect"), notice.note());
        assertEquals(Decoded.Kind.MALFORMED, XStreamMessages.decode("{\"data\":{\"id\":\"1\",\"te").kind());
        assertEquals(Decoded.Kind.MALFORMED, XStreamMessages.decode("{\"data\":{\"id\":\"1\"}}").kind());
        assertEquals(Decoded.Kind.MALFORMED, XStreamMessages.decode("[1]").kind());
    }

    @Test
    void aJetstreamPostBecomesATweetTheParserReads() throws Exception {
        Decoded decoded = JetstreamEvents.decode("{\"did\":\"did:plc:abc\",\"time_us\":1764000000123456,\"kind\":\"commit\","
                + "\"commit\":{\"rev\":\"3l\",\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3kxyz\","
                + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"Loving the sun today\","
                + "\"createdAt\":\"2025-11-24T17:00:00.5+01:00\",\"langs\":[\"en-GB\"]},\"cid\":\"bafy\"}}");
        assertEquals(Decoded.Kind.POST, decoded.kind());
        assertEquals(1764000000123456L, decoded.position());
        LivePost post = decoded.post();
        assertEquals("at://did:plc:abc/app.bsky.feed.post/3kxyz", post.id());
        assertEquals("2025-11-24T16:00:00.500Z", post.createdAt(), "normalized to an instant in UTC");
        assertEquals(List.of("en-GB"), post.langs());
        JsonNode json = JSON.readTree(post.toJson("en"));
        assertEquals("bluesky", json.get("source").asText());
        assertEquals("did:plc:abc", json.get("author").asText());
        Tweet tweet = ((Outcome.Accepted<Tweet>) PARSER.parse(post.toJson("en").getBytes(StandardCharsets.UTF_8), () -> "fallback")).value();
        assertEquals(post.id(), tweet.id());
        assertEquals(Instant.parse("2025-11-24T16:00:00.500Z").toEpochMilli(), tweet.createdAt());
    }

    @Test
    void aJetstreamPostWithAnUnreadableCreationTimeGetsTheEventTime() {
        LivePost post = JetstreamEvents.decode("{\"did\":\"did:plc:abc\",\"time_us\":1764000000123456,\"kind\":\"commit\","
                + "\"commit\":{\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"k\","
                + "\"record\":{\"text\":\"hi there\",\"createdAt\":\"yesterday\"}}}").post();
        assertEquals("2025-11-24T16:00:00.123456Z", post.createdAt());
        assertEquals(List.of(), post.langs());
    }

    @Test
    void otherJetstreamEventsKeepTheirPositionButAreNotPosts() {
        for (String event : List.of(
                "{\"did\":\"did:plc:a\",\"time_us\":5,\"kind\":\"identity\",\"identity\":{\"did\":\"did:plc:a\",\"handle\":\"a.bsky.social\"}}",
                "{\"did\":\"did:plc:a\",\"time_us\":5,\"kind\":\"account\",\"account\":{\"active\":true}}",
                "{\"did\":\"did:plc:a\",\"time_us\":5,\"kind\":\"commit\",\"commit\":{\"operation\":\"delete\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"k\"}}",
                "{\"did\":\"did:plc:a\",\"time_us\":5,\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":\"app.bsky.feed.like\",\"rkey\":\"k\",\"record\":{}}}",
                "{\"did\":\"did:plc:a\",\"time_us\":5,\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"k\",\"record\":{\"text\":\"\"}}}")) {
            Decoded decoded = JetstreamEvents.decode(event);
            assertEquals(Decoded.Kind.OTHER, decoded.kind(), event);
            assertEquals(5, decoded.position(), event);
        }
        assertEquals(Decoded.Kind.MALFORMED, JetstreamEvents.decode("{\"kind\":\"commit\"}").kind());
        assertEquals(Decoded.Kind.MALFORMED, JetstreamEvents.decode("{\"time_us\":\"5\"}").kind());
    }

    @Test
    void theFilterKeepsTheScorersLanguagesAndCountsUndeterminedAsUnd() {
        PostFilter english = new PostFilter("en", "");
        assertEquals("en", english.language(post(List.of("en-US"))));
        assertEquals("en", english.language(post(List.of("pt", "EN"))), "any accepted tag of several");
        assertEquals("pt", english.language(post(List.of("pt", "es"))));
        assertEquals("und", english.language(post(List.of())));
        assertEquals("und", english.language(post(List.of("und"))));
        assertTrue(english.acceptsLanguage("en"));
        assertFalse(english.acceptsLanguage("und"));
        assertTrue(new PostFilter("en, und", "").acceptsLanguage("und"));
        assertTrue(new PostFilter("", "").acceptsLanguage("ja"), "empty accepts every language");
    }

    @Test
    void keywordsMatchAnywhereIgnoringCase() {
        PostFilter filter = new PostFilter("en", "storm, Kafka");
        assertTrue(filter.matchesKeywords("A STORM is coming"));
        assertTrue(filter.matchesKeywords("#kafkaesque"));
        assertFalse(filter.matchesKeywords("sunny"));
        assertTrue(new PostFilter("en", "").matchesKeywords("anything"));
    }

    @Test
    void rulesAreSeparatedBySemicolons() {
        assertEquals(List.of("(storm OR kafka) lang:en -is:retweet", "#streamprocessing"),
                XRules.parse(" (storm OR kafka) lang:en -is:retweet ;#streamprocessing;; #streamprocessing "));
        assertEquals(List.of(), XRules.parse(""));
    }

    private static LivePost post(List<String> langs) {
        return new LivePost("1", "text", null, langs, "x", "a");
    }

    @Test
    void aPostWithoutCreationTimeLeavesItOut() throws Exception {
        JsonNode json = JSON.readTree(post(List.of("en")).toJson("en"));
        assertNull(json.get("created_at"));
    }
}
