package io.datainmotion.bolts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.datainmotion.records.SourceRecord;
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
    void validRecordIsEmittedAnchoredThenAcked() {
        Tuple input = Tuples.kafkaRecord("tweets", 1, 5, null, "{\"id\":\"a\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
        bolt.execute(input);

        List<RecordingCollector.Emitted> out = recorder.on(Utils.DEFAULT_STREAM_ID);
        assertEquals(1, out.size());
        assertEquals(List.of(input), out.get(0).anchors());
        assertEquals(List.of(new Tweet("a", "hi", Tweet.NO_TIME), new SourceRecord("tweets", 1, 5)), out.get(0).values());
        assertEquals(List.of(input), recorder.acked);
        assertTrue(recorder.failed.isEmpty());
        assertEquals(1, context.count("records.valid"));
    }

    @Test
    void stringValuesFromAStringDeserializerAreAcceptedToo() {
        bolt.execute(Tuples.kafkaRecord("tweets", 0, 9, null, "plain words"));
        Tweet tweet = (Tweet) recorder.on(Utils.DEFAULT_STREAM_ID).get(0).values().get(0);
        assertEquals(new Tweet("tweets-0-9", "plain words", Tweet.NO_TIME), tweet);
    }

    @Test
    void invalidRecordBecomesAnAnchoredDeadLetterAndIsAckedNotFailed() {
        Tuple input = Tuples.kafkaRecord("tweets", 0, 3, "k", "{\"text\": 1}".getBytes(StandardCharsets.UTF_8));
        bolt.execute(input);

        assertTrue(recorder.on(Utils.DEFAULT_STREAM_ID).isEmpty());
        List<RecordingCollector.Emitted> letters = recorder.on(DeadLetters.STREAM);
        assertEquals(1, letters.size());
        assertEquals(List.of(input), letters.get(0).anchors());
        assertEquals("tweets-0-3", letters.get(0).values().get(0));
        assertTrue(((String) letters.get(0).values().get(1)).contains("\"reason\":\"invalid-field\""));
        assertEquals(List.of(input), recorder.acked);
        assertTrue(recorder.failed.isEmpty());
        assertEquals(1, context.count("records.deadlettered"));
        assertEquals(0, context.count("records.valid"));
    }
}
