package io.datainmotion.batch;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.Rejection;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.records.Utf8;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/**
 * The dead letters a bolt writes for the records it cannot process: collected per input and emitted
 * once, anchored to it, on the {@value #STREAM} stream as one {@link MessageBatch} (field
 * {@value KafkaBatchBolt#MESSAGES}) for a {@link KafkaBatchBolt}, keyed by the record's source.
 *
 * <p>The message is JSON: {@code reason} (machine-readable), {@code detail}, {@code component},
 * {@code source} (topic, partition, offset), {@code payload} (the original value as text, or base64
 * when it is not valid UTF-8), {@code payload_encoding}, {@code payload_bytes}, and
 * {@code payload_truncated}. The payload is cut at {@value #MAX_PAYLOAD_BYTES} bytes so that an
 * oversized record cannot make its own dead letter too large to send, which would fail and replay
 * it forever.
 */
public final class DeadLetters {

    public static final String STREAM = "deadletters";
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String component;
    private final MessageBatch.Builder letters = new MessageBatch.Builder();

    /** @param component the id of the component that rejects, written into each letter */
    public DeadLetters(String component) {
        this.component = component;
    }

    public static void declare(OutputFieldsDeclarer declarer) {
        declarer.declareStream(STREAM, new Fields(KafkaBatchBolt.MESSAGES));
    }

    /** A letter for the record read at {@code source}, to go out with the next {@link #emit}. */
    public void add(SourceRecord source, byte[] payload, Rejection rejection) {
        letters.add(source.derivedId(), toJson(component, source, payload, rejection.reason(), rejection.detail(),
                System.currentTimeMillis()));
    }

    /**
     * Emits the letters added since the last call, if any, as one batch anchored to {@code input}; the
     * caller acks the input after.
     *
     * @return how many letters went out
     */
    public int emit(OutputCollector collector, Tuple input) {
        return emit(collector, List.of(input));
    }

    /**
     * Emits the letters added since the last call, if any, as one batch anchored to every tuple in
     * {@code anchors}: how a stateful bolt sends the letters of all the inputs it applied since its
     * last checkpoint, together, when the next one prepares.
     *
     * @return how many letters went out
     */
    public int emit(OutputCollector collector, Collection<Tuple> anchors) {
        int count = letters.size();
        if (count > 0) {
            collector.emit(STREAM, anchors, new Values(take()));
        }
        return count;
    }

    /** Drops the letters added since the last {@link #emit}: a rolled-back bolt writes them again when it applies the replay. */
    public void discard() {
        take();
    }

    /** Letters added and not emitted yet. */
    public int pending() {
        return letters.size();
    }

    /** The letters added since the last call, for a component that emits them itself (a spout, with its own message id). */
    MessageBatch take() {
        return letters.build();
    }

    static String toJson(String component, SourceRecord source, byte[] payload, String reason, String detail,
            long failedAt) {
        ObjectNode letter = JSON.createObjectNode();
        letter.put("reason", reason);
        letter.put("detail", detail);
        letter.put("component", component);
        ObjectNode from = letter.putObject("source");
        from.put("topic", source.topic());
        from.put("partition", source.partition());
        from.put("offset", source.offset());
        if (payload == null) {
            letter.putNull("payload");
        } else {
            boolean truncated = payload.length > MAX_PAYLOAD_BYTES;
            byte[] kept = truncated ? Arrays.copyOf(payload, MAX_PAYLOAD_BYTES) : payload;
            // A cut payload may end inside a character, so it is always sent as base64.
            String text = truncated ? null : Utf8.decodeOrNull(kept);
            letter.put("payload", text != null ? text : Base64.getEncoder().encodeToString(kept));
            letter.put("payload_encoding", text != null ? "utf-8" : "base64");
            letter.put("payload_bytes", payload.length);
            letter.put("payload_truncated", truncated);
        }
        letter.put("failed_at", failedAt);
        try {
            return JSON.writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a dead letter", e);
        }
    }
}
