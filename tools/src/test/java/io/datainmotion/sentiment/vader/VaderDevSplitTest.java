package io.datainmotion.sentiment.vader;

import io.datainmotion.sentiment.training.SentimentEvaluation;
import io.datainmotion.sentiment.SentimentScorers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VADER on the TweetEval dev split in {@code ../shared/data}; skipped where that directory is absent. */
class VaderDevSplitTest {

    static final Path DEV_SPLIT = Path.of("..", "shared", "data", "tweeteval-sentiment-val.jsonl");

    @Test
    void macroRecallOnTheDevSplitIsAtLeast059() throws IOException {
        assumeTrue(Files.isReadable(DEV_SPLIT), DEV_SPLIT + " is absent");
        List<SentimentEvaluation.LabelledText> dev = SentimentEvaluation.readJsonLines(DEV_SPLIT);
        assertEquals(2000, dev.size());

        SentimentEvaluation evaluation = SentimentEvaluation.evaluate(SentimentScorers.create("vader"), dev);

        assertTrue(evaluation.macroRecall() >= 0.59, evaluation.toTable());
    }
}
