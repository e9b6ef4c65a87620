package io.datainmotion.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one Jetstream event: {@code {"did", "time_us", "kind": "commit", "commit": {"operation":
 * "create", "collection": "app.bsky.feed.post", "rkey", "record": {"text", "createdAt", "langs"}}}}
 * is a post; updates, deletes, other collections and the {@code identity} and {@code account}
 * kinds (which Jetstream sends to every subscriber) are not. Every event carries its
 * {@code time_us}, the cursor to resume from.
 */
public final class JetstreamEvents {

    public static final String SOURCE = "bluesky";
    public static final String POST_COLLECTION = "app.bsky.feed.post";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JetstreamEvents() {}

    public static Decoded decode(String event) {
        JsonNode node;
        try {
            node = JSON.readTree(event);
        } catch (JsonProcessingException e) {
            return Decoded.malformed("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || !node.path("time_us").canConvertToLong()
                || !node.path("time_us").isIntegralNumber()) {
            return Decoded.malformed("an event without an integer time_us");
        }
        long timeUs = node.get("time_us").longValue();
        String kind = node.path("kind").asText("");
        JsonNode commit = node.path("commit");
        if (!kind.equals("commit") || !commit.path("operation").asText("").equals("create")
                || !commit.path("collection").asText("").equals(POST_COLLECTION)) {
            return Decoded.other(timeUs, kind.equals("commit")
                    ? commit.path("operation").asText("?") + " " + commit.path("collection").asText("?") : kind);
        }
        String did = node.path("did").asText("");
        String rkey = commit.path("rkey").asText("");
        JsonNode record = commit.path("record");
        String text = record.path("text").asText("");
        if (did.isEmpty() || rkey.isEmpty()) {
            return Decoded.malformed("a post without did or rkey");
        }
        if (text.isBlank()) {
            return Decoded.other(timeUs, "a post without text");
        }
        List<String> langs = new ArrayList<>();
        record.path("langs").forEach(l -> {
            if (l.isTextual()) {
                langs.add(l.textValue());
            }
        });
        String createdAt = Timestamps.isoInstantOrNull(record.path("createdAt").asText(null));
        if (createdAt == null) {
            createdAt = Instant.EPOCH.plus(timeUs, ChronoUnit.MICROS).toString();
        }
        return Decoded.post(new LivePost("at://" + did + "/" + POST_COLLECTION + "/" + rkey, text, createdAt, langs,
                SOURCE, did), timeUs);
    }
}
