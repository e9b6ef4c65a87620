package io.datainmotion.cli;

import io.datainmotion.sentiment.training.BehaviouralSuite;
import io.datainmotion.sentiment.training.SentimentEvaluation;
import io.datainmotion.sentiment.SentimentScorer;
import io.datainmotion.sentiment.SentimentScorers;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
        description = {"Scores a labelled JSON-lines file ({\"text\", \"label\"}) and prints the confusion matrix,"
                + " per-class recall and macro-averaged recall.",
                "With --behaviour: runs the behavioural test suite (templated cases by capability: negation,"
                        + " contrast, intensifiers, neutral facts, tweet style, invariances) against every scorer"
                        + " and prints the pass rate per capability."})
final class EvalSentimentCommand implements Callable<Integer> {

    static final String DEFAULT_DATA = "../shared/data/tweeteval-sentiment-val.jsonl";

    @Spec
    CommandSpec spec;

    @Mixin
    ScorerOptions scorerOptions;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Labelled JSON lines (default: " + DEFAULT_DATA + " from the project root).")
    Path data;

    @Option(names = "--behaviour",
            description = "Run the behavioural test suite against every scorer instead of scoring a file.")
    boolean behaviour;

    @Option(names = "--failures",
            description = "With --behaviour: also list the cases the --scorer one fails.")
    boolean failures;

    @Override
    public Integer call() throws IOException {
        if (behaviour) {
            printBehaviour(spec.commandLine().getOut());
            return 0;
        }
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

    private void printBehaviour(PrintWriter out) {
        List<String> names = SentimentScorers.names();
        List<BehaviouralSuite.Result> results = new ArrayList<>();
        for (String name : names) {
            results.add(BehaviouralSuite.run(SentimentScorers.create(name)));
        }
        out.printf("%-20s%7s", "capability", "cases");
        names.forEach(name -> out.printf("%10s", name));
        out.println();
        for (BehaviouralSuite.Capability capability : BehaviouralSuite.Capability.values()) {
            out.printf("%-20s%7d", capability.label(), results.get(0).total(capability));
            results.forEach(result -> out.printf("%9.1f%%", 100 * result.passRate(capability)));
            out.println();
        }
        out.printf("%-20s%7s", "negation (both)", "");
        results.forEach(result -> out.printf("%9.1f%%", 100 * result.negationPassRate()));
        out.println();
        if (failures) {
            BehaviouralSuite.Result chosen = results.get(names.indexOf(scorerOptions.scorer));
            out.printf("%nfailed by %s:%n", scorerOptions.scorer);
            for (BehaviouralSuite.Case failed : chosen.failures()) {
                out.printf("  [%s] %s  (expected %s)%n", failed.capability().label(), failed.text(), failed.expectation());
            }
        }
        out.flush();
    }
}
