package io.datainmotion.sentiment;

import io.datainmotion.sentiment.training.SentimentEvaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread throughput of a scorer, one tweet per operation (ops/s = tweets/s), cycling through
 * the TweetEval dev split when {@code ../shared/data} is there (from {@code dim.home}, else the
 * working directory) and through a few made-up tweets otherwise. Run by {@code bin/dim bench scorer}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ScorerBenchmark {

    /** Written for this benchmark: mentions, a URL, a hashtag, elongation, caps, emoji, negation, "but". */
    private static final String[] MADE_UP_TWEETS = {
        "@user I sooooo love this new phone!!! #blessed 😍",
        "Traffic on the bridge again, 40 minutes late. Not happy :(",
        "Watching the game tonight with friends http://example.com/game?id=7",
        "The update is not bad at all, but the battery drains FAST",
        "can't believe the concert got cancelled 😭😭 worst week ever",
        "New episode is out tomorrow at 9pm",
        "Honestly the food was kind of good, the service was terrible though",
        "@user @user thanks for the help today, you guys rock 👍🏽",
        "Is it raining in the city?? Need to know before I leave",
        "GREAT game last night!! Can't wait for the final",
    };

    @Param({"vader", "linear"})
    public String scorer;

    private SentimentScorer sentimentScorer;
    private String[] tweets;
    private int next;

    @Setup
    public void setUp() throws IOException {
        sentimentScorer = SentimentScorers.create(scorer);
        Path dev = Path.of(System.getProperty("dim.home", "."), "..", "shared", "data", "tweeteval-sentiment-val.jsonl");
        tweets = Files.isReadable(dev)
                ? SentimentEvaluation.readJsonLines(dev).stream().map(SentimentEvaluation.LabelledText::text).toArray(String[]::new)
                : MADE_UP_TWEETS;
    }

    @Benchmark
    public SentimentScore scoreOneTweet() {
        String tweet = tweets[next];
        next = next + 1 == tweets.length ? 0 : next + 1;
        return sentimentScorer.score(tweet);
    }
}
