package io.datainmotion.bolts;

import java.util.List;
import java.util.Map;

import com.codahale.metrics.Counter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.datainmotion.batch.KafkaBatchBolt;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.sentiment.trends.Hashtags;
import io.datainmotion.sentiment.ScoredTweet;
import io.datainmotion.sentiment.trends.SentimentTrends;
import io.datainmotion.sentiment.trends.TrendWindow;
import org.apache.storm.Config;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.apache.storm.utils.TupleUtils;

/**
 * Per-window sentiment trends (see {@link SentimentTrends}) from the scored stream (a list of
 * {@link ScoredTweet}s per tuple), written as one
 * JSON record per closed window keyed by its start. Subscribe it to the score bolt's
 * {@value SentimentBolt#SCORED_STREAM} stream with a global grouping: one task sees every tweet.
 *
 * <p>Inputs are acked on arrival and windows are emitted unanchored. Holding every tweet of a window
 * unacked until it closes would keep O(tweets) tuples in flight and stall the spout at
 * max.spout.pending; trends are derived data that can be recomputed from {@code twitter_sentiment},
 * so a crash costs at most the open windows of this stage, never a scored tweet.
 */
public class SentimentTrendsBolt extends BaseRichBolt {

    private static final ObjectWriter JSON = new ObjectMapper().writerFor(TrendWindow.class);

    /** Hashtags tracked per window before new ones are only counted: bounds state under hashtag spam. */
    static final int MAX_TRACKED_HASHTAGS = 10_000;

    private final SentimentTrends.Settings settings;
    private final int idleFlushSeconds;
    private transient SentimentTrends trends;
    private transient OutputCollector collector;
    private transient long lastInputNanos;
    private transient Counter windowsEmitted;
    private transient Counter lateTweets;

    /**
     * @param windowSeconds length of the tumbling windows ({@code trends.window.seconds})
     * @param allowedLatenessSeconds how far event time may run behind before a window closes
     * @param topHashtags how many of a window's most frequent hashtags are reported
     * @param idleFlushSeconds after this long without input every open window is closed
     */
    public SentimentTrendsBolt(int windowSeconds, int allowedLatenessSeconds, int topHashtags, int idleFlushSeconds) {
        if (idleFlushSeconds <= 0) {
            throw new IllegalArgumentException("idleFlushSeconds must be positive, got " + idleFlushSeconds);
        }
        this.settings = new SentimentTrends.Settings(windowSeconds * 1000L, allowedLatenessSeconds * 1000L,
                topHashtags, Math.max(MAX_TRACKED_HASHTAGS, topHashtags));
        this.idleFlushSeconds = idleFlushSeconds;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.trends = new SentimentTrends(settings);
        this.collector = collector;
        this.lastInputNanos = System.nanoTime();
        this.windowsEmitted = context.registerCounter("trends.windows");
        this.lateTweets = context.registerCounter("trends.late");
        context.registerGauge("trends.open.windows", trends::openWindows);
    }

    @Override
    public void execute(Tuple input) {
        if (TupleUtils.isTick(input)) {
            if (System.nanoTime() - lastInputNanos >= idleFlushSeconds * 1_000_000_000L) {
                emit(trends.closeAll());
            }
            return;
        }
        lastInputNanos = System.nanoTime();
        RecordBatch<?> tweets = (RecordBatch<?>) input.getValue(0);
        long lateBefore = trends.lateTweets();
        for (int i = 0; i < tweets.size(); i++) {
            ScoredTweet tweet = (ScoredTweet) tweets.item(i);
            emit(trends.add(timeSource(tweet), tweet.eventTime(), tweet.sentiment(), tweet.polarity(),
                    Hashtags.extract(tweet.tweet())));
        }
        lateTweets.inc(trends.lateTweets() - lateBefore);
        collector.ack(input);
    }

    /**
     * Tweets with a creation time and tweets timed on arrival are separate sources even within one
     * partition: when a replay mixes them, the arrival times would otherwise jump the watermark past
     * every window of the older creation times.
     */
    private static String timeSource(ScoredTweet tweet) {
        return tweet.sourceTopic() + "-" + tweet.sourcePartition() + (tweet.createdAt() != null ? "" : "/arrival");
    }

    private void emit(List<TrendWindow> closed) {
        if (closed.isEmpty()) {
            return;
        }
        MessageBatch.Builder windows = new MessageBatch.Builder();
        for (TrendWindow window : closed) {
            try {
                windows.add(Long.toString(window.windowStart()), JSON.writeValueAsString(window));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a trend window", e);
            }
        }
        windowsEmitted.inc(windows.size());
        collector.emit(new Values(windows.build()));
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return Map.of(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, 1);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(KafkaBatchBolt.MESSAGES));
    }
}
