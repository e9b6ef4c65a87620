package io.datainmotion.sentiment;

import java.util.List;

/**
 * Why a text got its score: the scorer's result and the signed contributions that produced it
 * (per token for a lexicon scorer, per feature and class for a classifier), largest first.
 */
public record Explanation(SentimentScore score, List<Contribution> contributions) {

    public Explanation {
        contributions = List.copyOf(contributions);
    }

    /** One token's or feature's signed share of the score; {@code detail} names the rule or class. */
    public record Contribution(String feature, double weight, String detail) {}
}
