package io.datainmotion.ingest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one line of X's filtered stream ({@code GET /2/tweets/search/stream} with
 * {@code tweet.fields=created_at,lang,author_id}): a post
 * {@code {"data": {"id", "text", "created_at", "lang", "author_id", ...}, "matching_rules": [...]}},
 * or an in-stream notice {@code {"errors": [{"title": "operational-disconnect", ...}]}} after which
 * X closes the connection. Blank keep-alive lines never get here.
 */
public final class XStreamMessages {

    public static final String SOURCE = "x";

    private static final ObjectMapper JSON = new ObjectMapper();

    private XStreamMessages() {}

    public static Decoded decode(String line) {
        JsonNode message;
        try {
            message = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Decoded.malformed("not JSON: " + e.getOriginalMessage());
        }
        if (message == null || !message.isObject()) {
            return Decoded.malformed("not a JSON object");
        }
        JsonNode data = message.get("data");
        if (data == null) {
            JsonNode errors = message.get("errors");
            return errors != null
                    ? Decoded.notice("X stream notice: " + errors)
                    : Decoded.malformed("neither data nor errors");
        }
        String id = data.path("id").asText("");
        String text = data.path("text").asText("");
        if (id.isEmpty() || text.isBlank()) {
            return Decoded.malformed("a post without id or text");
        }
        String lang = data.path("lang").asText("");
        return Decoded.post(new LivePost(id, text, Timestamps.isoInstantOrNull(data.path("created_at").asText(null)),
                lang.isEmpty() ? List.of() : List.of(lang), SOURCE, data.path("author_id").asText(null)),
                Decoded.NO_POSITION);
    }
}
