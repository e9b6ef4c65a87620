package io.datainmotion.bench;

import java.io.Serializable;

/**
 * The scorer and input limit the topology is configured with (Flux properties {@code sentiment.scorer},
 * {@code sentiment.scorer.settings}, {@code tweets.max.bytes}), handed to the peers so they do the same work.
 */
public record ScorerChoice(String name, String settings, int maxTweetBytes) implements Serializable {}
