package io.datainmotion.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The dead letter a peer writes for a record it rejects: why, and where the record came from. */
final class DeadLetterJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterJson() {}

    static String of(String topic, int partition, long offset, String reason, String detail) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("reason", reason);
        letter.put("detail", detail);
        letter.put("source", Map.of("topic", topic, "partition", partition, "offset", offset));
        letter.put("failed_at", System.currentTimeMillis());
        try {
            return JSON.writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}
