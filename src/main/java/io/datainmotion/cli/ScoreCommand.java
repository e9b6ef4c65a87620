package io.datainmotion.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datainmotion.sentiment.Explanation;
import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.SentimentScorer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bin/dim score}: the bolt's scorer on JSON lines, for people and scripts. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
            "Scores JSON lines {\"text\": ..., \"id\": ...} (id optional) and writes one line"
                    + " {\"id\", \"sentiment\", \"polarity\"} per input line, in input order.",
            "Without an id the output id is the line number. Blank lines are skipped; a bad line stops"
                    + " with its line number and a non-zero exit."})
final class ScoreCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ScorerOptions scorerOptions;

    @Option(names = "--explain", description = "Add \"contributions\": the tokens or features behind the score, largest first.")
    boolean explain;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "JSON-lines input (default: standard input).")
    Path file;

    @Override
    public Integer call() throws IOException {
        SentimentScorer scorer = scorerOptions.create();
        PrintWriter out = spec.commandLine().getOut();
        try (BufferedReader lines = file == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    out.println(JSON.writeValueAsString(score(scorer, line, lineNumber)));
                }
            }
        } finally {
            out.flush();
        }
        return 0;
    }

    private ObjectNode score(SentimentScorer scorer, String line, int lineNumber) {
        JsonNode input;
        try {
            input = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": not JSON: " + e.getOriginalMessage());
        }
        JsonNode text = input.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("line " + lineNumber + ": needs a string field \"text\"");
        }
        ObjectNode output = JSON.createObjectNode();
        JsonNode id = input.get("id");
        if (id == null) {
            output.put("id", lineNumber);
        } else {
            output.set("id", id);
        }
        if (explain) {
            Explanation explanation = scorer.explain(text.asText());
            putScore(output, explanation.score());
            ArrayNode contributions = output.putArray("contributions");
            for (Explanation.Contribution contribution : explanation.contributions()) {
                contributions.addObject()
                        .put("feature", contribution.feature())
                        .put("weight", contribution.weight())
                        .put("detail", contribution.detail());
            }
        } else {
            putScore(output, scorer.score(text.asText()));
        }
        return output;
    }

    private static void putScore(ObjectNode output, SentimentScore score) {
        output.put("sentiment", score.sentiment().label());
        output.put("polarity", score.polarity());
    }
}
