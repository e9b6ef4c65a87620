package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.SourceRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SourceRecord SOURCE = new SourceRecord("tweets", 2, 41);

    private static JsonNode letter(byte[] payload) throws Exception {
        return JSON.readTree(DeadLetters.toJson("validate", SOURCE, payload, "invalid-json", "bad", 99L));
    }

    @Test
    void utf8PayloadIsKeptAsTextWithItsSource() throws Exception {
        JsonNode letter = letter("{\"text\": ".getBytes(StandardCharsets.UTF_8));
        assertEquals("invalid-json", letter.get("reason").asText());
        assertEquals("bad", letter.get("detail").asText());
        assertEquals("validate", letter.get("component").asText());
        assertEquals("tweets", letter.get("source").get("topic").asText());
        assertEquals(2, letter.get("source").get("partition").asInt());
        assertEquals(41, letter.get("source").get("offset").asLong());
        assertEquals("{\"text\": ", letter.get("payload").asText());
        assertEquals("utf-8", letter.get("payload_encoding").asText());
        assertEquals(99L, letter.get("failed_at").asLong());
    }

    @Test
    void invalidUtf8PayloadIsBase64() throws Exception {
        byte[] payload = {'a', (byte) 0xFF, 'b'};
        JsonNode letter = letter(payload);
        assertEquals("base64", letter.get("payload_encoding").asText());
        assertTrue(Arrays.equals(payload, Base64.getDecoder().decode(letter.get("payload").asText())));
    }

    @Test
    void oversizedPayloadIsCutSoTheLetterStaysSendable() throws Exception {
        byte[] payload = new byte[5 * 1024 * 1024];
        Arrays.fill(payload, (byte) 'x');
        JsonNode letter = letter(payload);
        assertTrue(letter.get("payload_truncated").asBoolean());
        assertEquals(payload.length, letter.get("payload_bytes").asInt());
        assertEquals(DeadLetters.MAX_PAYLOAD_BYTES, Base64.getDecoder().decode(letter.get("payload").asText()).length);
    }

    @Test
    void nullPayloadIsExplicit() throws Exception {
        JsonNode letter = letter(null);
        assertTrue(letter.get("payload").isNull());
        assertFalse(letter.has("payload_encoding"));
    }
}
