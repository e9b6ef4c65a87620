package io.datainmotion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datainmotion.records.Outcome;
import io.datainmotion.sentiment.Explanation;
import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.SentimentScorer;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.sentiment.TweetParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bin/dim score}: the bolt's scorer on JSON lines, for people and scripts. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
            "Scores tweets, one per line, and writes one line {\"id\", \"sentiment\", \"polarity\"} per input"
                    + " line, in input order. A line is read as the pipeline reads a record of the tweets topic:"
                    + " JSON {\"text\": ..., \"id\": ...} (id optional) when it starts with { or [, else the"
                    + " tweet text itself.",
            "Without an id the output id is the line number. Blank lines are skipped; a line the pipeline"
                    + " would dead-letter (empty text, bad JSON, too large) stops with its line number, the"
                    + " dead-letter reason and a non-zero exit."})
final class ScoreCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ScorerOptions scorerOptions;

    @Option(names = "--explain", description = "Add \"contributions\": the tokens or features behind the score, largest first.")
    boolean explain;

    @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "16384",
            description = "Reject a line longer than this many bytes, as the pipeline's tweets.max.bytes does (default: ${DEFAULT-VALUE}).")
    int maxBytes;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Input, one tweet per line (default: standard input).")
    Path file;

    @Override
    public Integer call() throws IOException {
        SentimentScorer scorer = scorerOptions.create();
        if (maxBytes <= 0) {
            throw new ParameterException(spec.commandLine(), "--max-bytes must be positive, got " + maxBytes);
        }
        TweetParser parser = new TweetParser(maxBytes);
        PrintWriter out = spec.commandLine().getOut();
        try (BufferedReader lines = file == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    out.println(JSON.writeValueAsString(score(scorer, parser, line, lineNumber)));
                }
            }
        } finally {
            out.flush();
        }
        return 0;
    }

    private ObjectNode score(SentimentScorer scorer, TweetParser parser, String line, int lineNumber) {
        AtomicBoolean idFromLineNumber = new AtomicBoolean();
        Outcome<Tweet> parsed = parser.parse(line.getBytes(StandardCharsets.UTF_8), () -> {
            idFromLineNumber.set(true);
            return Integer.toString(lineNumber);
        });
        if (parsed instanceof Outcome.Rejected<Tweet> rejected) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + rejected.rejection().reason() + ": "
                    + rejected.rejection().detail());
        }
        Tweet tweet = ((Outcome.Accepted<Tweet>) parsed).value();
        ObjectNode output = JSON.createObjectNode();
        if (idFromLineNumber.get()) {
            output.put("id", lineNumber);
        } else {
            output.put("id", tweet.id());
        }
        String text = tweet.text();
        if (explain) {
            Explanation explanation = scorer.explain(text);
            putScore(output, explanation.score());
            ArrayNode contributions = output.putArray("contributions");
            for (Explanation.Contribution contribution : explanation.contributions()) {
                contributions.addObject()
                        .put("feature", contribution.feature())
                        .put("weight", contribution.weight())
                        .put("detail", contribution.detail());
            }
        } else {
            putScore(output, scorer.score(text));
        }
        return output;
    }

    private static void putScore(ObjectNode output, SentimentScore score) {
        output.put("sentiment", score.sentiment().label());
        output.put("polarity", score.polarity());
    }
}
