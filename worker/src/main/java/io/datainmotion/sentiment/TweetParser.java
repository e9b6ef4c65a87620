package io.datainmotion.sentiment;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.Rejection;
import io.datainmotion.records.Utf8;

/**
 * Turns a raw record from the {@code tweets} topic into a {@link Tweet}, or rejects it with a reason.
 *
 * <p>A value whose first non-blank character is {@code {} or {@code [} is JSON and must be, strictly
 * (nothing after it), an object with a non-empty string {@code text}, an optional {@code id} (string
 * or integer) and an optional {@code created_at} (epoch milliseconds, ISO-8601, or Twitter's
 * {@code "Wed Oct 10 20:19:24 +0000 2018"}). Other fields are ignored, so payloads of real tweet APIs
 * pass. Any other value is the tweet text itself. A tweet without {@code created_at} gets the caller's
 * fallback time, if any (the record's timestamp). Thread-safe.
 */
public final class TweetParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Reasons, as written to the dead-letter topic. */
    public static final String NULL_VALUE = "null-value";
    public static final String INVALID_UTF8 = "invalid-utf8";
    public static final String TOO_LARGE = "too-large";
    public static final String EMPTY_TEXT = "empty-text";
    public static final String INVALID_JSON = "invalid-json";
    public static final String INVALID_FIELD = "invalid-field";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final DateTimeFormatter TWITTER_TIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

    private final int maxBytes;

    /** @param maxBytes the largest value accepted, in bytes; larger ones are rejected unread */
    public TweetParser(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * @param value the record value as sent
     * @param fallbackId the id to use when the record has none (derived from its topic, partition
     *     and offset by the caller, so replays get the same id)
     */
    public Outcome<Tweet> parse(byte[] value, Supplier<String> fallbackId) {
        return parse(value, fallbackId, Tweet.NO_TIME);
    }

    /**
     * @param fallbackCreatedAt the creation time of a tweet whose record has no {@code created_at} (the
     *     time its source record was written, epoch milliseconds), or {@link Tweet#NO_TIME}
     */
    public Outcome<Tweet> parse(byte[] value, Supplier<String> fallbackId, long fallbackCreatedAt) {
        try {
            return Outcome.accepted(read(value, fallbackId, fallbackCreatedAt));
        } catch (Rejection.Raised rejected) {
            return new Outcome.Rejected<>(rejected.rejection());
        }
    }

    private Tweet read(byte[] value, Supplier<String> fallbackId, long fallbackCreatedAt) {
        if (value == null) {
            throw new Rejection(NULL_VALUE, "the record has no value").raise();
        }
        if (value.length > maxBytes) {
            throw new Rejection(TOO_LARGE,
                    "the value has " + value.length + " bytes, more than the limit of " + maxBytes).raise();
        }
        String text = decodeUtf8(value).strip();
        if (text.isEmpty()) {
            throw new Rejection(EMPTY_TEXT, "the value is empty").raise();
        }
        char first = text.charAt(0);
        if (first == '{' || first == '[') {
            return parseJson(text, fallbackId, fallbackCreatedAt);
        }
        return new Tweet(fallbackId.get(), text, fallbackCreatedAt);
    }

    private static String decodeUtf8(byte[] value) {
        String text = Utf8.decodeOrNull(value);
        if (text == null) {
            throw new Rejection(INVALID_UTF8, "the value is not valid UTF-8").raise();
        }
        return text;
    }

    private static Tweet parseJson(String json, Supplier<String> fallbackId, long fallbackCreatedAt) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Rejection(INVALID_JSON, e.getOriginalMessage()).raise();
        }
        if (!node.isObject()) {
            throw new Rejection(INVALID_JSON, "expected a JSON object, got " + node.getNodeType()).raise();
        }
        JsonNode text = node.get("text");
        if (text == null || text.isNull()) {
            throw new Rejection(INVALID_FIELD, "text is missing").raise();
        }
        if (!text.isTextual()) {
            throw new Rejection(INVALID_FIELD, "text must be a string, got " + text.getNodeType()).raise();
        }
        if (text.textValue().isBlank()) {
            throw new Rejection(EMPTY_TEXT, "text is empty").raise();
        }
        return new Tweet(id(node.get("id"), fallbackId), text.textValue(),
                createdAt(node.get("created_at"), fallbackCreatedAt));
    }

    private static String id(JsonNode id, Supplier<String> fallbackId) {
        if (id == null || id.isNull()) {
            return fallbackId.get();
        }
        if (id.isTextual() && !id.textValue().isBlank()) {
            return id.textValue();
        }
        if (id.isIntegralNumber()) {
            return id.asText();
        }
        throw new Rejection(INVALID_FIELD, "id must be a non-empty string or an integer").raise();
    }

    private static long createdAt(JsonNode createdAt, long fallback) {
        if (createdAt == null || createdAt.isNull()) {
            return fallback;
        }
        if (createdAt.isIntegralNumber() && createdAt.canConvertToLong()) {
            return createdAt.longValue();
        }
        if (createdAt.isTextual()) {
            String time = createdAt.textValue();
            try {
                return Instant.parse(time).toEpochMilli();
            } catch (DateTimeException notIso) {
                try {
                    return OffsetDateTime.parse(time, TWITTER_TIME).toInstant().toEpochMilli();
                } catch (DateTimeException notTwitter) {
                    throw new Rejection(INVALID_FIELD, "created_at is not a time: " + time).raise();
                }
            }
        }
        throw new Rejection(INVALID_FIELD,
                "created_at must be epoch milliseconds or a time string, got " + createdAt.getNodeType()).raise();
    }
}
