package io.datainmotion.cli;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.datainmotion.ingest.Ingestion;
import io.datainmotion.ingest.LiveSources;
import io.datainmotion.topology.FluxTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Reads a live source into the tweets topic (topic.tweets) until Ctrl-C, SIGTERM or --duration:",
            "x: X's filtered stream (bearer token in the variable x.bearer.token.env names; rules from x.rules);",
            "bluesky: Bluesky's Jetstream (resumes from bluesky.cursor.file).",
            "Exits non-zero when a write to Kafka fails or the source refuses the credentials."})
final class IngestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "x or bluesky.")
    String source;

    @Option(names = "--filter", paramLabel = "PROPERTIES",
            description = "Properties (default: flux/local.properties): x.*, bluesky.*, topic.tweets, kafka.*.")
    Path filter;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, overriding kafka.bootstrap.servers from the properties.")
    String bootstrap;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds.")
    Long durationSeconds;

    @Override
    public Integer call() throws Exception {
        if (!source.equals("x") && !source.equals("bluesky")) {
            throw new IllegalArgumentException("unknown source '" + source + "'; expected x or bluesky");
        }
        Properties properties = FluxTopology.properties(FluxPropertiesOptions.filterOrDefault(filter));
        if (bootstrap != null) {
            properties.setProperty("kafka.bootstrap.servers", bootstrap);
        }
        // Like var/kafka: a relative cursor file lives in the project, wherever bin/dim is run from.
        String cursorFile = properties.getProperty("bluesky.cursor.file", "var/bluesky-cursor").strip();
        properties.setProperty("bluesky.cursor.file", ProjectHome.path().resolve(cursorFile).toString());
        Ingestion ingestion = LiveSources.create(source, properties, System.getenv());
        CountDownLatch finished = new CountDownLatch(1);
        // SIGTERM or Ctrl-C: stop reading, write what was read and flush before the JVM exits.
        Thread hook = new Thread(() -> {
            ingestion.stop();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ingest-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread timer = null;
        if (durationSeconds != null) {
            timer = new Thread(() -> {
                try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(durationSeconds));
                    ingestion.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ingest-duration");
            timer.setDaemon(true);
            timer.start();
        }
        System.err.println("Ingesting " + source + " into " + properties.getProperty("topic.tweets", "tweets")
                + (durationSeconds == null ? " until Ctrl-C." : " for " + durationSeconds + " s."));
        try {
            ingestion.run();
        } finally {
            finished.countDown();
            if (timer != null) {
                timer.interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for `finished`, counted down above
            }
        }
        System.err.println(source + ": " + ingestion.metrics().summary());
        return 0;
    }
}
