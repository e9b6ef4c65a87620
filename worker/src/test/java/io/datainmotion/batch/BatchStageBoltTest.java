package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.storm.generated.Grouping;
import org.apache.storm.generated.NullStruct;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.Test;

/** The contract every pipeline step relies on, with a step that knows no pipeline: text to its length. */
class BatchStageBoltTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Accepts non-empty UTF-8 text as its length; rejects the empty record. */
    static class LengthBolt extends BatchStageBolt<byte[], Integer> {
        LengthBolt() {
            super(byte[].class);
        }

        LengthBolt routed() {
            routedBy(length -> Integer.toString(length));
            return this;
        }

        LengthBolt written() {
            writtenAs(length -> "k" + length, length -> "length " + length);
            alsoUnanchoredOn("lengths");
            countsOutputAs("lengths.written");
            timesBatchesAs("lengths.latency");
            return this;
        }

        @Override
        protected RecordStage<byte[], Integer> createStage(Map<String, Object> topoConf) {
            return (value, source) -> value.length == 0 ? Outcome.rejected("empty", "nothing at " + source.offset())
                    : Outcome.accepted(new String(value, StandardCharsets.UTF_8).length());
        }
    }

    /** A later step, as the score or window step is: rejects an odd length. */
    static class EvenBolt extends BatchStageBolt<Integer, Integer> {
        EvenBolt() {
            super(Integer.class);
        }

        @Override
        protected RecordStage<Integer, Integer> createStage(Map<String, Object> topoConf) {
            return (length, source) -> length % 2 == 0 ? Outcome.accepted(length) : Outcome.rejected("odd", length + " is odd");
        }
    }

    private final RecordingCollector recorder = new RecordingCollector();
    private final Contexts.Context context = Contexts.forComponent("length");

    @Test
    void theAcceptedGoOnAsOneAnchoredBatchTheRejectedAsOneBatchOfLettersAndTheInputIsAckedOnceAfter() throws Exception {
        LengthBolt bolt = new LengthBolt();
        bolt.prepare(Map.of(), context.context(), recorder.collector());
        Tuple input = Tuples.recordBatch("t", 3, 100, "abc", "", "hello", "");

        bolt.execute(input);

        List<RecordingCollector.Emitted> out = recorder.on(Utils.DEFAULT_STREAM_ID);
        assertEquals(1, out.size());
        assertEquals(List.of(input), out.get(0).anchors());
        RecordBatch<?> lengths = (RecordBatch<?>) out.get(0).values().get(0);
        assertEquals(List.of(3, 5), List.of(lengths.item(0), lengths.item(1)));
        assertEquals(List.of(100L, 102L), List.of(lengths.offset(0), lengths.offset(1)));
        assertEquals(Tuples.range("t", 3, 100, 104), lengths.range(), "the input's source range");
        assertEquals(3, out.get(0).values().get(1), "and its partition");
        assertEquals(1, recorder.on(DeadLetters.STREAM).size(), "one batch of letters per input");
        List<RecordingCollector.Message> letters = recorder.messages(DeadLetters.STREAM);
        assertEquals(List.of("t-3-101", "t-3-103"), letters.stream().map(RecordingCollector.Message::key).toList());
        JsonNode letter = JSON.readTree(letters.get(0).message());
        assertEquals("empty", letter.get("reason").asText());
        assertEquals("nothing at 101", letter.get("detail").asText());
        assertEquals("length", letter.get("component").asText());
        assertEquals("", letter.get("payload").asText(), "the record's original bytes");
        letters.forEach(l -> assertEquals(List.of(input), l.anchors()));
        assertEquals(List.of(input), recorder.acked);
        assertEquals(List.of(), recorder.failed);
        assertEquals(4, context.count("records.in"));
        assertEquals(2, context.count("records.out"));
        assertEquals(2, context.count("records.deadlettered"));
    }

    @Test
    void aRecordALaterStageRejectsIsDeadLetteredWithTheBytesItsSourceHeld() throws Exception {
        LengthBolt first = new LengthBolt();
        first.prepare(Map.of(), context.context(), recorder.collector());
        first.execute(Tuples.recordBatch("t", 0, 40, "ab", "héllo", "abcd"));
        RecordBatch<?> lengths = (RecordBatch<?>) recorder.on(Utils.DEFAULT_STREAM_ID).get(0).values().get(0);
        RecordingCollector later = new RecordingCollector();
        EvenBolt second = new EvenBolt();
        second.prepare(Map.of(), Contexts.forComponent("even").context(), later.collector());

        second.execute(Tuples.tuple("length", "default", List.of("batch", "partition"), List.of(lengths, 0)));

        List<RecordingCollector.Message> letters = later.messages(DeadLetters.STREAM);
        assertEquals(List.of("t-0-41"), letters.stream().map(RecordingCollector.Message::key).toList());
        JsonNode letter = JSON.readTree(letters.get(0).message());
        assertEquals("odd", letter.get("reason").asText());
        assertEquals("héllo", letter.get("payload").asText(), "the value as read, not the length the first stage made");
        assertEquals(6, letter.get("payload_bytes").asInt());
    }

    @Test
    void aBatchWithNothingAcceptedStillGoesOnWithItsRange() {
        LengthBolt bolt = new LengthBolt();
        bolt.prepare(Map.of(), context.context(), recorder.collector());

        bolt.execute(Tuples.recordBatch("t", 0, 7, ""));

        RecordBatch<?> none = (RecordBatch<?>) recorder.on(Utils.DEFAULT_STREAM_ID).get(0).values().get(0);
        assertEquals(0, none.size());
        assertEquals(Tuples.range("t", 0, 7, 8), none.range());
    }

    @Test
    void aRoutedStageSendsEveryTaskItsPartWithDirectEmits() {
        LengthBolt bolt = new LengthBolt().routed();
        when(context.context().getThisTargets()).thenReturn(Map.of(Utils.DEFAULT_STREAM_ID,
                Map.of("next", Grouping.direct(new NullStruct()))));
        when(context.context().getComponentTasks("next")).thenReturn(List.of(4, 5));
        bolt.prepare(Map.of(), context.context(), recorder.collector());

        bolt.execute(Tuples.recordBatch("t", 0, 0, "a", "bb", "ccc", "dddd"));

        List<RecordingCollector.Emitted> parts = recorder.on(Utils.DEFAULT_STREAM_ID);
        assertEquals(List.of(4, 5), parts.stream().map(RecordingCollector.Emitted::task).sorted().toList());
        assertEquals(4, parts.stream().mapToInt(p -> ((RecordBatch<?>) p.values().get(0)).size()).sum());
    }

    @Test
    void aWrittenStageSendsMessagesAnchoredAndTheTypedBatchUnanchoredOnItsOwnStream() {
        LengthBolt bolt = new LengthBolt().written();
        bolt.prepare(Map.of(), context.context(), recorder.collector());
        Tuple input = Tuples.recordBatch("t", 1, 10, "ab", "", "c");

        bolt.execute(input);

        List<RecordingCollector.Message> messages = recorder.messages(Utils.DEFAULT_STREAM_ID);
        assertEquals(List.of(new RecordingCollector.Message("k2", "length 2", List.of(input)),
                new RecordingCollector.Message("k1", "length 1", List.of(input))), messages);
        List<RecordingCollector.Emitted> copies = recorder.on("lengths");
        assertEquals(1, copies.size());
        assertEquals(List.of(), copies.get(0).anchors(), "the derived view is not part of the tuple tree");
        RecordBatch<?> lengths = (RecordBatch<?>) copies.get(0).values().get(0);
        assertEquals(List.of(2, 1), List.of(lengths.item(0), lengths.item(1)));
        assertEquals(List.of(10L, 12L), List.of(lengths.offset(0), lengths.offset(1)));
        assertEquals(1, recorder.messages(DeadLetters.STREAM).size());
        assertEquals(List.of(input), recorder.acked);
        assertEquals(2, context.count("lengths.written"));
        assertEquals(0, context.count("records.out"));
        verify(context.context()).registerTimer("lengths.latency");
    }

    @Test
    void aWrittenStageSendsNothingButTheLettersOfABatchWithNothingAccepted() {
        LengthBolt bolt = new LengthBolt().written();
        bolt.prepare(Map.of(), context.context(), recorder.collector());
        Tuple input = Tuples.recordBatch("t", 0, 7, "");

        bolt.execute(input);

        assertEquals(List.of(DeadLetters.STREAM), recorder.emitted.stream().map(RecordingCollector.Emitted::stream).toList());
        assertEquals(List.of(input), recorder.acked);
    }

    @Test
    void aStageIsEitherRoutedOrWrittenNotBoth() {
        assertThrows(IllegalStateException.class, () -> new LengthBolt().routed().written());
        assertThrows(IllegalStateException.class, () -> new LengthBolt().written().routed());
    }
}
