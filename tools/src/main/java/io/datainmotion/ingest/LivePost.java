package io.datainmotion.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A post from a live source in the project's tweet format on the {@code tweets} topic:
 * {@code {"id", "text", "created_at", "lang", "source", "author"}}, which
 * {@link io.datainmotion.sentiment.TweetParser} reads (it ignores the fields it does not use).
 *
 * @param id unique per source: X's post id, or the post's {@code at://} URI on Bluesky
 * @param createdAt ISO-8601 instant, or null when the source gave none that parses
 * @param langs the post's language tags as the source gave them (X: one, Bluesky: zero or more)
 * @param source {@code x} or {@code bluesky}
 * @param author X's author id, or the Bluesky account's DID
 */
public record LivePost(String id, String text, String createdAt, List<String> langs, String source, String author) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public LivePost {
        langs = List.copyOf(langs);
    }

    /** The record value; {@code lang} is the tag the language filter accepted it under. */
    public String toJson(String lang) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("text", text);
        if (createdAt != null) {
            fields.put("created_at", createdAt);
        }
        fields.put("lang", lang);
        fields.put("source", source);
        fields.put("author", author);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a post as JSON", e);
        }
    }
}
