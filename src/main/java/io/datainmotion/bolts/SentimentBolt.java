package io.datainmotion.bolts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.datainmotion.records.InvalidRecordException;
import io.datainmotion.records.SourceRecord;
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
 * Scores each {@link Tweet} and emits the {@link ScoredTweet} both as the JSON message a KafkaBolt
 * sends (keyed by tweet id) and as a payload for downstream aggregation. A scorer that throws on some
 * text dead-letters that tweet instead of failing it, which would replay it forever.
 */
public class SentimentBolt extends BaseRichBolt {

    public static final String SCORED = "scored";
    static final String SCORING_FAILED = "scoring-failed";

    private static final ObjectWriter JSON = new ObjectMapper().writerFor(ScoredTweet.class);

    private final String scorerName;
    private final Map<String, String> settings;
    private transient SentimentScorer scorer;
    private transient OutputCollector collector;
    private transient String componentId;
    private transient Counter scored;
    private transient Timer scoring;
    private transient Counter deadLettered;

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
        this.componentId = context.getThisComponentId();
        this.scored = context.registerCounter("tweets.scored");
        this.scoring = context.registerTimer("score.latency");
        this.deadLettered = context.registerCounter("records.deadlettered");
    }

    @Override
    public void execute(Tuple input) {
        Tweet tweet = (Tweet) input.getValue(0);
        SourceRecord source = (SourceRecord) input.getValue(1);
        try {
            long started = System.nanoTime();
            SentimentScore score = scorer.score(tweet.text());
            scoring.update(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            ScoredTweet result = new ScoredTweet(tweet.id(), tweet.text(), score.sentiment().label(),
                    score.polarity(), System.currentTimeMillis(), tweet.hasCreatedAt() ? tweet.createdAt() : null,
                    source.topic(), source.partition(), source.offset());
            collector.emit(input, new Values(tweet.id(), JSON.writeValueAsString(result), result));
            scored.inc();
        } catch (RuntimeException | JsonProcessingException e) {
            InvalidRecordException problem = new InvalidRecordException(SCORING_FAILED, e.toString());
            DeadLetters.emit(collector, input, componentId, source, tweet.text().getBytes(StandardCharsets.UTF_8), problem);
            deadLettered.inc();
        }
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(KafkaFields.KEY, KafkaFields.MESSAGE, SCORED));
        DeadLetters.declare(declarer);
    }
}
