package io.datainmotion.sentiment.linear;

import io.datainmotion.sentiment.Explanation;
import io.datainmotion.sentiment.tokens.NegatorSet;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.SentimentScorer;
import io.datainmotion.sentiment.tokens.TweetTokens;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code linear} scorer: a logistic-regression model trained on tweets ({@code LinearModelTrainer}, a tool)
 * over {@link LinearFeatures}. The label is the most probable class; the polarity is
 * P(positive) − P(negative), in [-1, 1].
 *
 * <p>Thread-confined: an instance reuses its token and feature buffers, so each thread (each bolt
 * executor) needs its own. The model itself is immutable and the shipped one is loaded once per JVM.
 */
public final class LinearScorer implements SentimentScorer {

    public static final String NAME = "linear";
    /** The shipped model, written by {@code bin/dim train-sentiment}. */
    public static final String MODEL_RESOURCE = "/io/datainmotion/sentiment/linear-model.bin";

    private final LinearModel model;
    private final LinearFeatures features;
    private final TweetTokens tokens = new TweetTokens(NegatorSet.ENGLISH);
    private final FeatureVector vector;
    private final float[] scores;
    private final int positive;
    private final int negative;

    /** A scorer over the shipped model. */
    public LinearScorer() {
        this(Shipped.MODEL);
    }

    public LinearScorer(LinearModel model) {
        this.model = model;
        this.features = LinearFeatures.standard(model.settings());
        String clusters = model.metadata().get(LinearModel.WORD_CLUSTERS);
        if (clusters != null && !clusters.equals(features.clusters().sha256())) {
            throw new IllegalArgumentException("the model was trained with word clusters of sha256 " + clusters
                    + ", this build has " + features.clusters().sha256() + ": retrain it");
        }
        this.vector = model.summingVector();
        this.scores = new float[model.classCount()];
        this.positive = classIndex(model, Sentiment.POSITIVE);
        this.negative = classIndex(model, Sentiment.NEGATIVE);
    }

    /** The shipped model, loaded on first use. */
    public static LinearModel shippedModel() {
        return Shipped.MODEL;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SentimentScore score(String text) {
        features.extract(tokens.tokenize(text), vector);
        return scoreOf(vector);
    }

    private SentimentScore scoreOf(FeatureVector features) {
        model.scores(features, scores);
        int best = 0;
        for (int c = 1; c < scores.length; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        LinearModel.toProbabilities(scores, scores.length);
        double polarity = Math.max(-1.0, Math.min(1.0, scores[positive] - scores[negative]));
        return new SentimentScore(model.sentiment(best), polarity);
    }

    /**
     * The score plus each feature's contribution to the chosen class's raw score (its logit): hashed
     * features by name, summed over repeats, then the dense features and the class bias. The lexicon features
     * come one part per token, each with the rules that shaped it ("'bad' valence -2.5, negated by 'not'
     * (× -0.74), / 4"), so a user can see why a negated phrase got its label. Features the model pruned
     * contribute nothing and are left out.
     */
    @Override
    public Explanation explain(String text) {
        FeatureVector named = new FeatureVector(true);
        features.extract(tokens.tokenize(text), named);
        SentimentScore score = scoreOf(named);
        int chosen = classIndex(model, score.sentiment());
        String detail = "toward " + score.sentiment().label();
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int i = 0; i < named.size(); i++) {
            double weight = model.bucketWeight(named.bucket(i), chosen) * named.hashedValue();
            if (weight != 0) {
                byName.merge(named.name(i), weight, Double::sum);
            }
        }
        List<Explanation.Contribution> contributions = new ArrayList<>();
        byName.forEach((name, weight) -> contributions.add(new Explanation.Contribution(name, weight, detail)));
        Set<DenseFeature> noted = EnumSet.noneOf(DenseFeature.class);
        for (FeatureVector.DenseNote note : named.denseNotes()) {
            noted.add(note.feature());
            contributions.add(new Explanation.Contribution(note.feature().label() + " += " + note.value() + ": "
                    + note.why(), note.value() * model.denseWeight(note.feature(), chosen), detail));
        }
        for (DenseFeature feature : DenseFeature.values()) {
            float value = named.dense(feature);
            if (value != 0f && !noted.contains(feature)) {
                contributions.add(new Explanation.Contribution(feature.label() + " = " + value,
                        value * model.denseWeight(feature, chosen), detail));
            }
        }
        contributions.add(new Explanation.Contribution("bias", model.bias(chosen), detail));
        contributions.sort(Comparator.comparingDouble((Explanation.Contribution c) -> -Math.abs(c.weight())));
        return new Explanation(score, contributions);
    }

    private static int classIndex(LinearModel model, Sentiment sentiment) {
        for (int c = 0; c < model.classCount(); c++) {
            if (model.sentiment(c) == sentiment) {
                return c;
            }
        }
        throw new IllegalArgumentException("the model has no class " + sentiment.label());
    }

    private static final class Shipped {
        static final LinearModel MODEL = load();

        private static LinearModel load() {
            try (InputStream in = LinearScorer.class.getResourceAsStream(MODEL_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("linear sentiment model " + MODEL_RESOURCE
                            + " is not on the classpath; train it with bin/dim train-sentiment");
                }
                return LinearModel.read(new BufferedInputStream(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + MODEL_RESOURCE, e);
            }
        }
    }
}
