package io.datainmotion.bolts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.datainmotion.batch.DeadLetters;
import io.datainmotion.batch.KafkaBatchBolt;
import io.datainmotion.batch.TaskLog;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.Rejection;
import io.datainmotion.sentiment.ScoredTweet;
import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.SentimentScorer;
import io.datainmotion.sentiment.SentimentScorers;
import io.datainmotion.sentiment.Tweet;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/**
 * Scores each {@link Tweet} of a batch and emits, per input, the {@link ScoredTweet}s as one
 * {@link MessageBatch} of JSON messages keyed by tweet id for a {@link KafkaBatchBolt} (anchored: the
 * tweets are done when their output is durable), and as a batch on the {@value #SCORED_STREAM} stream
 * for aggregation. That second emit is unanchored: its consumers are derived, best-effort views
 * (trend windows) that ack on arrival anyway, so tying the spout tuple to them would only add an
 * acker round trip per batch. A scorer that throws on some text dead-letters that tweet instead of
 * failing the batch, which would replay it forever.
 */
public class SentimentBolt extends BaseRichBolt {

    /** The stream of scored tweets for aggregation, and its one field (a {@code RecordBatch} of {@link ScoredTweet}s). */
    public static final String SCORED_STREAM = "scored";
    public static final String SCORED = "scored";
    static final String SCORING_FAILED = "scoring-failed";

    private static final ObjectWriter JSON = new ObjectMapper().writerFor(ScoredTweet.class);

    private final String scorerName;
    private final Map<String, String> settings;
    private transient SentimentScorer scorer;
    private transient OutputCollector collector;
    private transient DeadLetters deadLetters;
    private transient Counter scored;
    private transient Timer batchLatency;
    private transient Counter deadLettered;
    private transient TaskLog.Tally deadLetterLog;

    /**
     * @param scorerName a name known to {@link SentimentScorers} (Flux property {@code sentiment.scorer})
     * @param settings the scorer's settings as {@code key=value} pairs separated by commas, or empty
     *     (Flux property {@code sentiment.scorer.settings})
     */
    public SentimentBolt(String scorerName, String settings) {
        this.scorerName = scorerName;
        this.settings = SentimentScorers.parseSettings(settings);
        // Fails the build of the topology, not its workers, on a wrong name or setting.
        SentimentScorers.create(scorerName, this.settings);
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.scorer = SentimentScorers.create(scorerName, settings);
        this.collector = collector;
        this.deadLetters = new DeadLetters(context.getThisComponentId());
        this.deadLetterLog = TaskLog.of(SentimentBolt.class, topoConf, context).tally("tweets that failed scoring dead-lettered");
        this.scored = context.registerCounter("tweets.scored");
        this.batchLatency = context.registerTimer("score.batch.latency");
        this.deadLettered = context.registerCounter("records.deadlettered");
    }

    @Override
    public void execute(Tuple input) {
        long started = System.nanoTime();
        RecordBatch<?> tweets = (RecordBatch<?>) input.getValue(0);
        MessageBatch.Builder messages = new MessageBatch.Builder();
        RecordBatch.Builder<ScoredTweet> results = RecordBatch.derivedFrom(tweets, tweets.size());
        String lastFailure = null;
        for (int i = 0; i < tweets.size(); i++) {
            Tweet tweet = (Tweet) tweets.item(i);
            try {
                SentimentScore score = scorer.score(tweet.text());
                ScoredTweet result = new ScoredTweet(tweet.id(), tweet.text(), score.sentiment(),
                        score.polarity(), System.currentTimeMillis(), tweet.hasCreatedAt() ? tweet.createdAt() : null,
                        tweets.topic(), tweets.partition(), tweets.offset(i));
                messages.add(tweet.id(), JSON.writeValueAsString(result));
                results.add(result, tweets.offset(i));
            } catch (RuntimeException | JsonProcessingException e) {
                deadLetters.add(tweets.source(i), tweet.text().getBytes(StandardCharsets.UTF_8),
                        new Rejection(SCORING_FAILED, e.toString()));
                lastFailure = e.toString();
            }
        }
        if (!results.isEmpty()) {
            RecordBatch<ScoredTweet> scoredTweets = results.build();
            collector.emit(input, new Values(messages.build()));
            collector.emit(SCORED_STREAM, new Values(scoredTweets));
            scored.inc(scoredTweets.size());
        }
        int failed = deadLetters.emit(collector, input);
        if (failed > 0) {
            deadLettered.inc(failed);
            deadLetterLog.add(failed, "partition " + tweets.partition() + ": " + lastFailure);
        }
        collector.ack(input);
        batchLatency.update(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(KafkaBatchBolt.MESSAGES));
        declarer.declareStream(SCORED_STREAM, new Fields(SCORED));
        DeadLetters.declare(declarer);
    }
}
