package io.datainmotion.bench;

/**
 * The fresh topics and consumer group of one engine run. {@code sideOutput} is the topology's second
 * result topic: sentiment-trends for the sentiment work, sensor-alerts for the sensor windows.
 */
public record EngineTopics(String input, String output, String deadLetters, String sideOutput, String group) {

    /** Names unique to one engine and run, so no run sees another's records or offsets. */
    public static EngineTopics forRun(String runId) {
        return new EngineTopics(runId + "-in", runId + "-out", runId + "-dead", runId + "-side", runId + "-group");
    }
}
