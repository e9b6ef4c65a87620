package io.datainmotion.bolts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.sentiment.ScoredTweet;
import io.datainmotion.sentiment.SentimentScorers;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SentimentBoltTest {

    private final RecordingCollector recorder = new RecordingCollector();
    private final Contexts.Context context = Contexts.forComponent("score");
    private final SentimentBolt bolt = new SentimentBolt("vader", "");

    @BeforeEach
    void prepare() {
        bolt.prepare(Map.of(), context.context(), recorder.collector());
    }

    private static Tuple validated(long firstOffset, Tweet... tweets) {
        return Tuples.batchOf("validate", "tweets", 2, firstOffset, List.of(tweets));
    }

    private static MessageBatch messages(RecordingCollector.Emitted emitted) {
        return (MessageBatch) emitted.values().get(0);
    }

    @Test
    void emitsTheScoresAsKeyedJsonAndAsPayloadsAnchoredThenAcks() throws Exception {
        Tweet tweet = new Tweet("t1", "What a wonderful day!", 1_764_000_000_000L);
        Tuple input = validated(17, tweet, new Tweet("t0", "This is awful.", Tweet.NO_TIME));
        bolt.execute(input);

        List<RecordingCollector.Emitted> outs = recorder.on(Utils.DEFAULT_STREAM_ID);
        assertEquals(1, outs.size(), "one output batch per input batch");
        RecordingCollector.Emitted out = outs.get(0);
        assertEquals(List.of(input), out.anchors());
        assertEquals(List.of("t1", "t0"), messages(out).keys());
        JsonNode json = new ObjectMapper().readTree(messages(out).messages().get(0));
        assertEquals("negative", new ObjectMapper().readTree(messages(out).messages().get(1)).get("sentiment").asText());
        RecordingCollector.Emitted forTrends = recorder.on(SentimentBolt.SCORED_STREAM).get(0);
        assertEquals(List.of(), forTrends.anchors(), "trends are best-effort: not part of the tuple tree");
        RecordBatch<?> payloads = (RecordBatch<?>) forTrends.values().get(0);
        assertEquals(2, payloads.size());
        ScoredTweet scored = (ScoredTweet) payloads.item(0);
        double expected = SentimentScorers.create("vader").score(tweet.text()).polarity();
        assertEquals("positive", json.get("sentiment").asText());
        assertEquals(expected, json.get("polarity").asDouble(), 0.0);
        assertEquals(expected, scored.polarity(), 0.0);
        assertEquals(tweet.id(), scored.id());
        assertEquals("What a wonderful day!", json.get("tweet").asText());
        assertEquals(1_764_000_000_000L, json.get("created_at").asLong());
        assertEquals(17, json.get("source_offset").asLong());
        assertEquals(18, ((ScoredTweet) payloads.item(1)).sourceOffset());
        assertEquals(18, payloads.offset(1));
        assertEquals(2, json.get("source_partition").asInt());
        assertEquals(List.of(input), recorder.acked);
        assertEquals(2, context.count("tweets.scored"));
        verify(context.context()).registerTimer("score.batch.latency");
    }

    @Test
    void tweetWithoutTimeHasNoCreatedAtField() throws Exception {
        bolt.execute(validated(1, new Tweet("t2", "ok then", Tweet.NO_TIME)));
        JsonNode json = new ObjectMapper().readTree(messages(recorder.emitted.get(0)).messages().get(0));
        assertTrue(!json.has("created_at"));
    }

    @Test
    void unknownScorerOrSettingFailsWhenTheTopologyIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new SentimentBolt("textblob", ""));
        assertThrows(IllegalArgumentException.class, () -> new SentimentBolt("vader", "alpha=3"));
        assertThrows(IllegalArgumentException.class, () -> new SentimentBolt("vader", "positiveThreshold"));
    }
}
