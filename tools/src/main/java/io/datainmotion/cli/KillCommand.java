package io.datainmotion.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.datainmotion.cluster.StormClusterClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "kill", mixinStandardHelpOptions = true,
        description = {"Kills a topology on the local cluster (or the one a storm.yaml names).",
            "Its spouts are deactivated, in-flight tuples get --wait seconds, then its workers are removed.",
            "Returns once Nimbus no longer lists it."})
final class KillCommand implements Callable<Integer> {

    private static final Duration GONE_TIMEOUT = Duration.ofMinutes(2);

    @Parameters(index = "0", paramLabel = "NAME", description = "The topology name (the Flux file's name:).")
    String name;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between deactivation and removal (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--storm-yaml", paramLabel = "FILE",
            description = "The storm.yaml of the cluster (default: the local cluster's).")
    Path stormYaml;

    @Override
    public Integer call() throws InterruptedException {
        if (waitSeconds < 0) {
            throw new IllegalArgumentException("--wait must not be negative");
        }
        long started = System.nanoTime();
        try (StormClusterClient client = StormClusterClient.connect(ClusterFiles.stormYaml(stormYaml))) {
            client.kill(name, waitSeconds);
            long deadline = started + GONE_TIMEOUT.toNanos();
            while (client.topology(name).isPresent()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " is still listed by Nimbus after " + GONE_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
        }
        System.out.printf("Killed %s in %.1f s.%n", name, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
