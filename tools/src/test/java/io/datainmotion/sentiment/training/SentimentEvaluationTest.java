package io.datainmotion.sentiment.training;

import io.datainmotion.sentiment.Explanation;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.SentimentScorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datainmotion.sentiment.training.SentimentEvaluation.LabelledText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentEvaluationTest {

    /** Labels a text by the first word: "pos", "neg", anything else neutral. */
    private static final SentimentScorer FIRST_WORD = new SentimentScorer() {
        @Override
        public String name() {
            return "first-word";
        }

        @Override
        public SentimentScore score(String text) {
            if (text.startsWith("pos")) {
                return new SentimentScore(Sentiment.POSITIVE, 1);
            }
            return text.startsWith("neg")
                    ? new SentimentScore(Sentiment.NEGATIVE, -1)
                    : new SentimentScore(Sentiment.NEUTRAL, 0);
        }

        @Override
        public Explanation explain(String text) {
            return new Explanation(score(text), List.of());
        }
    };

    @Test
    void countsGoldAgainstPredictedAndAveragesPerClassRecall() {
        SentimentEvaluation evaluation = SentimentEvaluation.evaluate(FIRST_WORD, List.of(
                new LabelledText("pos a", Sentiment.POSITIVE),
                new LabelledText("pos b", Sentiment.POSITIVE),
                new LabelledText("neg c", Sentiment.POSITIVE),
                new LabelledText("x d", Sentiment.POSITIVE),
                new LabelledText("neg e", Sentiment.NEGATIVE),
                new LabelledText("neu f", Sentiment.NEUTRAL),
                new LabelledText("pos g", Sentiment.NEUTRAL)));

        assertEquals(2, evaluation.count(Sentiment.POSITIVE, Sentiment.POSITIVE));
        assertEquals(1, evaluation.count(Sentiment.POSITIVE, Sentiment.NEGATIVE));
        assertEquals(1, evaluation.count(Sentiment.POSITIVE, Sentiment.NEUTRAL));
        assertEquals(1, evaluation.count(Sentiment.NEUTRAL, Sentiment.POSITIVE));
        assertEquals(7, evaluation.total());
        assertEquals(0.5, evaluation.recall(Sentiment.POSITIVE));
        assertEquals(1.0, evaluation.recall(Sentiment.NEGATIVE));
        assertEquals(0.5, evaluation.recall(Sentiment.NEUTRAL));
        assertEquals(2.0 / 3, evaluation.macroRecall(), 1e-12);
        assertEquals(4.0 / 7, evaluation.accuracy(), 1e-12);
        String table = evaluation.toTable();
        assertTrue(table.contains("macro-averaged recall 0.6667"), table);
        assertTrue(table.lines().anyMatch(line -> line.matches("positive\\s+2\\s+1\\s+1\\s+0\\.500")), table);
    }

    @Test
    void readsLabelledJsonLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dev.jsonl");
        Files.writeString(file, "{\"id\": 1, \"text\": \"pos x\", \"label\": \"positive\"}\n\n"
                + "{\"text\": \"neg y \", \"label\": \"negative\"}\n");
        assertEquals(List.of(new LabelledText("pos x", Sentiment.POSITIVE), new LabelledText("neg y ", Sentiment.NEGATIVE)),
                SentimentEvaluation.readJsonLines(file));
    }

    @Test
    void namesTheLineOfABadRecord(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"text\": \"a\", \"label\": \"positive\"}\n{\"text\": \"b\", \"label\": \"happy\"}\n");
        IOException e = assertThrows(IOException.class, () -> SentimentEvaluation.readJsonLines(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
