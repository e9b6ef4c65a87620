package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user trying the commands runs into: help, bad values and missing files. */
class CommandLineErrorsTest {

    private final DimRunner dim = new DimRunner();

    @Test
    void trainSentimentHelpIsHelpNotAnError() {
        assertEquals(0, dim.run("train-sentiment", "--help"));
        assertTrue(dim.out().contains("--char-grams"), dim.out());
        assertEquals("", dim.err());
    }

    @Test
    void aSingleInnerFoldForBiasOffsetsIsAOneLineUsageError() {
        assertEquals(2, dim.run("train-sentiment", "--validate", "--bias-folds", "1"));
        assertEquals("dim: --bias-folds must be 0 (off) or at least 2, got 1 (see 'bin/dim train-sentiment --help')",
                dim.err().strip());
    }

    @Test
    void anImpossibleBrokerPortIsAOneLineUsageError() {
        assertEquals(2, dim.run("kafka", "--port", "99999"));
        assertEquals("dim: --port must be between 1 and 65535, got 99999 (see 'bin/dim kafka --help')", dim.err().strip());
    }

    @Test
    void aMissingFileIsNamedAsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.jsonl");
        assertEquals(1, dim.run("score", "--scorer", "vader", missing.toString()));
        assertEquals("dim score: no such file: " + missing, dim.err().strip());
    }

    @Test
    void scoreReadsPlainTextLinesAsThePipelineDoes(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "I love it\n{\"text\": \"not good\", \"id\": 7}\n");

        assertEquals(0, dim.run("score", "--scorer", "vader", input.toString()));

        assertEquals("{\"id\":1,\"sentiment\":\"positive\",\"polarity\":0.6369}\n"
                + "{\"id\":\"7\",\"sentiment\":\"negative\",\"polarity\":-0.3412}\n", dim.out());
    }

    @Test
    void scoreRefusesEmptyTextWithThePipelinesDeadLetterReason(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "good\n{\"text\": \"  \"}\n");

        assertEquals(1, dim.run("score", "--scorer", "vader", input.toString()));

        assertEquals(1, dim.out().lines().count(), dim.out());
        assertEquals("dim score: line 2: empty-text: text is empty", dim.err().strip());
    }

    @Test
    void scoreRefusesALineLargerThanTheLimit(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "x".repeat(11) + "\n");
        assertEquals(1, dim.run("score", "--scorer", "vader", "--max-bytes", "10", input.toString()));
        assertTrue(dim.err().startsWith("dim score: line 1: too-large:"), dim.err());
    }

    /** bin/dim itself, in a copy whose mvn only records which POM it was asked to build. */
    @Test
    void benchHelpDoesNotBuildTheBenchmarkReactor(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("bin/dim"), root.resolve("bin/dim"));
        Path fakeMvn = root.resolve("fake-bin/mvn");
        Files.createDirectories(fakeMvn.getParent());
        Files.writeString(fakeMvn, "#!/usr/bin/env bash\necho \"$@\" >> \"" + root.resolve("mvn-calls") + "\"\nexit 1\n");
        Files.setPosixFilePermissions(fakeMvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals("-f " + root.resolve("pom.xml"), pomBuiltBy(root, "bench", "--help"));
        assertEquals("-f " + root.resolve("pom.xml"), pomBuiltBy(root, "bench", "scorer", "-h"));
        assertEquals("-f " + root.resolve("bench/pom.xml"), pomBuiltBy(root, "bench", "scorer"));
    }

    private static String pomBuiltBy(Path root, String... args) throws IOException, InterruptedException {
        Path calls = root.resolve("mvn-calls");
        Files.deleteIfExists(calls);
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/dim").toString());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().put("PATH", root.resolve("fake-bin") + ":" + System.getenv("PATH"));
        builder.redirectErrorStream(true).redirectOutput(root.resolve("dim-output").toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bin/dim did not finish");
        String call = Files.readString(calls).strip();
        return call.substring(call.indexOf("-f "), call.indexOf(" -DskipTests"));
    }
}
