package io.datainmotion.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Submits a Flux topology the way {@code storm jar JAR org.apache.storm.flux.Flux --remote ...} does: in
 * a JVM of its own whose classpath is Storm's client jars and the topology jar, nothing else, so a
 * class missing from the jar fails here as it would on any cluster.
 *
 * @param stormOptions topology settings that override the Flux file's (what {@code storm jar -c K=V} sets)
 * @param environment variables added to the submitting JVM's environment (the Flux file is built
 *     there, so that is where credentials named by the properties are read)
 */
public record FluxSubmission(Path topologyJar, Path stormYaml, Path fluxFile, Path filter,
                             Map<String, String> stormOptions, Map<String, String> environment) {

    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public Result run(StormInstallation installation, Path loggingConfig, Duration timeout) {
        if (!Files.isRegularFile(topologyJar)) {
            throw new IllegalArgumentException("no topology jar at " + topologyJar + " (build it with mvn -B package)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp", installation.clientClasspath() + ":" + topologyJar.toAbsolutePath(),
                "-Dstorm.jar=" + topologyJar.toAbsolutePath(),
                "-Dstorm.conf.file=" + stormYaml.toAbsolutePath(),
                "-Dlog4j2.configurationFile=" + loggingConfig.toAbsolutePath()));
        if (!stormOptions.isEmpty()) {
            command.add("-Dstorm.options=" + encoded(stormOptions));
        }
        command.addAll(List.of("org.apache.storm.flux.Flux", "--remote", "--env-filter"));
        if (filter != null) {
            command.addAll(List.of("--filter", filter.toAbsolutePath().toString()));
        }
        command.add(fluxFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output.getNow("") + "\nsubmission timed out after " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the submitting JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting", e);
        }
    }

    /** Storm reads {@code storm.options} as comma-separated, URL-encoded {@code key=value} pairs. */
    private static String encoded(Map<String, String> options) {
        return options.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey() + "=" + e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output lost: " + e.getMessage() + ")";
        }
    }
}
