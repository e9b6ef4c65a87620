package io.datainmotion.sentiment;

import io.datainmotion.sentiment.linear.LinearScorer;
import io.datainmotion.sentiment.vader.VaderScorer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Creates a {@link SentimentScorer} by name with optional string settings, as they come from Flux
 * properties or the command line. The bolt and {@code bin/dim} both go through here, so they score
 * alike. Settings of the {@value VaderScorer#NAME} scorer: {@code positiveThreshold} (default 0.05)
 * and {@code negativeThreshold} (default -0.05), the compound bounds of its labels. The
 * {@value LinearScorer#NAME} scorer has no settings: its model decides.
 */
public final class SentimentScorers {

    /**
     * The scorer used when none is chosen: {@value LinearScorer#NAME}, the better on the TweetEval dev split
     * (macro-averaged recall 0.692 against VADER's 0.60; docs/sentiment-model.md).
     */
    public static final String DEFAULT = LinearScorer.NAME;

    public static final String POSITIVE_THRESHOLD = "positiveThreshold";
    public static final String NEGATIVE_THRESHOLD = "negativeThreshold";

    private static final Map<String, Function<Map<String, String>, SentimentScorer>> FACTORIES = factories();

    private SentimentScorers() {}

    private static Map<String, Function<Map<String, String>, SentimentScorer>> factories() {
        Map<String, Function<Map<String, String>, SentimentScorer>> factories = new LinkedHashMap<>();
        factories.put(VaderScorer.NAME, SentimentScorers::vader);
        factories.put(LinearScorer.NAME, SentimentScorers::linear);
        return factories;
    }

    /** The known scorer names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * Settings written as {@code key=value} pairs separated by commas (blank: none), the form a Flux
     * property holds.
     */
    public static Map<String, String> parseSettings(String spec) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return settings;
        }
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("scorer setting '" + pair.strip() + "' is not key=value");
            }
            settings.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return settings;
    }

    /** A scorer with its default settings. */
    public static SentimentScorer create(String name) {
        return create(name, Map.of());
    }

    /** @throws IllegalArgumentException for an unknown name or an unknown or malformed setting */
    public static SentimentScorer create(String name, Map<String, String> settings) {
        Function<Map<String, String>, SentimentScorer> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown sentiment scorer '" + name + "'; known: " + String.join(", ", names()));
        }
        return factory.apply(settings);
    }

    private static SentimentScorer vader(Map<String, String> settings) {
        requireOnly(VaderScorer.NAME, settings, Set.of(POSITIVE_THRESHOLD, NEGATIVE_THRESHOLD));
        return new VaderScorer(
                number(settings, POSITIVE_THRESHOLD, VaderScorer.DEFAULT_POSITIVE_THRESHOLD),
                number(settings, NEGATIVE_THRESHOLD, VaderScorer.DEFAULT_NEGATIVE_THRESHOLD));
    }

    private static SentimentScorer linear(Map<String, String> settings) {
        requireOnly(LinearScorer.NAME, settings, Set.of());
        return new LinearScorer();
    }

    private static void requireOnly(String scorer, Map<String, String> settings, Set<String> known) {
        for (String key : settings.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("scorer '" + scorer + "' has no setting '" + key + "'; it has: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static double number(Map<String, String> settings, String key, double defaultValue) {
        String value = settings.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a number, got '" + value + "'", e);
        }
    }
}
