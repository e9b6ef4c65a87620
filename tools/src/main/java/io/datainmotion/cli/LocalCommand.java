package io.datainmotion.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.datainmotion.topology.FluxTopology;
import io.datainmotion.topology.LocalStorm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Runs a Flux topology on an in-process Storm cluster (LocalCluster) until Ctrl-C or --duration.",
            "Creates the Kafka topics named by its topic.* properties first."})
final class LocalCommand implements Callable<Integer> {

    private static final Duration WORKER_START_TIMEOUT = Duration.ofMinutes(2);

    @Parameters(index = "0", paramLabel = "FLUX_FILE", description = "The Flux YAML file, e.g. flux/sentiment.yaml.")
    Path fluxFile;

    @Mixin
    FluxPropertiesOptions fluxProperties;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds.")
    Long durationSeconds;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isRegularFile(fluxFile)) {
            throw new IllegalArgumentException("no such Flux file: " + fluxFile);
        }
        Properties properties = fluxProperties.properties();
        FluxTopology topology = FluxTopology.load(fluxFile, properties);
        metrics.applyTo(topology);
        String brokers = properties.getProperty(FluxPropertiesOptions.BOOTSTRAP_PROPERTY);
        if (brokers != null) {
            LocalStorm.createTopics(brokers, properties);
        }
        DbCommand.migrateIfStoring(fluxFile, properties);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: let the main thread kill the topology and stop Storm before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "local-stop"));
        try (LocalStorm storm = LocalStorm.start()) {
            storm.submit(topology);
            System.err.println("Running " + topology.name() + " from " + fluxFile
                    + (durationSeconds == null ? " until Ctrl-C." : " for " + durationSeconds + " s."));
            if (durationSeconds == null) {
                stop.await();
            } else {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            }
            storm.awaitRunning(topology.name(), WORKER_START_TIMEOUT);
            storm.kill(topology.name());
        } finally {
            stopped.countDown();
        }
        return 0;
    }
}
