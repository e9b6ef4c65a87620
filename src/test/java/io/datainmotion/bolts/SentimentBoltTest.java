package io.datainmotion.bolts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.SourceRecord;
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

    private static Tuple validated(Tweet tweet, SourceRecord source) {
        return Tuples.tuple("validate", Utils.DEFAULT_STREAM_ID, List.of("tweet", "source"), List.of(tweet, source));
    }

    @Test
    void emitsTheScoreAsKeyedJsonAndAsPayloadAnchoredThenAcks() throws Exception {
        Tweet tweet = new Tweet("t1", "What a wonderful day!", 1_764_000_000_000L);
        Tuple input = validated(tweet, new SourceRecord("tweets", 2, 17));
        bolt.execute(input);

        RecordingCollector.Emitted out = recorder.on(Utils.DEFAULT_STREAM_ID).get(0);
        assertEquals(List.of(input), out.anchors());
        assertEquals("t1", out.values().get(0));
        JsonNode json = new ObjectMapper().readTree((String) out.values().get(1));
        ScoredTweet scored = (ScoredTweet) out.values().get(2);
        double expected = SentimentScorers.create("vader").score(tweet.text()).polarity();
        assertEquals("positive", json.get("sentiment").asText());
        assertEquals(expected, json.get("polarity").asDouble(), 0.0);
        assertEquals(expected, scored.polarity(), 0.0);
        assertEquals("What a wonderful day!", json.get("tweet").asText());
        assertEquals(1_764_000_000_000L, json.get("created_at").asLong());
        assertEquals(17, json.get("source_offset").asLong());
        assertEquals(2, json.get("source_partition").asInt());
        assertEquals(List.of(input), recorder.acked);
        assertEquals(1, context.count("tweets.scored"));
    }

    @Test
    void tweetWithoutTimeHasNoCreatedAtField() throws Exception {
        bolt.execute(validated(new Tweet("t2", "ok then", Tweet.NO_TIME), new SourceRecord("tweets", 0, 1)));
        JsonNode json = new ObjectMapper().readTree((String) recorder.emitted.get(0).values().get(1));
        assertTrue(!json.has("created_at"));
    }

    @Test
    void unknownScorerOrSettingFailsWhenTheTopologyIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new SentimentBolt("textblob", ""));
        assertThrows(IllegalArgumentException.class, () -> new SentimentBolt("vader", "alpha=3"));
        assertThrows(IllegalArgumentException.class, () -> new SentimentBolt("vader", "positiveThreshold"));
    }
}
