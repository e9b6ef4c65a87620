package io.datainmotion.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.datainmotion.records.Outcome;
import io.datainmotion.sentiment.ScoredTweet;
import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.SentimentScorer;
import io.datainmotion.sentiment.SentimentScorers;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.sentiment.TweetParser;

/**
 * What the peers do per record, the same work as the sentiment topology's validate and score bolts:
 * parse and validate with {@link TweetParser} (Jackson), score with the scorer {@link SentimentScorers}
 * makes, write the {@link ScoredTweet} JSON the topology writes; a record that fails validation
 * becomes a dead letter. Not thread-safe (the scorer may not be): one per engine thread.
 */
public final class TweetWork {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter SCORED = JSON.writerFor(ScoredTweet.class);

    private final TweetParser parser;
    private final SentimentScorer scorer;

    public TweetWork(ScorerChoice scorer) {
        this.parser = new TweetParser(scorer.maxTweetBytes());
        this.scorer = SentimentScorers.create(scorer.name(), SentimentScorers.parseSettings(scorer.settings()));
    }

    /** One output record: to the output topic, or to the dead-letter topic when {@code deadLetter}. */
    public record Output(boolean deadLetter, String key, String json) {}

    public Output apply(String topic, int partition, long offset, byte[] value) {
        Outcome<Tweet> parsed = parser.parse(value, () -> topic + "-" + partition + "-" + offset);
        if (parsed instanceof Outcome.Rejected<Tweet> rejected) {
            return deadLetter(topic, partition, offset, rejected.rejection().reason(), rejected.rejection().detail());
        }
        try {
            Tweet tweet = ((Outcome.Accepted<Tweet>) parsed).value();
            SentimentScore score = scorer.score(tweet.text());
            ScoredTweet scored = new ScoredTweet(tweet.id(), tweet.text(), score.sentiment(), score.polarity(),
                    System.currentTimeMillis(), tweet.hasCreatedAt() ? tweet.createdAt() : null, topic, partition, offset);
            return new Output(false, tweet.id(), SCORED.writeValueAsString(scored));
        } catch (RuntimeException | JsonProcessingException e) {
            return deadLetter(topic, partition, offset, "scoring-failed", e.toString());
        }
    }

    private static Output deadLetter(String topic, int partition, long offset, String reason, String detail) {
        return new Output(true, topic + "-" + partition + "-" + offset, DeadLetterJson.of(topic, partition, offset, reason, detail));
    }
}
