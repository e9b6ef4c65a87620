package io.datainmotion.sentiment.training;

import io.datainmotion.sentiment.linear.DenseFeature;
import io.datainmotion.sentiment.linear.FeatureVector;
import io.datainmotion.sentiment.linear.LinearFeatures;
import io.datainmotion.sentiment.linear.LinearModel;
import io.datainmotion.sentiment.linear.WordClusters;
import io.datainmotion.sentiment.tokens.NegatorSet;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.tokens.TweetTokens;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Trains a {@link LinearModel}: one-versus-rest L2-regularised logistic regression (liblinear) over
 * {@link LinearFeatures}, with class weights that balance the skewed label mix (each class weighs
 * n / (3 n_class) per tweet, so the loss treats the classes as equally frequent, which is what macro
 * recall rewards). Hashed buckets seen in fewer than {@code minCount} tweets are dropped before training:
 * they cannot be learnt reliably and would only bloat the model.
 *
 * <p>Deterministic: the features are fixed-seed hashes, the examples keep their input order, and
 * liblinear gets a fixed-seed random source.
 */
public final class LinearModelTrainer {

    /**
     * How to train: feature settings, liblinear's inverse regularisation strength C, the pruning floor, and
     * how many inner folds choose the per-class bias offsets ({@code biasFolds}; 0 leaves liblinear's biases).
     */
    public record Options(LinearFeatures.Settings features, double regularization, int minCount, int biasFolds) {
        public Options {
            if (!(regularization > 0)) {
                throw new IllegalArgumentException("C must be positive, got " + regularization);
            }
            if (minCount < 1) {
                throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
            }
            if (biasFolds == 1 || biasFolds < 0) {
                throw new IllegalArgumentException("--bias-folds must be 0 (off) or at least 2, got " + biasFolds);
            }
        }

        public static final Options DEFAULT = new Options(LinearFeatures.Settings.DEFAULT, 0.5, 2, 0);

        Options withoutBiasTuning() {
            return new Options(features, regularization, minCount, 0);
        }
    }

    /** The model metadata key naming the bias offsets chosen for macro recall, when {@code biasFolds} asked for them. */
    public static final String BIAS_OFFSETS = "bias-offsets";

    private static final long SOLVER_SEED = 20240003L;
    private static final double STOPPING_TOLERANCE = 0.01;
    private static final List<Sentiment> CLASSES = List.of(Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE);

    private final Options options;

    public LinearModelTrainer(Options options) {
        this.options = options;
    }

