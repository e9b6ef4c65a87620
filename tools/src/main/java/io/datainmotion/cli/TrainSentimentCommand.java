package io.datainmotion.cli;

import io.datainmotion.sentiment.linear.LinearFeatures;
import io.datainmotion.sentiment.linear.LinearModel;
import io.datainmotion.sentiment.training.LinearModelTrainer;
import io.datainmotion.sentiment.linear.LinearScorer;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.training.SentimentEvaluation;
import io.datainmotion.sentiment.training.SentimentValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bin/dim train-sentiment}: trains the linear sentiment model and writes it as a resource. */
@Command(name = "train-sentiment", mixinStandardHelpOptions = true,
        description = {
                "Trains the linear tweet sentiment model (logistic regression over hashed n-grams and lexicon"
                        + " features), prints its macro-averaged recall and confusion matrix on the dev split,"
                        + " and writes the model file the 'linear' scorer ships with.",
                "Deterministic: the same data and options give a byte-identical model.",
                "With --validate: writes no model; trains with the same options on older years and scores the"
                        + " newest year of --data (temporal split), then runs k-fold cross-validation on --data,"
                        + " and prints macro-averaged recall and label mix of each part."})
final class TrainSentimentCommand implements Callable<Integer> {

    static final String DEFAULT_DATA = "../shared/data/semeval-sentiment-train.jsonl";
    static final String DEFAULT_DEV = "../shared/data/tweeteval-sentiment-val.jsonl";
    static final String DEFAULT_OUT = "worker/src/main/resources" + LinearScorer.MODEL_RESOURCE;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", defaultValue = DEFAULT_DATA,
            description = "Labelled training tweets, JSON lines with \"text\" and \"label\" (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--dev", paramLabel = "FILE", defaultValue = DEFAULT_DEV,
            description = "Labelled dev tweets, only evaluated, never trained on (default: ${DEFAULT-VALUE}).")
    String dev;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = DEFAULT_OUT,
            description = "Where to write the model (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--c", paramLabel = "C", defaultValue = "0.5",
            description = "Inverse regularisation strength of the logistic regression (default: ${DEFAULT-VALUE}).")
    double regularization;

    @Option(names = "--min-count", paramLabel = "N", defaultValue = "2",
            description = "Drop hashed features seen in fewer than N training tweets (default: ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--hash-bits", paramLabel = "BITS", defaultValue = "16",
            description = "Hash features into 2^BITS buckets (default: ${DEFAULT-VALUE}).")
    int hashBits;

    @Option(names = "--char-grams", paramLabel = "MIN-MAX", defaultValue = "3-4",
            description = "Lengths of the character n-grams taken within words (default: ${DEFAULT-VALUE}).")
    String charGrams;

    @Option(names = "--bias-folds", paramLabel = "K", defaultValue = "0",
            description = "Choose per-class bias offsets that maximise macro-averaged recall on K inner folds of the"
                    + " training tweets (0: liblinear's biases as trained; default: ${DEFAULT-VALUE}).")
    int biasFolds;

    @Option(names = "--validate",
            description = "Validate the options instead of writing a model: temporal split and k-fold cross-validation.")
    boolean validate;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "With --validate: the number of cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        LinearModelTrainer.Options options = options();
        Path dataFile = inProject(data);
        if (validate) {
            validate(stdout, new LinearModelTrainer(options), dataFile);
            return 0;
        }
        Path devFile = inProject(dev);
        Path outFile = inProject(out);
        List<SentimentEvaluation.LabelledText> training = read(dataFile, "--data");
        List<SentimentEvaluation.LabelledText> development = read(devFile, "--dev");

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("training-data", dataFile.getFileName().toString());
        metadata.put("training-data-sha256", sha256(dataFile));
        metadata.put("command", commandLine());
        stdout.printf("training on %d tweets from %s ...%n", training.size(), data);
        stdout.flush();
        long started = System.nanoTime();
        LinearModel model = new LinearModelTrainer(options).train(training, metadata);
        double seconds = (System.nanoTime() - started) / 1e9;

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        Path parent = outFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.write(outFile, bytes.toByteArray());
        stdout.printf("trained in %.1f s: %d hashed features kept; model %,d bytes written to %s%n",
                seconds, model.keptBucketCount(), bytes.size(), out);
        if (model.metadata().containsKey(LinearModelTrainer.BIAS_OFFSETS)) {
            stdout.printf("bias offsets %s%n", model.metadata().get(LinearModelTrainer.BIAS_OFFSETS));
        }

        SentimentEvaluation evaluation = SentimentEvaluation.evaluate(
                new LinearScorer(LinearModel.read(new java.io.ByteArrayInputStream(bytes.toByteArray()))),
                development);
        stdout.printf("dev split %s:%n%s", dev, evaluation.toTable());
        return 0;
    }

    private void validate(PrintWriter stdout, LinearModelTrainer trainer, Path dataFile) throws IOException {
        if (!Files.isRegularFile(dataFile)) {
            throw new ParameterException(spec.commandLine(), "--data file not found: " + dataFile);
        }
        if (folds < 2) {
            throw new ParameterException(spec.commandLine(), "--folds must be at least 2, got " + folds);
        }
        List<SentimentValidation.DatedText> dated = SentimentValidation.readDated(dataFile);
        List<SentimentEvaluation.LabelledText> all = dated.stream().map(SentimentValidation.DatedText::text).toList();
        stdout.printf("validating %s on %d tweets from %s (label mix %s)%n", commandLine(), all.size(), data,
                mix(SentimentValidation.labelMix(all)));
        stdout.flush();
        SentimentValidation.Fold temporal = SentimentValidation.temporal(dated, trainer);
        stdout.printf("temporal split (%s, %d training tweets), test label mix %s:%n%s%s", temporal.name(),
                temporal.trainSize(), mix(temporal.testMix()), temporal.evaluation().toTable(), biasOffsets(temporal));
        stdout.flush();
        List<SentimentValidation.Fold> parts = SentimentValidation.crossValidate(all, folds, trainer);
        double sum = 0;
        double sumOfSquares = 0;
        for (SentimentValidation.Fold part : parts) {
            double recall = part.evaluation().macroRecall();
            sum += recall;
            sumOfSquares += recall * recall;
            stdout.printf("%s: macro-averaged recall %.4f, accuracy %.3f, test label mix %s%n%s", part.name(), recall,
                    part.evaluation().accuracy(), mix(part.testMix()), biasOffsets(part));
        }
        double mean = sum / folds;
        stdout.printf("cross-validation (%d folds): macro-averaged recall %.4f (sd %.4f)%n", folds, mean,
                Math.sqrt(Math.max(0, sumOfSquares / folds - mean * mean)));
        stdout.flush();
    }

    private static String biasOffsets(SentimentValidation.Fold fold) {
        String offsets = fold.modelMetadata().get(LinearModelTrainer.BIAS_OFFSETS);
        return offsets == null ? "" : "  bias offsets " + offsets + "\n";
    }

    private static String mix(Map<Sentiment, Integer> mix) {
        int total = mix.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder();
        mix.forEach((label, count) -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format("%s %.1f%%", label.label(), 100.0 * count / total)));
        return text.toString();
    }

    private LinearModelTrainer.Options options() {
        String[] range = charGrams.split("-", -1);
        try {
            if (range.length != 2) {
                throw new IllegalArgumentException("--char-grams must look like 3-4, got " + charGrams);
            }
            LinearFeatures.Settings settings = new LinearFeatures.Settings(hashBits,
                    Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim()));
            return new LinearModelTrainer.Options(settings, regularization, minCount, biasFolds);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The options spelt out in full, so the recorded command reproduces the model whatever the defaults become. */
    private String commandLine() {
        return "bin/dim train-sentiment --data " + data + " --dev " + dev + " --out " + out
                + " --c " + regularization + " --min-count " + minCount + " --hash-bits " + hashBits
                + " --char-grams " + charGrams + (biasFolds == 0 ? "" : " --bias-folds " + biasFolds);
    }

    private List<SentimentEvaluation.LabelledText> read(Path file, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), option + " file not found: " + file);
        }
        return SentimentEvaluation.readJsonLines(file);
    }

    /** Relative paths are taken from the project directory bin/dim runs in, so the defaults work from anywhere. */
    private static Path inProject(String path) {
        String home = System.getProperty("dim.home");
        Path given = Path.of(path);
        return given.isAbsolute() || home == null ? given : Path.of(home).resolve(given).normalize();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
