package io.datainmotion.sentiment;

/**
 * Scores the sentiment of one short text. A Storm bolt creates its own instance in {@code prepare},
 * so implementations need not be serializable; each documents whether it is thread-safe.
 */
public interface SentimentScorer {

    /** The name a user selects it by (Flux property {@code sentiment.scorer}, {@code bin/dim score --scorer}). */
    String name();

    /** The hot path: no explanation is built. */
    SentimentScore score(String text);

    /** The same score as {@link #score}, with the contributions behind it. */
    Explanation explain(String text);
}