    /**
     * @param metadata recorded in the model as is (training data hash, command line, ...); the trainer adds
     *                 its own settings
     */
    public LinearModel train(List<SentimentEvaluation.LabelledText> examples, Map<String, String> metadata) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        Map<Sentiment, Double> biasOffsets = options.biasFolds() == 0 ? Map.of()
                : MacroRecallOffsets.choose(examples, options.biasFolds(), new LinearModelTrainer(options.withoutBiasTuning()));
        LinearFeatures features = LinearFeatures.standard(options.features());
        TweetTokens tokens = new TweetTokens(NegatorSet.ENGLISH);
        FeatureVector vector = new FeatureVector(false);
        int hashSpace = 1 << options.features().hashBits();
        int[] documentFrequency = new int[hashSpace];
        int[][] bucketsPerTweet = new int[examples.size()][];
        int[][] countsPerTweet = new int[examples.size()][];
        float[] hashedValuePerTweet = new float[examples.size()];
        float[][] densePerTweet = new float[examples.size()][];
        for (int e = 0; e < examples.size(); e++) {
            features.extract(tokens.tokenize(examples.get(e).text()), vector);
            int[] sorted = new int[vector.size()];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = vector.bucket(i);
            }
            Arrays.sort(sorted);
            int distinct = 0;
            int[] counts = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                if (distinct > 0 && sorted[distinct - 1] == sorted[i]) {
                    counts[distinct - 1]++;
                } else {
                    sorted[distinct] = sorted[i];
                    counts[distinct++] = 1;
                    documentFrequency[sorted[i]]++;
                }
            }
            bucketsPerTweet[e] = Arrays.copyOf(sorted, distinct);
            countsPerTweet[e] = Arrays.copyOf(counts, distinct);
            hashedValuePerTweet[e] = vector.hashedValue();
            densePerTweet[e] = vector.denseValues();
        }

        int[] featureIndexOfBucket = new int[hashSpace];
        int keptCount = 0;
        for (int bucket = 0; bucket < hashSpace; bucket++) {
            featureIndexOfBucket[bucket] = documentFrequency[bucket] >= options.minCount() ? ++keptCount : 0;
        }
        int[] keptBuckets = new int[keptCount];
        for (int bucket = 0; bucket < hashSpace; bucket++) {
            if (featureIndexOfBucket[bucket] > 0) {
                keptBuckets[featureIndexOfBucket[bucket] - 1] = bucket;
            }
        }

        Problem problem = new Problem();
        problem.l = examples.size();
        problem.n = keptCount + DenseFeature.COUNT + 1;
        problem.bias = 1.0;
        problem.x = new Feature[examples.size()][];
        problem.y = new double[examples.size()];
        int[] classSizes = new int[CLASSES.size()];
        for (int e = 0; e < examples.size(); e++) {
            List<Feature> row = new ArrayList<>();
            for (int i = 0; i < bucketsPerTweet[e].length; i++) {
                int index = featureIndexOfBucket[bucketsPerTweet[e][i]];
                if (index > 0) {
                    row.add(new FeatureNode(index, countsPerTweet[e][i] * hashedValuePerTweet[e]));
                }
            }
            for (int d = 0; d < DenseFeature.COUNT; d++) {
                if (densePerTweet[e][d] != 0f) {
                    row.add(new FeatureNode(keptCount + 1 + d, densePerTweet[e][d]));
                }
            }
            row.add(new FeatureNode(problem.n, problem.bias));
            problem.x[e] = row.toArray(Feature[]::new);
            int label = CLASSES.indexOf(examples.get(e).label());
            problem.y[e] = label;
            classSizes[label]++;
        }

        Parameter parameter = new Parameter(SolverType.L2R_LR, options.regularization(), STOPPING_TOLERANCE);
        double[] classWeights = new double[CLASSES.size()];
        int[] classLabels = new int[CLASSES.size()];
        for (int c = 0; c < CLASSES.size(); c++) {
            classLabels[c] = c;
            classWeights[c] = classSizes[c] == 0 ? 1.0 : examples.size() / (double) (CLASSES.size() * classSizes[c]);
        }
        parameter.setWeights(classWeights, classLabels);
        parameter.setRandom(new Random(SOLVER_SEED));
        Linear.disableDebugOutput();
        Model model = Linear.train(problem, parameter);
        return toLinearModel(model, keptBuckets, examples.size(), metadata, biasOffsets);
    }

    private LinearModel toLinearModel(Model model, int[] keptBuckets, int exampleCount, Map<String, String> metadata,
                                      Map<Sentiment, Double> biasOffsets) {
        int classCount = model.getNrClass();
        if (classCount < 3) {
            throw new IllegalArgumentException("the training data must hold all three labels");
        }
        List<Sentiment> classes = new ArrayList<>();
        for (int label : model.getLabels()) {
            classes.add(CLASSES.get(label));
        }
        double[] w = model.getFeatureWeights();
        int keptCount = keptBuckets.length;
        float[] keptWeights = new float[keptCount * classCount];
        for (int k = 0; k < keptCount; k++) {
            for (int c = 0; c < classCount; c++) {
                keptWeights[k * classCount + c] = (float) w[k * classCount + c];
            }
        }
        float[] denseWeights = new float[DenseFeature.COUNT * classCount];
        for (int d = 0; d < DenseFeature.COUNT; d++) {
            for (int c = 0; c < classCount; c++) {
                denseWeights[d * classCount + c] = (float) w[(keptCount + d) * classCount + c];
            }
        }
        float[] bias = new float[classCount];
        for (int c = 0; c < classCount; c++) {
            bias[c] = (float) (w[(keptCount + DenseFeature.COUNT) * classCount + c] * model.getBias()
                    + biasOffsets.getOrDefault(classes.get(c), 0.0));
        }
        Map<String, String> recorded = new java.util.TreeMap<>(metadata);
        recorded.put("trainer", "liblinear " + SolverType.L2R_LR + ", one-versus-rest, balanced class weights");
        recorded.put("C", Double.toString(options.regularization()));
        recorded.put("min-count", Integer.toString(options.minCount()));
        recorded.put(LinearModel.WORD_CLUSTERS, WordClusters.standard().sha256());
        recorded.put("training-tweets", Integer.toString(exampleCount));
        if (!biasOffsets.isEmpty()) {
            recorded.put(BIAS_OFFSETS, "chosen for macro recall on " + options.biasFolds() + " inner folds: "
                    + biasOffsets.entrySet().stream()
                    .map(offset -> offset.getKey().label() + " " + String.format(Locale.ROOT, "%+.2f", offset.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        return new LinearModel(options.features(), recorded, classes, bias, denseWeights, keptBuckets, keptWeights);
    }
}
