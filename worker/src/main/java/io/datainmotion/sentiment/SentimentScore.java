package io.datainmotion.sentiment;

/**
 * A scored text: its label and a polarity in [-1, 1] (negative to positive). The label is decided by
 * the scorer, not re-derived from the polarity, because a classifier's argmax need not agree with a
 * symmetric threshold on its polarity.
 */
public record SentimentScore(Sentiment sentiment, double polarity) {
    public SentimentScore {
        if (sentiment == null) {
            throw new IllegalArgumentException("sentiment is required");
        }
        if (!(polarity >= -1.0 && polarity <= 1.0)) {
            throw new IllegalArgumentException("polarity must be in [-1, 1], got " + polarity);
        }
    }
}
