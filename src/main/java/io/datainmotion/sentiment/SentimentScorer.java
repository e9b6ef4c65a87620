package io.datainmotion.sentiment;

/**
 * Scores the sentiment of one short text. Implementations are thread-confined or thread-safe as they
 * document; a Storm bolt creates its own instance in {@code prepare}, so none needs to be serializable.
 */
public interface SentimentScorer {

    /** The name a user selects it by (Flux property {@code sentiment.scorer}, {@code bin/dim score --scorer}). */
    String name();

    SentimentScore score(String text);
}
