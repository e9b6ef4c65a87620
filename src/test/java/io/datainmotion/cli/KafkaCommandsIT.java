package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.datainmotion.testing.DimProcess;
import io.datainmotion.testing.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** bin/dim produce and consume against a real broker. */
class KafkaCommandsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private final DimRunner dim = new DimRunner();

    @Test
    void producedLinesComeBackOnePerLineUpToMax(@TempDir Path dir) throws Exception {
        KAFKA.createTopics(List.of("cli-lines"), 1);
        Path file = dir.resolve("lines.txt");
        Files.writeString(file, "first tweet\n{\"text\": \"second\"}\n\nfourth, after an empty line\n");

        assertEquals(0, dim.run("produce", "cli-lines", file.toString(), "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("sent 4 records to cli-lines", dim.err().strip());

        assertEquals(0, dim.run("consume", "cli-lines", "--from-beginning", "--max", "3",
                "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals(List.of("first tweet", "{\"text\": \"second\"}", ""), dim.out().lines().toList());
    }

    @Test
    void consumeStopsAfterTheIdleTimeout() {
        KAFKA.createTopics(List.of("cli-quiet"), 1);
        assertEquals(0, dim.run("consume", "cli-quiet", "--timeout", "1", "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("", dim.out());
    }

    @Test
    void missingTopicIsAOneLineError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lines.txt");
        Files.writeString(file, "x\n");
        assertEquals(1, dim.run("produce", "no-such-topic", file.toString(), "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("dim produce: topic no-such-topic does not exist on " + KAFKA.bootstrapServers(), dim.err().strip());
    }

    @Test
    void badArgumentsAreOneLineErrorsWithExitCode2() {
        assertEquals(2, dim.run("consume"));
        assertEquals(1, dim.err().strip().lines().count(), dim.err());
        assertTrue(dim.err().startsWith("dim: Missing required parameter: 'TOPIC'"), dim.err());
        assertTrue(dim.err().contains("bin/dim consume --help"), dim.err());
    }

    @Test
    void validateChecksTheTopicsOnTheBrokerGivenByBootstrap() {
        KAFKA.createTopics(List.of("tweets", "twitter_sentiment", "dead-letters"), 1);
        assertEquals(1, dim.run("validate", "flux/sentiment.yaml", "--bootstrap", KAFKA.bootstrapServers()));
        assertTrue(dim.out().contains("sentiment-trends"), dim.out());

        KAFKA.createTopics(List.of("sentiment-trends"), 1);
        assertEquals(0, dim.run("validate", "flux/sentiment.yaml", "--bootstrap", KAFKA.bootstrapServers()));
        assertTrue(dim.out().strip().endsWith("flux/sentiment.yaml: OK"), dim.out());
    }

    /** In a JVM of its own: the failure this guards against halted the JVM. */
    @Test
    void localStoppedBeforeItsWorkerStartedStopsCleanly() throws Exception {
        DimProcess.Result result = DimProcess.run(Map.of(), 180, "local", "flux/sentiment.yaml",
                "--bootstrap", KAFKA.bootstrapServers(), "--duration", "1");
        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("Halting process"), result.output());
    }

    @Test
    void nonPositiveMaxIsRefused() {
        KAFKA.createTopics(List.of("cli-any"), 1);
        assertEquals(1, dim.run("consume", "cli-any", "--max", "0", "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("dim consume: --max must be positive", dim.err().strip());
    }
}
