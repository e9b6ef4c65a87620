package io.datainmotion.sensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * Parses and validates the JSON reading format
 * {@code {"sensorId":"sensor-17","timestamp":1764000000000,"temperature":26.4,"unit":"C"}}
 * ({@code unit} optional, "C" or "F"; Fahrenheit is converted to Celsius).
 *
 * <p>Strict on purpose: a reading that is not exactly right is rejected with a reason rather than
 * guessed at, because a wrong temperature silently averaged in is worse than a dead letter. So
 * numbers given as text, fractional timestamps, unknown or duplicate fields and trailing content are
 * all rejected. Thread-safe.
 */
public final class ReadingParser {

    /** Absolute zero: nothing measures below it. */
    public static final double MIN_CELSIUS = -273.15;
    /** Far above any ambient or industrial temperature sensor we ingest; beyond it the value is garbage. */
    public static final double MAX_CELSIUS = 1_000.0;
    public static final int MAX_SENSOR_ID_LENGTH = 128;

    private static final Set<String> KNOWN_FIELDS = Set.of("sensorId", "timestamp", "temperature", "unit");
    /** The spellings Jackson writes for non-finite doubles: a reading carrying one is not finite, not "text". */
    private static final Set<String> NON_FINITE_SPELLINGS = Set.of("NaN", "Infinity", "-Infinity", "+Infinity");

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private final int maxPayloadBytes;

    /** @param maxPayloadBytes larger records are rejected as {@link RejectReason#TOO_LARGE} before parsing */
    public ReadingParser(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, got " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Outcome<SensorReading> parse(String json) {
        return parse(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a record value as it comes from Kafka: raw bytes, which must be UTF-8. */
    public Outcome<SensorReading> parse(byte[] value) {
        if (value == null) {
            return reject(RejectReason.NULL_VALUE, "record has no value");
        }
        if (value.length > maxPayloadBytes) {
            return reject(RejectReason.TOO_LARGE, value.length + " bytes, limit " + maxPayloadBytes);
        }
        String json = Utf8.decodeOrNull(value);
        if (json == null) {
            return reject(RejectReason.INVALID_UTF8, "value is not valid UTF-8");
        }
        if (json.isBlank()) {
            return reject(RejectReason.EMPTY, "empty record");
        }
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return reject(RejectReason.INVALID_JSON, e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return reject(RejectReason.NOT_AN_OBJECT, "expected a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN_FIELDS.contains(name)) {
                return reject(RejectReason.UNKNOWN_FIELD, "unknown field " + name);
            }
        }
        for (String required : new String[] {"sensorId", "timestamp", "temperature"}) {
            if (!root.hasNonNull(required)) {
                return reject(RejectReason.MISSING_FIELD, "missing field " + required);
            }
        }
        return parseFields(root);
    }

    private static Outcome<SensorReading> parseFields(JsonNode root) {
        JsonNode sensorId = root.get("sensorId");
        if (!sensorId.isTextual()) {
            return reject(RejectReason.WRONG_TYPE, "sensorId must be a string");
        }
        String id = sensorId.textValue();
        if (id.isBlank() || id.length() > MAX_SENSOR_ID_LENGTH) {
            return reject(RejectReason.BAD_SENSOR_ID, "sensorId must be 1.." + MAX_SENSOR_ID_LENGTH + " non-blank chars");
        }

        JsonNode timestamp = root.get("timestamp");
        if (!timestamp.isIntegralNumber()) {
            return reject(RejectReason.WRONG_TYPE, "timestamp must be an integer (epoch milliseconds)");
        }
        if (!timestamp.canConvertToLong() || timestamp.longValue() < 0) {
            return reject(RejectReason.BAD_TIMESTAMP, "timestamp out of range: " + timestamp.asText());
        }

        JsonNode temperature = root.get("temperature");
        if (temperature.isTextual() && NON_FINITE_SPELLINGS.contains(temperature.textValue())) {
            return reject(RejectReason.NOT_FINITE, "temperature is " + temperature.textValue());
        }
        if (!temperature.isNumber()) {
            return reject(RejectReason.WRONG_TYPE, "temperature must be a number");
        }
        double value = temperature.doubleValue();
        if (!Double.isFinite(value)) {
            return reject(RejectReason.NOT_FINITE, "temperature overflows a double: " + temperature.asText());
        }

        JsonNode unit = root.get("unit");
        double celsius;
        if (unit == null || isText(unit, "C")) {
            celsius = value;
        } else if (isText(unit, "F")) {
            celsius = (value - 32.0) * 5.0 / 9.0;
        } else {
            return reject(RejectReason.BAD_UNIT, "unit must be \"C\" or \"F\", got " + unit);
        }
        if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
            return reject(RejectReason.IMPOSSIBLE_TEMPERATURE,
                    "temperature " + celsius + " °C outside [" + MIN_CELSIUS + ", " + MAX_CELSIUS + "]");
        }
        return Outcome.accepted(new SensorReading(id, timestamp.longValue(), celsius));
    }

    private static boolean isText(JsonNode node, String expected) {
        return node.isTextual() && expected.equals(node.textValue());
    }

    private static Outcome<SensorReading> reject(RejectReason reason, String detail) {
        return Outcome.rejected(reason.code(), detail);
    }
}
