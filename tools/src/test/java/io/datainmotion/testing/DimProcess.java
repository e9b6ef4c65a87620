package io.datainmotion.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/dim} in a JVM of its own, on the classpath bin/dim uses, with extra environment
 * variables: a JVM cannot change its own environment, and credentials reach Flux through it.
 */
public final class DimProcess {

    public record Result(int exitCode, String output) {}

    private DimProcess() {}

    /** Starts bin/dim without waiting; standard output and error arrive merged on its input stream. */
    public static Process start(Map<String, String> environment, String... args) throws IOException {
        Path home = Path.of("").toAbsolutePath();
        String classpath = home.resolve("tools/target/classes") + ":" + home.resolve("worker/target/classes") + ":"
                + Files.readString(home.resolve("tools/target/dev-classpath.txt")).strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlog4j2.configurationFile=" + home.resolve("config/log4j2-dim.xml"),
                "-Ddim.home=" + home,
                "-cp", classpath, "io.datainmotion.cli.Dim"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    public static Result run(Map<String, String> environment, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        Process process = start(environment, args);
        Path output = Files.createTempFile("dim-process-", ".out");
        try {
            Thread copy = new Thread(() -> {
                try {
                    Files.copy(process.getInputStream(), output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ignored) {
                    // the process was killed; its output so far is in the file
                }
            }, "dim-output");
            copy.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("bin/dim " + String.join(" ", args) + " still running after " + timeoutSeconds
                        + " s; output so far:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            copy.join();
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
