package io.datainmotion.bolts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.batch.BatchFields;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.sentiment.ScoredTweet;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.storm.Constants;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.Test;

class SentimentTrendsBoltTest {

    private final RecordingCollector recorder = new RecordingCollector();
    private final Contexts.Context context = Contexts.forComponent("trends");

    private static Tuple scored(String id, String text, String label, double polarity, long createdAt) {
        ScoredTweet tweet = new ScoredTweet(id, text, Sentiment.fromLabel(label), polarity, 5L, createdAt, "tweets", 0, 0L);
        return Tuples.tuple("score", SentimentBolt.SCORED_STREAM, BatchFields.FIELDS.toList(),
                List.of(RecordBatch.<ScoredTweet>builder(Tuples.range("tweets", 0, 0, 1), 1).add(tweet, 0).build(), 0));
    }

    private static Tuple tick() {
        return Tuples.tuple(Constants.SYSTEM_COMPONENT_ID, Constants.SYSTEM_TICK_STREAM_ID, List.of("rate_secs"), List.of(1));
    }

    @Test
    void acksOnArrivalAndEmitsAWindowWhenEventTimePassesIt() throws Exception {
        SentimentTrendsBolt bolt = new SentimentTrendsBolt(60, 0, 5, 60);
        bolt.prepare(Map.of(), context.context(), recorder.collector());
        Tuple first = scored("a", "Lovely #Sun", "positive", 0.5, 1_000);
        Tuple second = scored("b", "meh #sun #rain", "negative", -0.3, 2_000);
        bolt.execute(first);
        bolt.execute(second);
        assertEquals(List.of(first, second), recorder.acked);
        assertEquals(List.of(), recorder.emitted);

        bolt.execute(scored("c", "later", "neutral", 0.0, 61_000));
        RecordingCollector.Message out = recorder.messages(Utils.DEFAULT_STREAM_ID).get(0);
        assertEquals(List.of(), out.anchors());
        assertEquals("0", out.key());
        JsonNode window = new ObjectMapper().readTree(out.message());
        assertEquals(60_000, window.get("window_end").asLong());
        assertEquals(2, window.get("overall").get("count").asLong());
        assertEquals(0.1, window.get("overall").get("mean_polarity").asDouble(), 1e-12);
        assertEquals("sun", window.get("hashtags").get(0).get("hashtag").asText());
        assertEquals(2, window.get("hashtags").get(0).get("trend").get("count").asLong());
        assertEquals(1, context.count("trends.windows"));
    }

    @Test
    void tickClosesOpenWindowsOnlyAfterTheInputWentIdle() {
        SentimentTrendsBolt bolt = new SentimentTrendsBolt(60, 0, 5, 1);
        bolt.prepare(Map.of(), context.context(), recorder.collector());
        bolt.execute(scored("a", "x", "positive", 0.5, 1_000));
        bolt.execute(tick());
        assertEquals(List.of(), recorder.emitted, "input arrived less than a second ago");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            bolt.execute(tick());
            return recorder.emitted.size() == 1;
        });
        assertEquals(List.of(), recorder.failed);
    }
}
