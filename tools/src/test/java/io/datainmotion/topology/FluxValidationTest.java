package io.datainmotion.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/dim validate: every problem of a Flux file in one run, each with its file and line. */
class FluxValidationTest {

    private static final Path SENTIMENT = Path.of("flux/sentiment.yaml");

    private static Properties localProperties() {
        return FluxTopology.properties(Path.of("flux/local.properties"));
    }

    @Test
    void shippedFileHasNoProblem() {
        assertEquals(List.of(), FluxValidation.check(SENTIMENT, localProperties(), false));
    }

    @Test
    void aComponentWithFewerTasksThanItsParallelismIsReportedAtItsLine() throws IOException {
        Path sensors = Path.of("flux/sensors.yaml");
        Properties properties = localProperties();
        properties.setProperty("sensors.validate.parallelism", "2");

        List<FluxValidation.Problem> problems = FluxValidation.check(sensors, properties, false);

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("component validate has parallelism 2 but only 1 task(s)"), problems::toString);
        int line = Integer.parseInt(problems.get(0).where().substring(problems.get(0).where().lastIndexOf(':') + 1));
        assertTrue(Files.readAllLines(sensors).get(line - 1).contains("id: \"validate\""), problems::toString);
        properties.setProperty("sensors.validate.tasks", "2");
        assertEquals(List.of(), FluxValidation.check(sensors, properties, false));
    }

    /** The database password is read in the workers, so only Kafka's must be set where the file is validated. */
    @Test
    void theStorageFileHasNoProblemWithEitherShippedProperties() {
        Path storage = Path.of("flux/storage.yaml");
        assertEquals(List.of(), FluxValidation.check(storage, localProperties(), false));
        List<FluxValidation.Problem> problems = FluxValidation.check(storage,
                FluxTopology.properties(Path.of("flux/cluster.properties")), false);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("environment variable DIM_KAFKA_PASSWORD"), problems::toString);
    }

    @Test
    void misspelledClassUnresolvedPropertyAndWrongConfigMethodAreReportedTogether(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(SENTIMENT)
                .replace("io.datainmotion.bolts.SentimentBolt", "io.datainmotion.bolts.SentimentBlot")
                .replace("\"${topic.tweets}\"", "\"${topic.tweet}\"")
                .replaceFirst("name: \"putAll\"", "name: \"putEverything\""));
        List<String> lines = Files.readAllLines(broken);

        List<FluxValidation.Problem> problems = FluxValidation.check(broken, localProperties(), false);

        assertEquals(3, problems.size(), problems::toString);
        assertProblem(problems.get(0), broken, lineOf(lines, "${topic.tweet}"), "${topic.tweet} has no value in the properties");
        assertProblem(problems.get(1), broken, lineOf(lines, "putEverything"), "component 'tweetsConsumerProperties': "
                + "IllegalArgumentException: Unable to find configuration method 'putEverything'");
        assertProblem(problems.get(2), broken, lineOf(lines, "SentimentBlot"),
                "bolt 'score': ClassNotFoundException: io.datainmotion.bolts.SentimentBlot");
    }

    @Test
    void componentsThatDependOnABrokenOneAreNotReportedAgain(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(SENTIMENT)
                .replace("\"io.datainmotion.batch.KafkaSecurity\"", "\"io.datainmotion.kafka.NoSuchSecurity\""));

        List<FluxValidation.Problem> problems = FluxValidation.check(broken, localProperties(), false);

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().startsWith("component 'kafkaSecurity': ClassNotFoundException"),
                problems::toString);
    }

    @Test
    void aSecondPlaceholderOnALineAndAnUnknownStreamEndAreReported(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(SENTIMENT)
                .replace("- \"${sentiment.scorer.settings}\"", "- [\"${sentiment.scorer}\", \"${sentiment.scorer.settings}\"]")
                .replace("to: \"sentiment-sink\"", "to: \"sentiment-sinc\""));
        List<String> lines = Files.readAllLines(broken);

        List<FluxValidation.Problem> problems = FluxValidation.check(broken, localProperties(), false);

        assertTrue(problems.stream().anyMatch(p -> p.where().equals(broken + ":" + lineOf(lines, "${sentiment.scorer.settings}"))
                && p.message().contains("second placeholder on its line")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.where().equals(broken + ":" + lineOf(lines, "sentiment-sinc"))
                && p.message().equals("stream to unknown bolt 'sentiment-sinc'")), problems::toString);
    }

    @Test
    void credentialsNamedByThePropertiesMustBeInTheEnvironment() {
        Properties properties = localProperties();
        properties.setProperty("kafka.security.protocol", "SASL_SSL");
        properties.setProperty("kafka.sasl.mechanism", "SCRAM-SHA-512");
        properties.setProperty("kafka.sasl.username", "storm");
        properties.setProperty("kafka.sasl.password.env", "DIM_VARIABLE_NOBODY_SETS");

        List<FluxValidation.Problem> problems = FluxValidation.check(SENTIMENT, properties, false);

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains(
                "environment variable DIM_VARIABLE_NOBODY_SETS (named by kafka.sasl.password.env) is not set"), problems::toString);
    }

    @Test
    void theClusterTemplateIsCompleteAndLeavesOnlyThePasswordToTheEnvironment() {
        Properties template = FluxTopology.properties(Path.of("flux/cluster.properties"));
        assertTrue(template.stringPropertyNames().containsAll(localProperties().stringPropertyNames()),
                "flux/cluster.properties sets every key of flux/local.properties");

        List<FluxValidation.Problem> problems = FluxValidation.check(SENTIMENT, template, false);

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("environment variable DIM_KAFKA_PASSWORD"), problems::toString);
    }

    @Test
    void theSensorFilesAndTheirIncludeHaveNoProblem() {
        assertEquals(List.of(), FluxValidation.check(Path.of("flux/sensors.yaml"), localProperties(), false));
        assertEquals(List.of(), FluxValidation.check(Path.of("flux/sensors-simulated.yaml"), localProperties(), false));
    }

    @Test
    void aProblemInAnIncludedFileIsReportedAtItsOwnLine(@TempDir Path dir) throws IOException {
        Path included = dir.resolve("sensors.yaml");
        Files.writeString(included, Files.readString(Path.of("flux/sensors.yaml"))
                .replace("name: \"withAllowedLatenessSeconds\"", "name: \"withAllowedLatenesSeconds\""));
        Path including = dir.resolve("sensors-simulated.yaml");
        Files.writeString(including, Files.readString(Path.of("flux/sensors-simulated.yaml"))
                .replace("file: \"flux/sensors.yaml\"", "file: \"" + included + "\""));

        List<FluxValidation.Problem> problems = FluxValidation.check(including, localProperties(), false);

        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), included, lineOf(Files.readAllLines(included), "withAllowedLatenesSeconds"),
                "bolt 'window': IllegalArgumentException: Unable to find configuration method 'withAllowedLatenesSeconds'");
    }

    @Test
    void aMissingNamedSettingIsReportedAtItsBolt(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("sensors.yaml");
        Files.writeString(broken, Files.readString(Path.of("flux/sensors.yaml"))
                .replace("      - name: \"withWindowSeconds\"\n        args:\n          - ${sensors.window.seconds}\n", ""));

        List<FluxValidation.Problem> problems = FluxValidation.check(broken, localProperties(), false);

        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), broken, lineOf(Files.readAllLines(broken), "id: \"window\""),
                "bolt 'window': IllegalArgumentException: SensorWindowBolt needs the configMethods [withWindowSeconds]");
    }

    private static void assertProblem(FluxValidation.Problem problem, Path file, int line, String messageStart) {
        assertEquals(file + ":" + line, problem.where(), problem::toString);
        assertTrue(problem.message().startsWith(messageStart), problem::toString);
    }

    private static int lineOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the file");
    }
}
