package io.datainmotion.sentiment;

import io.datainmotion.records.Outcome;
import io.datainmotion.records.SourceRecord;

/**
 * Scoring one tweet as a pipeline step: its {@link ScoredTweet}, or, when the scorer throws on its
 * text, a rejection ({@value #SCORING_FAILED}, the exception as detail) rather than an error, which
 * would fail the tweet's whole batch and have it replayed forever.
 */
public final class TweetScoring {

    public static final String SCORING_FAILED = "scoring-failed";

    private final SentimentScorer scorer;

    public TweetScoring(SentimentScorer scorer) {
        this.scorer = scorer;
    }

    /** @param source where the tweet was read, kept in the result so that a score leads back to its input */
    public Outcome<ScoredTweet> score(Tweet tweet, SourceRecord source) {
        SentimentScore score;
        try {
            score = scorer.score(tweet.text());
        } catch (RuntimeException e) {
            return Outcome.rejected(SCORING_FAILED, e.toString());
        }
        return Outcome.accepted(new ScoredTweet(tweet.id(), tweet.text(), score.sentiment(), score.polarity(),
                System.currentTimeMillis(), tweet.hasCreatedAt() ? tweet.createdAt() : null,
                source.topic(), source.partition(), source.offset()));
    }
}
