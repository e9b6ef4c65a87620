package io.datainmotion.bolts;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.datainmotion.batch.BatchStageBolt;
import io.datainmotion.batch.RecordStage;
import io.datainmotion.sentiment.ScoredTweet;
import io.datainmotion.sentiment.SentimentScorers;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.sentiment.TweetScoring;

/**
 * Scores each {@link Tweet} of a batch: the {@link ScoredTweet}s go on, anchored, as JSON messages keyed
 * by tweet id for a {@link io.datainmotion.batch.KafkaBatchBolt} (the tweets are done when their output
 * is durable), and, unanchored, as a batch on the {@value #SCORED_STREAM} stream for the trend windows,
 * a derived best-effort view that acks on arrival anyway. A tweet whose scoring throws is a dead letter
 * ({@value TweetScoring#SCORING_FAILED}, the payload its text) instead of failing the batch, which would replay it
 * forever.
 *
 * <p>Metrics: {@code records.in}, {@code tweets.scored}, {@code records.deadlettered}, and the
 * {@code score.batch.latency} timer.
 */
public class SentimentBolt extends BatchStageBolt<Tweet, ScoredTweet> {

    /** The stream of scored tweets for aggregation, in the fields {@link io.datainmotion.batch.BatchFields}. */
    public static final String SCORED_STREAM = "scored";

    private static final ObjectWriter JSON = new ObjectMapper().writerFor(ScoredTweet.class);

    private final String scorerName;
    private final Map<String, String> settings;

    /**
     * @param scorerName a name known to {@link SentimentScorers} (Flux property {@code sentiment.scorer})
     * @param settings the scorer's settings as {@code key=value} pairs separated by commas, or empty
     *     (Flux property {@code sentiment.scorer.settings})
     */
    public SentimentBolt(String scorerName, String settings) {
        super(Tweet.class);
        this.scorerName = scorerName;
        this.settings = SentimentScorers.parseSettings(settings);
        // Fails the build of the topology, not its workers, on a wrong name or setting.
        SentimentScorers.create(scorerName, this.settings);
        writtenAs(ScoredTweet::id, SentimentBolt::json);
        alsoUnanchoredOn(SCORED_STREAM);
        countsOutputAs("tweets.scored");
        timesBatchesAs("score.batch.latency");
    }

    @Override
    protected RecordStage<Tweet, ScoredTweet> createStage(Map<String, Object> topoConf) {
        return new TweetScoring(SentimentScorers.create(scorerName, settings))::score;
    }

    private static String json(ScoredTweet scored) {
        try {
            return JSON.writeValueAsString(scored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a scored tweet", e);
        }
    }
}
