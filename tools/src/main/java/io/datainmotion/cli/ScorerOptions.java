package io.datainmotion.cli;

import io.datainmotion.sentiment.SentimentScorer;
import io.datainmotion.sentiment.SentimentScorers;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The choice of sentiment scorer, shared by the commands that score. */
final class ScorerOptions {

    @Option(names = "--scorer", paramLabel = "NAME", defaultValue = SentimentScorers.DEFAULT,
            description = "Sentiment scorer: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = ScorerNames.class)
    String scorer;

    @Option(names = "--setting", paramLabel = "KEY=VALUE",
            description = "A scorer setting, repeatable; vader: positiveThreshold, negativeThreshold (default 0.05, -0.05).")
    Map<String, String> settings = new LinkedHashMap<>();

    SentimentScorer create() {
        return SentimentScorers.create(scorer, settings);
    }

    static final class ScorerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SentimentScorers.names().iterator();
        }
    }
}
