package io.datainmotion.cli;

import io.datainmotion.sentiment.SentimentEvaluation;
import io.datainmotion.sentiment.SentimentScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bin/dim eval-sentiment}: the figures of issue 3, rerunnable by anyone with the data. */
@Command(name = "eval-sentiment", mixinStandardHelpOptions = true,
        description = "Scores a labelled JSON-lines file ({\"text\", \"label\"}) and prints the confusion matrix,"
                + " per-class recall and macro-averaged recall.")
final class EvalSentimentCommand implements Callable<Integer> {

    static final String DEFAULT_DATA = "../shared/data/tweeteval-sentiment-val.jsonl";

    @Spec
    CommandSpec spec;

    @Mixin
    ScorerOptions scorerOptions;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Labelled JSON lines (default: " + DEFAULT_DATA + " from the project root).")
    Path data;

    @Override
    public Integer call() throws IOException {
        Path file = data != null ? data : Path.of(System.getProperty("dim.home", ".")).resolve(DEFAULT_DATA).normalize();
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file + " (give --data FILE)");
        }
        SentimentScorer scorer = scorerOptions.create();
        SentimentEvaluation evaluation = SentimentEvaluation.evaluate(scorer, SentimentEvaluation.readJsonLines(file));
        spec.commandLine().getOut().printf("scorer %s%s on %s%n%s", scorer.name(),
                scorerOptions.settings.isEmpty() ? "" : " " + scorerOptions.settings, file, evaluation.toTable());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
