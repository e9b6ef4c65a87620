package io.datainmotion.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import io.datainmotion.records.Outcome;
import io.datainmotion.records.Rejection;
import io.datainmotion.records.SourceRecord;
import org.junit.jupiter.api.Test;

class TweetScoringTest {

    @Test
    void aScoredTweetKeepsItsIdTextTimeAndSource() {
        TweetScoring scoring = new TweetScoring(SentimentScorers.create("vader", Map.of()));
        SentimentScore expected = SentimentScorers.create("vader", Map.of()).score("What a lovely day");

        Outcome<ScoredTweet> outcome = scoring.score(new Tweet("t1", "What a lovely day", 1_700_000_000_000L),
                new SourceRecord("tweets", 2, 41));

        assertInstanceOf(Outcome.Accepted.class, outcome);
        ScoredTweet scored = ((Outcome.Accepted<ScoredTweet>) outcome).value();
        assertEquals("t1", scored.id());
        assertEquals("What a lovely day", scored.tweet());
        assertEquals(expected.sentiment(), scored.sentiment());
        assertEquals(expected.polarity(), scored.polarity());
        assertEquals(1_700_000_000_000L, scored.createdAt());
        assertEquals("tweets", scored.sourceTopic());
        assertEquals(2, scored.sourcePartition());
        assertEquals(41, scored.sourceOffset());
    }

    @Test
    void aTweetWithoutTimeHasNoCreatedAt() {
        Outcome<ScoredTweet> outcome = new TweetScoring(SentimentScorers.create("vader", Map.of()))
                .score(new Tweet("t2", "ok then", Tweet.NO_TIME), new SourceRecord("tweets", 0, 1));
        assertNull(((Outcome.Accepted<ScoredTweet>) outcome).value().createdAt());
    }

    @Test
    void aTweetWhoseScoringThrowsIsRejectedAsScoringFailed() {
        SentimentScorer broken = new SentimentScorer() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public SentimentScore score(String text) {
                throw new IllegalArgumentException("cannot score " + text);
            }

            @Override
            public Explanation explain(String text) {
                throw new UnsupportedOperationException();
            }
        };

        Outcome<ScoredTweet> outcome = new TweetScoring(broken)
                .score(new Tweet("t3", "odd", Tweet.NO_TIME), new SourceRecord("tweets", 0, 9));

        assertEquals(new Outcome.Rejected<ScoredTweet>(new Rejection(TweetScoring.SCORING_FAILED,
                "java.lang.IllegalArgumentException: cannot score odd")), outcome);
        assertEquals("scoring-failed", TweetScoring.SCORING_FAILED, "the reason operators query dead letters by");
    }
}
