package io.datainmotion.bench;

import java.util.List;

/** The fresh topics and consumer group of one engine run. */
public record EngineTopics(String input, String output, String deadLetters, String trends, String group) {

    /** Names unique to one engine and run, so no run sees another's records or offsets. */
    public static EngineTopics forRun(String runId) {
        return new EngineTopics(runId + "-in", runId + "-out", runId + "-dead", runId + "-trends", runId + "-group");
    }

    public List<String> all() {
        return List.of(input, output, deadLetters, trends);
    }
}
