package io.datainmotion.sentiment.linear;

import io.datainmotion.sentiment.Sentiment;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearModelTest {

    private static final LinearFeatures.Settings SETTINGS = new LinearFeatures.Settings(10, 2, 4);
    private static final List<Sentiment> CLASSES = List.of(Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE);

    private static LinearModel model() {
        float[] dense = new float[DenseFeature.COUNT * 3];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (i - 7) / 8f;
        }
        int[] kept = {0, 3, 200, 1023};
        float[] keptWeights = {1.5f, -0.25f, 0f, -2f, 0.125f, 0.5f, 0.75f, -0.75f, 3f, 0.001f, -1f, -0.5f};
        return new LinearModel(SETTINGS, Map.of("command", "bin/dim train-sentiment --c 1", "training-data-sha256", "ab12"),
                CLASSES, new float[] {0.1f, -0.2f, 0.3f}, dense, kept, keptWeights);
    }

    private static byte[] bytes(LinearModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    @Test
    void roundTripKeepsSettingsMetadataClassesAndWeights() throws IOException {
        LinearModel original = model();
        LinearModel read = LinearModel.read(new ByteArrayInputStream(bytes(original)));

        assertEquals(SETTINGS, read.settings());
        assertEquals(original.metadata(), read.metadata());
        assertEquals(4, read.keptBucketCount());
        for (int c = 0; c < 3; c++) {
            assertEquals(CLASSES.get(c), read.sentiment(c));
            assertEquals(original.bias(c), read.bias(c));
            for (DenseFeature feature : DenseFeature.values()) {
                assertEquals(original.denseWeight(feature, c), read.denseWeight(feature, c));
            }
            float largest = 0f;
            for (int bucket = 0; bucket < 1 << SETTINGS.hashBits(); bucket++) {
                largest = Math.max(largest, Math.abs(original.bucketWeight(bucket, c)));
            }
            for (int bucket = 0; bucket < 1 << SETTINGS.hashBits(); bucket++) {
                assertEquals(original.bucketWeight(bucket, c), read.bucketWeight(bucket, c), largest / 32767,
                        "16-bit weights are within one step of the original");
            }
        }
        assertArrayEquals(bytes(original), bytes(read), "writing what was read gives the same bytes");
    }

    @Test
    void scoresAddBiasHashedAndDenseContributions() {
        LinearModel model = model();
        FeatureVector vector = new FeatureVector(false);
        vector.clear();
        vector.add(3);
        vector.add(3);
        vector.add(1023);
        vector.add(500);
        vector.dense[DenseFeature.QUESTIONS.ordinal()] = 0.5f;
        float[] scores = new float[3];
        model.scores(vector, scores);
        float value = 0.5f;
        for (int c = 0; c < 3; c++) {
            float expected = model.bias(c)
                    + value * (2 * model.bucketWeight(3, c) + model.bucketWeight(1023, c))
                    + 0.5f * model.denseWeight(DenseFeature.QUESTIONS, c);
            assertEquals(expected, scores[c], 1e-6);
        }
    }

    @Test
    void aSummingVectorScoresExactlyAsListedBucketsAndOnlyForItsModel() {
        LinearModel model = model();
        FeatureVector listed = new FeatureVector(false);
        FeatureVector summing = model.summingVector();
        for (FeatureVector vector : List.of(listed, summing)) {
            vector.clear();
            for (int bucket : new int[] {3, 3, 1023, 500, 0, 200, 200}) {
                vector.add(bucket);
            }
            vector.dense[DenseFeature.EXCLAMATIONS.ordinal()] = 0.25f;
        }
        float[] fromList = new float[3];
        float[] fromSums = new float[3];
        model.scores(listed, fromList);
        model.scores(summing, fromSums);
        assertArrayEquals(fromList, fromSums, "the same integer step sums, so the same floats to the bit");
        assertEquals(listed.size(), summing.size());
        for (FeatureVector vector : List.of(listed, summing)) {
            vector.clear();
            vector.add(1023);
        }
        model.scores(listed, fromList);
        model.scores(summing, fromSums);
        assertArrayEquals(fromList, fromSums, "clear() forgets the sums of the tweet before");
        assertThrows(IllegalArgumentException.class, () -> model().scores(summing, new float[3]),
                "another model's weights were summed");
    }

    @Test
    void probabilitiesAreNormalisedSigmoids() {
        float[] scores = {2f, 0f, -2f};
        LinearModel.toProbabilities(scores, 3);
        assertEquals(1f, scores[0] + scores[1] + scores[2], 1e-6);
        assertTrue(scores[0] > scores[1] && scores[1] > scores[2]);
        assertEquals(1f / 3f, scores[1], 1e-6, "sigmoid(2) + sigmoid(-2) = 1, so the middle gets 0.5 / 1.5");
    }

    @Test
    void refusesOtherFilesAndOtherFeatureVersions() throws IOException {
        IOException notAModel = assertThrows(IOException.class,
                () -> LinearModel.read(new ByteArrayInputStream("hello world, not a model".getBytes())));
        assertTrue(notAModel.getMessage().contains("magic"));

        byte[] bytes = bytes(model());
        int featureVersionOffset = "DIMLINEAR".length() + 4;
        bytes[featureVersionOffset + 3]++;
        IOException otherFeatures = assertThrows(IOException.class,
                () -> LinearModel.read(new ByteArrayInputStream(bytes)));
        assertTrue(otherFeatures.getMessage().contains("retrain"), otherFeatures.getMessage());
    }

    @Test
    void rejectsWeightsThatDoNotFitTheClasses() {
        assertThrows(IllegalArgumentException.class, () -> new LinearModel(SETTINGS, Map.of(), CLASSES,
                new float[3], new float[DenseFeature.COUNT * 3], new int[] {1, 2}, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> new LinearModel(SETTINGS, Map.of(), CLASSES,
                new float[3], new float[DenseFeature.COUNT * 3], new int[] {2, 1}, new float[6]));
    }
}
