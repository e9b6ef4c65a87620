package io.datainmotion.storage;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.Rejection;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.records.Utf8;

/**
 * The kinds of records the pipelines publish (README, "Message formats" and "Formats"), each mapped to
 * the rows it becomes. A record that is not of its kind's shape is a {@link Rejection}
 * with a reason, for the caller to dead-letter. The values are what the JDBC driver binds: text as
 * {@code String}, epoch milliseconds as {@code OffsetDateTime} (UTC), numbers as {@code Long},
 * {@code Integer} or {@code Double}, payloads as {@code byte[]}.
 */
public enum ResultKind {

    /** {@code twitter_sentiment} → {@code tweet_sentiment}. */
    TWEET_SENTIMENT {
        @Override
        List<Row> rows(JsonNode tweet, SourceRecord from) {
            return List.of(new Row(StorageTable.TWEET_SENTIMENT, new Object[] {
                idText(tweet, "id"), text(tweet, "tweet"), text(tweet, "sentiment"), number(tweet, "polarity"),
                time(tweet, "scored_at"), optionalTime(tweet, "created_at"),
                text(tweet, "source_topic"), integer(tweet, "source_partition"), whole(tweet, "source_offset"),
                from.partition(), from.offset()}));
        }
    },

    /** {@code sentiment-trends} → {@code sentiment_trends} and one {@code sentiment_trend_hashtags} row per hashtag. */
    SENTIMENT_TREND {
        @Override
        List<Row> rows(JsonNode trend, SourceRecord from) {
            OffsetDateTime windowStart = time(trend, "window_start");
            JsonNode overall = object(trend, "overall");
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(StorageTable.SENTIMENT_TRENDS, new Object[] {
                windowStart, time(trend, "window_end"), whole(overall, "count"), whole(overall, "positive"),
                whole(overall, "negative"), whole(overall, "neutral"), number(overall, "mean_polarity"),
                whole(trend, "untracked_hashtags"), from.partition(), from.offset()}));
            JsonNode hashtags = trend.get("hashtags");
            if (hashtags == null || !hashtags.isArray()) {
                throw new Rejection(hashtags == null ? "missing-field" : "wrong-type",
                        "'hashtags' must be an array").raise();
            }
            int rank = 0;
            for (JsonNode hashtag : hashtags) {
                JsonNode counts = object(hashtag, "trend");
                rows.add(new Row(StorageTable.SENTIMENT_TREND_HASHTAGS, new Object[] {
                    windowStart, text(hashtag, "hashtag"), ++rank, whole(counts, "count"), whole(counts, "positive"),
                    whole(counts, "negative"), whole(counts, "neutral"), number(counts, "mean_polarity"),
                    from.partition(), from.offset()}));
            }
            return rows;
        }
    },

    /** {@code sensor-averages} (a {@code WindowResult}) → {@code sensor_windows}. */
    SENSOR_WINDOW {
        @Override
        List<Row> rows(JsonNode window, SourceRecord from) {
            return List.of(new Row(StorageTable.SENSOR_WINDOWS, new Object[] {
                text(window, "sensorId"), time(window, "windowStart"), time(window, "windowEnd"),
                whole(window, "count"), number(window, "meanTemperature"), number(window, "minTemperature"),
                number(window, "maxTemperature"), number(window, "fractionAboveThreshold"),
                from.partition(), from.offset()}));
        }
    },

    /** {@code sensor-alerts} (an {@code AlertRule.Alert}) → {@code sensor_alerts}. */
    SENSOR_ALERT {
        @Override
        List<Row> rows(JsonNode alert, SourceRecord from) {
            return List.of(new Row(StorageTable.SENSOR_ALERTS, new Object[] {
                text(alert, "sensorId"), time(alert, "windowStart"), time(alert, "windowEnd"),
                number(alert, "fractionAboveThreshold"), number(alert, "alertLevel"), number(alert, "thresholdCelsius"),
                number(alert, "meanTemperature"), number(alert, "maxTemperature"),
                from.partition(), from.offset()}));
        }
    },

    /**
     * {@code dead-letters} → {@code dead_letters}. Letters must always be storable (a refused letter would
     * become a letter again): the payload goes in as its original bytes, and a NUL, which PostgreSQL text
     * cannot hold, is replaced by U+FFFD in the diagnostic texts.
     */
    DEAD_LETTER {
        @Override
        List<Row> rows(JsonNode letter, SourceRecord from) {
            JsonNode source = object(letter, "source");
            return List.of(new Row(StorageTable.DEAD_LETTERS, new Object[] {
                withoutNul(text(source, "topic")), integer(source, "partition"), whole(source, "offset"),
                withoutNul(text(letter, "reason")), withoutNul(optionalText(letter, "detail")),
                withoutNul(optionalText(letter, "component")), payload(letter),
                letter.hasNonNull("payload_bytes") ? integer(letter, "payload_bytes") : null,
                letter.hasNonNull("payload_truncated") ? letter.get("payload_truncated").asBoolean() : null,
                optionalTime(letter, "failed_at"), from.partition(), from.offset()}));
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The rows one Kafka record of this kind becomes, or why it cannot; {@code from} is where the record was read. */
    public Outcome<List<Row>> rowsOf(byte[] value, SourceRecord from) {
        try {
            return Outcome.accepted(read(value, from));
        } catch (Rejection.Raised rejected) {
            return new Outcome.Rejected<>(rejected.rejection());
        }
    }

    private List<Row> read(byte[] value, SourceRecord from) {
        if (value == null) {
            throw new Rejection("null-value", "the record has no value").raise();
        }
        String text = Utf8.decodeOrNull(value);
        if (text == null) {
            throw new Rejection("invalid-utf8", "the value is not valid UTF-8").raise();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Rejection("invalid-json", e.getOriginalMessage()).raise();
        } catch (IOException e) {
            throw new Rejection("invalid-json", e.getMessage()).raise();
        }
        if (node == null || !node.isObject()) {
            throw new Rejection("not-an-object", "a " + name() + " record must be a JSON object").raise();
        }
        return rows(node, from);
    }

    abstract List<Row> rows(JsonNode record, SourceRecord from);

    private static JsonNode field(JsonNode node, String name) {
        JsonNode field = node.get(name);
        if (field == null || field.isNull()) {
            throw new Rejection("missing-field", "'" + name + "' is missing").raise();
        }
        return field;
    }

    private static Rejection.Raised wrongType(String name, String expected) {
        return new Rejection("wrong-type", "'" + name + "' must be " + expected).raise();
    }

    private static String text(JsonNode node, String name) {
        JsonNode field = field(node, name);
        if (!field.isTextual()) {
            throw wrongType(name, "a string");
        }
        return field.textValue();
    }

    private static String optionalText(JsonNode node, String name) {
        return node.hasNonNull(name) ? text(node, name) : null;
    }

    /** A tweet id: a string, or an integer as the input allows. */
    private static String idText(JsonNode node, String name) {
        JsonNode field = field(node, name);
        if (field.isTextual() || field.isIntegralNumber()) {
            return field.asText();
        }
        throw wrongType(name, "a string or an integer");
    }

    private static JsonNode object(JsonNode node, String name) {
        JsonNode field = field(node, name);
        if (!field.isObject()) {
            throw wrongType(name, "an object");
        }
        return field;
    }

    private static long whole(JsonNode node, String name) {
        JsonNode field = field(node, name);
        if (!field.isIntegralNumber() || !field.canConvertToLong()) {
            throw wrongType(name, "an integer (64 bits)");
        }
        return field.longValue();
    }

    private static int integer(JsonNode node, String name) {
        JsonNode field = field(node, name);
        if (!field.isIntegralNumber() || !field.canConvertToInt()) {
            throw wrongType(name, "an integer (32 bits)");
        }
        return field.intValue();
    }

    private static double number(JsonNode node, String name) {
        JsonNode field = field(node, name);
        if (!field.isNumber()) {
            throw wrongType(name, "a number");
        }
        return field.doubleValue();
    }

    /** Epoch milliseconds as a UTC timestamp; a value PostgreSQL cannot hold is refused by the database. */
    private static OffsetDateTime time(JsonNode node, String name) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(whole(node, name)), ZoneOffset.UTC);
    }

    private static OffsetDateTime optionalTime(JsonNode node, String name) {
        return node.hasNonNull(name) ? time(node, name) : null;
    }

    private static byte[] payload(JsonNode letter) {
        if (!letter.hasNonNull("payload")) {
            return null;
        }
        String payload = text(letter, "payload");
        if ("base64".equals(optionalText(letter, "payload_encoding"))) {
            try {
                return Base64.getDecoder().decode(payload);
            } catch (IllegalArgumentException e) {
                throw new Rejection("invalid-field", "'payload' is not base64: " + e.getMessage()).raise();
            }
        }
        return payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String withoutNul(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }
}
