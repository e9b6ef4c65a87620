package io.datainmotion.sentiment.training;

import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.linear.FeatureVector;
import io.datainmotion.sentiment.linear.LinearFeatures;
import io.datainmotion.sentiment.linear.LinearModel;
import io.datainmotion.sentiment.tokens.NegatorSet;
import io.datainmotion.sentiment.tokens.TweetTokens;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-class offsets to a model's biases, chosen so that the label (the largest logit) maximises macro-averaged
 * recall, the metric the model is judged by. Balanced class weights make the loss treat the classes as equally
 * frequent, which is close to, but not the same as, maximising macro recall with one-versus-rest models.
 *
 * <p>The offsets are chosen on out-of-fold logits of the training tweets alone (the inner folds are
 * {@link SentimentValidation.Split}'s: tweet i held out in fold i mod k), so a validation run that trains with them chooses them
 * without seeing its held-out part. Neutral keeps offset 0 (only differences between classes change a label);
 * negative and positive are searched on a grid of {@value #STEP} in [-{@value #RANGE}, {@value #RANGE}], ties
 * going to the smaller total shift.
 */
final class MacroRecallOffsets {

    static final double RANGE = 1.0;
    static final double STEP = 0.02;
    private static final Sentiment[] ORDER = {Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE};

    private MacroRecallOffsets() {}

    /** Offsets by class, from {@code folds} inner models trained by {@code inner} (which must not tune offsets). */
    static Map<Sentiment, Double> choose(List<SentimentEvaluation.LabelledText> examples, int folds,
                                         LinearModelTrainer inner) {
        float[][] logits = new float[examples.size()][];
        for (int k = 0; k < folds; k++) {
            SentimentValidation.Split split = SentimentValidation.Split.of(examples, folds, k);
            LinearModel model = inner.train(split.train(), Map.of("validation", "bias offsets, inner fold " + (k + 1)));
            LinearFeatures features = LinearFeatures.standard(model.settings());
            TweetTokens tokens = new TweetTokens(NegatorSet.ENGLISH);
            FeatureVector vector = new FeatureVector(false);
            float[] scores = new float[model.classCount()];
            for (int j = 0; j < split.test().size(); j++) {
                features.extract(tokens.tokenize(split.test().get(j).text()), vector);
                model.scores(vector, scores);
                float[] ordered = new float[ORDER.length];
                for (int c = 0; c < model.classCount(); c++) {
                    ordered[indexOf(model.sentiment(c))] = scores[c];
                }
                logits[split.testPositions()[j]] = ordered;
            }
        }
        int[] gold = examples.stream().mapToInt(example -> indexOf(example.label())).toArray();
        return best(logits, gold);
    }

    /** The grid point with the highest macro recall of argmax(logit + offset), neutral's offset fixed at 0. */
    static Map<Sentiment, Double> best(float[][] logits, int[] gold) {
        int[] classSizes = new int[ORDER.length];
        for (int label : gold) {
            classSizes[label]++;
        }
        int half = (int) Math.round(RANGE / STEP);
        double bestRecall = -1;
        int bestNegative = 0;
        int bestPositive = 0;
        int[] correct = new int[ORDER.length];
        for (int n = -half; n <= half; n++) {
            float negative = (float) (n * STEP);
            for (int p = -half; p <= half; p++) {
                float positive = (float) (p * STEP);
                Arrays.fill(correct, 0);
                for (int i = 0; i < logits.length; i++) {
                    float[] l = logits[i];
                    float neg = l[0] + negative;
                    float pos = l[2] + positive;
                    int label = neg >= l[1] ? (neg >= pos ? 0 : 2) : (l[1] >= pos ? 1 : 2);
                    if (label == gold[i]) {
                        correct[label]++;
                    }
                }
                double recall = 0;
                for (int c = 0; c < ORDER.length; c++) {
                    recall += classSizes[c] == 0 ? 0 : correct[c] / (double) classSizes[c];
                }
                recall /= ORDER.length;
                if (recall > bestRecall || (recall == bestRecall
                        && Math.abs(n) + Math.abs(p) < Math.abs(bestNegative) + Math.abs(bestPositive))) {
                    bestRecall = recall;
                    bestNegative = n;
                    bestPositive = p;
                }
            }
        }
        Map<Sentiment, Double> offsets = new EnumMap<>(Sentiment.class);
        offsets.put(Sentiment.NEGATIVE, bestNegative * STEP);
        offsets.put(Sentiment.NEUTRAL, 0.0);
        offsets.put(Sentiment.POSITIVE, bestPositive * STEP);
        return offsets;
    }

    private static int indexOf(Sentiment sentiment) {
        for (int c = 0; c < ORDER.length; c++) {
            if (ORDER[c] == sentiment) {
                return c;
            }
        }
        throw new IllegalArgumentException("no class " + sentiment);
    }
}
