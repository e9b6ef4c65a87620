package io.datainmotion.bolts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.datainmotion.batch.DeadLetters;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TweetValidationBoltTest {

    private final RecordingCollector recorder = new RecordingCollector();
    private final Contexts.Context context = Contexts.forComponent("validate");
    private final TweetValidationBolt bolt = new TweetValidationBolt(100);

    @BeforeEach
    void prepare() {
        bolt.prepare(Map.of(), context.context(), recorder.collector());
    }

    @Test
    void validRecordsGoOnAsOneAnchoredBatchWithTheirOffsetsThenTheInputIsAcked() {
        Tuple input = Tuples.recordBatch("tweets", 1, 5, "{\"id\":\"a\",\"text\":\"hi\"}", "plain words");
        bolt.execute(input);

        List<RecordingCollector.Emitted> out = recorder.on(Utils.DEFAULT_STREAM_ID);
        assertEquals(1, out.size());
        assertEquals(List.of(input), out.get(0).anchors());
        RecordBatch<?> read = (RecordBatch<?>) input.getValue(0);
        RecordBatch<Tweet> expected = RecordBatch.<Tweet>derivedFrom(read, 2)
                .addDerived(new Tweet("a", "hi", Tweet.NO_TIME), read, 0)
                .addDerived(new Tweet("tweets-1-6", "plain words", Tweet.NO_TIME), read, 1)
                .build();
        assertEquals(List.of(expected, 1), out.get(0).values(), "each tweet with the bytes it was read as");
        assertEquals(List.of(input), recorder.acked);
        assertTrue(recorder.failed.isEmpty());
        assertEquals(2, context.count("records.in"));
        assertEquals(2, context.count("records.out"));
    }

    @Test
    void eachInvalidRecordBecomesAnAnchoredDeadLetterWhileTheValidOnesGoOn() {
        Tuple input = Tuples.recordBatch("tweets", 0, 3, "{\"text\": 1}", "{\"id\":\"b\",\"text\":\"fine\"}", null);
        bolt.execute(input);

        RecordBatch<?> valid = (RecordBatch<?>) recorder.on(Utils.DEFAULT_STREAM_ID).get(0).values().get(0);
        assertEquals(1, valid.size());
        assertEquals(4, valid.offset(0));
        List<RecordingCollector.Message> letters = recorder.messages(DeadLetters.STREAM);
        assertEquals(2, letters.size());
        letters.forEach(letter -> assertEquals(List.of(input), letter.anchors()));
        assertEquals("tweets-0-3", letters.get(0).key());
        assertTrue(letters.get(0).message().contains("\"reason\":\"invalid-field\""));
        assertEquals("tweets-0-5", letters.get(1).key());
        assertEquals(List.of(input), recorder.acked);
        assertTrue(recorder.failed.isEmpty());
        assertEquals(2, context.count("records.deadlettered"));
        assertEquals(1, context.count("records.out"));
    }

    @Test
    void aTweetWithoutCreatedAtGetsItsRecordsTimestampAndOneWithItKeepsItsOwn() {
        RecordBatch<byte[]> read = RecordBatch.<byte[]>builder(Tuples.range("tweets", 0, 8, 11), 3)
                .add("{\"id\":\"a\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8), 8, null, 1_764_000_000_500L)
                .add("plain words".getBytes(StandardCharsets.UTF_8), 9, "k".getBytes(StandardCharsets.UTF_8), 1_764_000_001_000L)
                .add("{\"text\":\"x\",\"created_at\":1764000000000}".getBytes(StandardCharsets.UTF_8), 10, null, 1_764_000_009_000L)
                .build();
        bolt.execute(Tuples.tuple("tweets", "default", List.of("batch", "partition"), List.of(read, 0)));

        RecordBatch<?> tweets = (RecordBatch<?>) recorder.on(Utils.DEFAULT_STREAM_ID).get(0).values().get(0);
        assertEquals(new Tweet("a", "hi", 1_764_000_000_500L), tweets.item(0));
        assertEquals(new Tweet("tweets-0-9", "plain words", 1_764_000_001_000L), tweets.item(1));
        assertEquals(1_764_000_000_000L, ((Tweet) tweets.item(2)).createdAt(), "created_at wins over the record's time");
    }

    @Test
    void aBatchWithNothingValidGoesOnEmptyWithItsSourceRange() {
        Tuple input = Tuples.recordBatch("tweets", 0, 0, "{\"id\":\"x\"}");
        bolt.execute(input);

        RecordBatch<?> none = (RecordBatch<?>) recorder.on(Utils.DEFAULT_STREAM_ID).get(0).values().get(0);
        assertEquals(0, none.size());
        assertEquals(Tuples.range("tweets", 0, 0, 1), none.range());
        assertEquals(1, recorder.messages(DeadLetters.STREAM).size());
        assertEquals(List.of(input), recorder.acked);
    }
}
