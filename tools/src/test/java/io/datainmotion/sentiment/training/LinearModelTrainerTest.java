package io.datainmotion.sentiment.training;

import io.datainmotion.sentiment.linear.DenseFeature;
import io.datainmotion.sentiment.linear.LinearModel;
import io.datainmotion.sentiment.linear.LinearScorer;
import io.datainmotion.sentiment.Sentiment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Retrains on slices of the shared training data; skipped where ../shared/data is absent. */
class LinearModelTrainerTest {

    private static final Path TRAIN = Path.of("../shared/data/semeval-sentiment-train.jsonl");
    private static final Path DEV = Path.of("../shared/data/tweeteval-sentiment-val.jsonl");

    private static List<SentimentEvaluation.LabelledText> training;
    private static List<SentimentEvaluation.LabelledText> dev;

    @BeforeAll
    static void readData() throws IOException {
        if (Files.isRegularFile(TRAIN) && Files.isRegularFile(DEV)) {
            training = SentimentEvaluation.readJsonLines(TRAIN);
            dev = SentimentEvaluation.readJsonLines(DEV);
        }
    }

    private static byte[] bytes(LinearModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    @Test
    void aSliceOfTheTrainingDataStillLearns() {
        assumeTrue(training != null, "needs ../shared/data");
        LinearModel model = new LinearModelTrainer(LinearModelTrainer.Options.DEFAULT)
                .train(training.subList(0, 8_000), Map.of("slice", "first 8000"));
        SentimentEvaluation evaluation = SentimentEvaluation.evaluate(new LinearScorer(model), dev);
        assertTrue(evaluation.macroRecall() > 0.55, "chance is 0.333\n" + evaluation.toTable());
        for (Sentiment label : Sentiment.values()) {
            assertTrue(evaluation.recall(label) > 0.4, label + " is learnt too\n" + evaluation.toTable());
        }
        assertEquals("first 8000", model.metadata().get("slice"));
        assertEquals("8000", model.metadata().get("training-tweets"));
    }

    @Test
    void trainingIsDeterministic() throws IOException {
        assumeTrue(training != null, "needs ../shared/data");
        List<SentimentEvaluation.LabelledText> slice = training.subList(10_000, 13_000);
        LinearModelTrainer trainer = new LinearModelTrainer(LinearModelTrainer.Options.DEFAULT);
        assertArrayEquals(bytes(trainer.train(slice, Map.of())), bytes(trainer.train(slice, Map.of())));
    }

    @Test
    void biasOffsetsChosenOnInnerFoldsMoveOnlyTheBiases() {
        assumeTrue(training != null, "needs ../shared/data");
        List<SentimentEvaluation.LabelledText> slice = training.subList(10_000, 13_000);
        LinearModelTrainer.Options plainOptions = LinearModelTrainer.Options.DEFAULT;
        LinearModelTrainer.Options tunedOptions = new LinearModelTrainer.Options(plainOptions.features(),
                plainOptions.regularization(), plainOptions.minCount(), 2);
        LinearModel plain = new LinearModelTrainer(plainOptions).train(slice, Map.of());
        LinearModel tuned = new LinearModelTrainer(tunedOptions).train(slice, Map.of());
        Map<Sentiment, Double> offsets = MacroRecallOffsets.choose(slice, 2, new LinearModelTrainer(plainOptions));

        assertEquals(plain.keptBucketCount(), tuned.keptBucketCount());
        for (int c = 0; c < plain.classCount(); c++) {
            assertEquals(plain.bias(c) + offsets.get(plain.sentiment(c)), tuned.bias(c), 1e-5, plain.sentiment(c).label());
            for (int bucket = 0; bucket < 1 << plain.settings().hashBits(); bucket++) {
                assertEquals(plain.bucketWeight(bucket, c), tuned.bucketWeight(bucket, c));
            }
            for (DenseFeature feature : DenseFeature.values()) {
                assertEquals(plain.denseWeight(feature, c), tuned.denseWeight(feature, c));
            }
        }
        assertTrue(tuned.metadata().get(LinearModelTrainer.BIAS_OFFSETS).startsWith("chosen for macro recall on 2 inner folds"),
                tuned.metadata().toString());
        assertFalse(plain.metadata().containsKey(LinearModelTrainer.BIAS_OFFSETS));
    }

    @Test
    void needsAllThreeLabels() {
        List<SentimentEvaluation.LabelledText> twoLabels = List.of(
                new SentimentEvaluation.LabelledText("lovely sunny day", Sentiment.POSITIVE),
                new SentimentEvaluation.LabelledText("awful rainy day", Sentiment.NEGATIVE));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearModelTrainer(LinearModelTrainer.Options.DEFAULT).train(twoLabels, Map.of()));
    }
}
