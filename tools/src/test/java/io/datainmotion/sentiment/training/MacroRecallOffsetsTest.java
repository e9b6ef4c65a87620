package io.datainmotion.sentiment.training;

import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.linear.LinearFeatures;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MacroRecallOffsetsTest {

    private static final int NEGATIVE = 0;
    private static final int NEUTRAL = 1;
    private static final int POSITIVE = 2;

    @Test
    void raisesAnUnderPredictedClassJustEnoughToTakeItsTweets() {
        // Negative tweets score 0.31 below neutral: the smallest grid offset that labels them negative is 0.32;
        // neutral tweets sit 1.5 below, so no offset in range costs neutral recall.
        float[][] logits = {
                {-0.31f, 0f, -2f}, {-0.31f, 0f, -2f},
                {-1.5f, 0f, -2f}, {-1.5f, 0f, -2f},
                {-2f, -1f, 0f}, {-2f, -1f, 0f}};
        int[] gold = {NEGATIVE, NEGATIVE, NEUTRAL, NEUTRAL, POSITIVE, POSITIVE};

        Map<Sentiment, Double> offsets = MacroRecallOffsets.best(logits, gold);

        assertEquals(0.32, offsets.get(Sentiment.NEGATIVE), 1e-9);
        assertEquals(0.0, offsets.get(Sentiment.NEUTRAL));
        assertEquals(0.0, offsets.get(Sentiment.POSITIVE), 1e-9);
    }

    @Test
    void leavesTheBiasesWhenTheLabelsAreAlreadyRight() {
        float[][] logits = {{1f, 0f, -1f}, {-1f, 1f, -1f}, {-1f, 0f, 1f}};
        int[] gold = {NEGATIVE, NEUTRAL, POSITIVE};

        Map<Sentiment, Double> offsets = MacroRecallOffsets.best(logits, gold);

        assertEquals(0.0, offsets.get(Sentiment.NEGATIVE), 1e-9);
        assertEquals(0.0, offsets.get(Sentiment.POSITIVE), 1e-9);
    }

    @Test
    void aTieKeepsTheSmallerShift() {
        // Three neutral tweets and one negative, all scored neutral by 0.2. Labelling all four negative wins the
        // negative class and loses the neutral one: macro recall (1 + 0 + 0) / 3 against (0 + 1 + 0) / 3, a tie.
        float[][] logits = {{-0.2f, 0f, -3f}, {-0.2f, 0f, -3f}, {-0.2f, 0f, -3f}, {-0.2f, 0f, -3f}};
        int[] gold = {NEUTRAL, NEUTRAL, NEUTRAL, NEGATIVE};

        assertEquals(0.0, MacroRecallOffsets.best(logits, gold).get(Sentiment.NEGATIVE), 1e-9);
    }

    @Test
    void optionsRefuseASingleInnerFold() {
        assertThrows(IllegalArgumentException.class,
                () -> new LinearModelTrainer.Options(LinearFeatures.Settings.DEFAULT, 0.5, 2, 1));
    }
}
