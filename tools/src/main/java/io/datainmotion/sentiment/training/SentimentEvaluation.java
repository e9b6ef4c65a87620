package io.datainmotion.sentiment.training;

import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.SentimentScorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores labelled texts with any {@link SentimentScorer} and reports the confusion matrix, the recall
 * of each class and their unweighted mean (macro-averaged recall, TweetEval's metric for sentiment).
 */
public final class SentimentEvaluation {

    private static final Sentiment[] LABELS = Sentiment.values();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One gold-labelled text. */
    public record LabelledText(String text, Sentiment label) {}

    /** {@code counts[gold.ordinal()][predicted.ordinal()]}. */
    private final int[][] counts = new int[LABELS.length][LABELS.length];

    private SentimentEvaluation() {}

    /**
     * Reads JSON lines {@code {"text": ..., "label": "positive|negative|neutral", ...}}; other fields are
     * ignored, blank lines skipped.
     *
     * @throws IOException naming the line number of a line that is not such an object
     */
    public static List<LabelledText> readJsonLines(Path file) throws IOException {
        List<LabelledText> examples = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    examples.add(parse(line, file, lineNumber));
                }
            }
        }
        return examples;
    }

    private static LabelledText parse(String line, Path file, int lineNumber) throws IOException {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode text = node.get("text");
            JsonNode label = node.get("label");
            if (text == null || !text.isTextual() || label == null || !label.isTextual()) {
                throw new IllegalArgumentException("needs string fields \"text\" and \"label\"");
            }
            return new LabelledText(text.asText(), Sentiment.fromLabel(label.asText()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + " line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    public static SentimentEvaluation evaluate(SentimentScorer scorer, List<LabelledText> examples) {
        SentimentEvaluation evaluation = new SentimentEvaluation();
        for (LabelledText example : examples) {
            Sentiment predicted = scorer.score(example.text()).sentiment();
            evaluation.counts[example.label().ordinal()][predicted.ordinal()]++;
        }
        return evaluation;
    }

    /** How many texts labelled {@code gold} were scored {@code predicted}. */
    public int count(Sentiment gold, Sentiment predicted) {
        return counts[gold.ordinal()][predicted.ordinal()];
    }

    public int total() {
        int total = 0;
        for (int[] row : counts) {
            for (int count : row) {
                total += count;
            }
        }
        return total;
    }

    /** Share of the texts labelled {@code gold} that were scored so; NaN when there are none. */
    public double recall(Sentiment gold) {
        int labelled = 0;
        for (int count : counts[gold.ordinal()]) {
            labelled += count;
        }
        return (double) counts[gold.ordinal()][gold.ordinal()] / labelled;
    }

    /** The mean of the three per-class recalls; NaN when a class has no texts. */
    public double macroRecall() {
        double sum = 0;
        for (Sentiment label : LABELS) {
            sum += recall(label);
        }
        return sum / LABELS.length;
    }

    public double accuracy() {
        int correct = 0;
        for (Sentiment label : LABELS) {
            correct += counts[label.ordinal()][label.ordinal()];
        }
        return (double) correct / total();
    }

    /** The confusion matrix (rows gold, columns predicted) with recalls, as a plain-text table. */
    public String toTable() {
        StringBuilder table = new StringBuilder(String.format("%-14s", "gold \\ scored"));
        for (Sentiment predicted : LABELS) {
            table.append(String.format("%10s", predicted.label()));
        }
        table.append(String.format("%10s%n", "recall"));
        for (Sentiment gold : LABELS) {
            table.append(String.format("%-14s", gold.label()));
            for (Sentiment predicted : LABELS) {
                table.append(String.format("%10d", count(gold, predicted)));
            }
            table.append(String.format("%10.3f%n", recall(gold)));
        }
        table.append(String.format("texts %d, accuracy %.3f, macro-averaged recall %.4f%n",
                total(), accuracy(), macroRecall()));
        return table.toString();
    }
}
