package io.datainmotion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.datainmotion.kafka.EmbeddedKafkaBroker;
import io.datainmotion.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Kafka broker of a benchmark in a JVM of its own ({@code bin/dim kafka}), so its CPU and memory are
 * not counted against an engine. Its data lives in a temporary directory removed on close.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String bootstrapServers;
    private final Path dataDir;

    private BrokerProcess(Process process, String bootstrapServers, Path dataDir) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    static BrokerProcess start(JvmLauncher jvm, String heap, Path log) throws IOException, InterruptedException {
        int port = EmbeddedKafkaBroker.freePort();
        Path dataDir = Files.createTempDirectory("dim-bench-kafka-");
        Process process = jvm.start(List.of("-Xmx" + heap), "io.datainmotion.cli.Dim",
                List.of("kafka", "--port", String.valueOf(port), "--data-dir", dataDir.toString()), log);
        BrokerProcess broker = new BrokerProcess(process, "127.0.0.1:" + port, dataDir);
        try {
            broker.awaitReady(log);
        } catch (RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private void awaitReady(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Map<String, Object> config = KafkaClients.admin(bootstrapServers);
        config.put("request.timeout.ms", 2000);
        config.put("default.api.timeout.ms", 2000);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited with code " + process.exitValue() + "; see " + log);
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not answer within " + START_TIMEOUT + "; see " + log);
                }
                Thread.sleep(500);
            }
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    /** Creates fresh single-partition topics; {@code logAppendTime} ones are stamped by the broker on arrival. */
    void createTopics(List<String> topics, boolean logAppendTime) {
        Map<String, String> config = logAppendTime ? Map.of("message.timestamp.type", "LogAppendTime") : Map.of();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1).configs(config)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Deletes every topic whose name starts with {@code prefix}: a finished run's own topics and those
     * its engine made (Kafka Streams' changelogs, the topology's state topics), so the broker's disk and
     * page cache hold only the current run. Returns why it could not, or null: a left-over topic costs
     * disk, not correctness (every run has fresh names).
     */
    String deleteTopicsStartingWith(String prefix) {
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers))) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(prefix)).toList();
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting topics", e);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        // SIGTERM: bin/dim kafka's shutdown hook stops the broker cleanly.
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        Directories.deleteRecursively(dataDir);
    }
}
