package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.datainmotion.testing.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** bin/dim produce and consume against a real broker. */
class KafkaCommandsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Dim.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void producedLinesComeBackOnePerLineUpToMax(@TempDir Path dir) throws Exception {
        KAFKA.createTopics(List.of("cli-lines"), 1);
        Path file = dir.resolve("lines.txt");
        Files.writeString(file, "first tweet\n{\"text\": \"second\"}\n\nfourth, after an empty line\n");

        assertEquals(0, run("produce", "cli-lines", file.toString(), "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("sent 4 records to cli-lines", err.toString().strip());

        assertEquals(0, run("consume", "cli-lines", "--from-beginning", "--max", "3",
                "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals(List.of("first tweet", "{\"text\": \"second\"}", ""), out.toString().lines().toList());
    }

    @Test
    void consumeStopsAfterTheIdleTimeout() {
        KAFKA.createTopics(List.of("cli-quiet"), 1);
        assertEquals(0, run("consume", "cli-quiet", "--timeout", "1", "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("", out.toString());
    }

    @Test
    void missingTopicIsAOneLineError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lines.txt");
        Files.writeString(file, "x\n");
        assertEquals(1, run("produce", "no-such-topic", file.toString(), "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("dim produce: topic no-such-topic does not exist on " + KAFKA.bootstrapServers(), err.toString().strip());
    }

    @Test
    void badArgumentsAreOneLineErrorsWithExitCode2() {
        assertEquals(2, run("consume"));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("dim: Missing required parameter: 'TOPIC'"), err.toString());
        assertTrue(err.toString().contains("bin/dim consume --help"), err.toString());
    }

    @Test
    void nonPositiveMaxIsRefused() {
        KAFKA.createTopics(List.of("cli-any"), 1);
        assertEquals(1, run("consume", "cli-any", "--max", "0", "--bootstrap", KAFKA.bootstrapServers()));
        assertEquals("dim consume: --max must be positive", err.toString().strip());
    }
}
