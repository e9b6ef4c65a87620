package io.datainmotion.sentiment.training;

import io.datainmotion.sentiment.linear.LinearModel;
import io.datainmotion.sentiment.linear.LinearScorer;
import io.datainmotion.sentiment.Sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Checks model choices the way the model is used: trained on older tweets and scored on newer ones (a
 * temporal split by the year each SemEval id names), and by k-fold cross-validation over the whole
 * training file, so that no single small dev split steers every choice.
 *
 * <p>Macro-averaged recall does not move with the label mix by itself (each class's recall is taken within
 * the class), but a model's bias toward a class does, so each split also reports its mix.
 */
public final class SentimentValidation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern YEAR = Pattern.compile("^twitter-(\\d{4})");

    /** A labelled tweet and the year its source file names. */
    public record DatedText(SentimentEvaluation.LabelledText text, int year) {}

    /**
     * The figures of one held-out part: its size, its label mix, the scorer's evaluation on it, and the model's
     * recorded settings (e.g. the bias offsets its training chose).
     */
    public record Fold(String name, int trainSize, Map<Sentiment, Integer> testMix, SentimentEvaluation evaluation,
                       Map<String, String> modelMetadata) {}

    private SentimentValidation() {}

    /**
     * Reads SemEval JSON lines whose {@code id} starts with {@code twitter-YYYY} (e.g.
     * {@code twitter-2016train-A:628949369883000832}).
     *
     * @throws IOException naming the line of a record without such an id
     */
    public static List<DatedText> readDated(Path file) throws IOException {
        List<SentimentEvaluation.LabelledText> texts = SentimentEvaluation.readJsonLines(file);
        List<DatedText> dated = new ArrayList<>(texts.size());
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode id = JSON.readTree(line).get("id");
                Matcher year = YEAR.matcher(id == null ? "" : id.asText());
                if (!year.find()) {
                    throw new IOException(file + " line " + lineNumber + ": id does not name a SemEval year: " + id);
                }
                dated.add(new DatedText(texts.get(dated.size()), Integer.parseInt(year.group(1))));
            }
        }
        return dated;
    }

    /** Trains on every year before the newest and evaluates on the newest. */
    public static Fold temporal(List<DatedText> data, LinearModelTrainer trainer) {
        int newest = data.stream().mapToInt(DatedText::year).max()
                .orElseThrow(() -> new IllegalArgumentException("no training data"));
        List<SentimentEvaluation.LabelledText> older = new ArrayList<>();
        List<SentimentEvaluation.LabelledText> newer = new ArrayList<>();
        for (DatedText text : data) {
            (text.year() < newest ? older : newer).add(text.text());
        }
        if (older.isEmpty()) {
            throw new IllegalArgumentException("all tweets are from " + newest + ": no older years to train on");
        }
        return fold("train < " + newest + ", test " + newest, older, newer, trainer);
    }

    /**
     * k-fold cross-validation: tweet i is held out in fold i mod k, so every fold draws evenly from every
     * source file (the file is ordered by source). Folds are trained in parallel; each is deterministic.
     */
    public static List<Fold> crossValidate(List<SentimentEvaluation.LabelledText> data, int folds,
                                           LinearModelTrainer trainer) {
        if (folds < 2 || folds > data.size()) {
            throw new IllegalArgumentException("folds must be in [2, " + data.size() + "], got " + folds);
        }
        return IntStream.range(0, folds).parallel().mapToObj(k -> {
            Split split = Split.of(data, folds, k);
            return fold("fold " + (k + 1) + "/" + folds, split.train(), split.test(), trainer);
        }).toList();
    }

    /**
     * Part {@code k} of {@code folds}-fold cross-validation: tweet i is held out when i mod folds == k.
     * {@code testPositions[j]} is the index of the j-th held-out tweet in the list the split was made from.
     */
    record Split(List<SentimentEvaluation.LabelledText> train, List<SentimentEvaluation.LabelledText> test,
                 int[] testPositions) {

        static Split of(List<SentimentEvaluation.LabelledText> data, int folds, int k) {
            List<SentimentEvaluation.LabelledText> train = new ArrayList<>();
            List<SentimentEvaluation.LabelledText> test = new ArrayList<>();
            int[] testPositions = new int[(data.size() - k + folds - 1) / folds];
            for (int i = 0; i < data.size(); i++) {
                if (i % folds == k) {
                    testPositions[test.size()] = i;
                    test.add(data.get(i));
                } else {
                    train.add(data.get(i));
                }
            }
            return new Split(train, test, testPositions);
        }
    }

    public static Map<Sentiment, Integer> labelMix(List<SentimentEvaluation.LabelledText> texts) {
        Map<Sentiment, Integer> mix = new EnumMap<>(Sentiment.class);
        for (Sentiment sentiment : Sentiment.values()) {
            mix.put(sentiment, 0);
        }
        texts.forEach(text -> mix.merge(text.label(), 1, Integer::sum));
        return mix;
    }

    private static Fold fold(String name, List<SentimentEvaluation.LabelledText> train,
                             List<SentimentEvaluation.LabelledText> test, LinearModelTrainer trainer) {
        LinearModel model = trainer.train(train, Map.of("validation", name));
        return new Fold(name, train.size(), labelMix(test), SentimentEvaluation.evaluate(new LinearScorer(model), test),
                model.metadata());
    }
}
