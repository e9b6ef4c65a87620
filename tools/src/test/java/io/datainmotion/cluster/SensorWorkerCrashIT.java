package io.datainmotion.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.batch.KafkaStateProvider;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.kafka.KafkaTopics;
import io.datainmotion.kafka.TopicReader;
import io.datainmotion.sensors.AlertRule;
import io.datainmotion.sensors.Fault;
import io.datainmotion.sensors.SensorReference;
import io.datainmotion.sensors.SensorSimulator;
import io.datainmotion.sensors.SimulatedMessage;
import io.datainmotion.sensors.ThresholdMapping;
import io.datainmotion.sensors.WindowAssertions;
import io.datainmotion.sensors.WindowConfig;
import io.datainmotion.sensors.WindowResult;
import io.datainmotion.testing.DimProcess;
import io.datainmotion.testing.KafkaBrokerExtension;
import io.datainmotion.testing.SensorOutputs;
import io.datainmotion.topology.LocalStorm;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.storm.generated.ExecutorSummary;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * flux/sensors.yaml as shipped on the real multi-process cluster (two Supervisors standing in for two
 * hosts, 2 workers, a 4-partition input keyed by sensor, parallelism 2), fed a stream with duplicates,
 * disorder, late, NaN and invalid readings; the worker JVM of a window task is killed with SIGKILL
 * (mid-stream, or as its checkpoint commits) and its Supervisor starts it again, or its Supervisor is
 * killed with its workers and Nimbus moves them to the other host; the dead tasks are restored from the
 * Kafka state while the surviving ones roll back. Every emitted window record must
 * equal the brute-force reference, no window the input completes may be missing, and {@code late}
 * dead letters must be exactly the readings that are late in event time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SensorWorkerCrashIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final WindowConfig WINDOWS = new WindowConfig(5_000, 1_000);
    private static final ThresholdMapping THRESHOLD = new ThresholdMapping(25.0);
    private static final AlertRule ALERTS = new AlertRule(0.5, 25.0);
    private static final Duration OUTPUT_DEADLINE = Duration.ofMinutes(5);

    private static final StormInstallation INSTALLATION = StormInstallation.of(Path.of(""));

    private static Path workDir;
    private static ProcessCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        workDir = Files.createDirectories(Path.of("target/sensor-crash-it"));
        // Failure detection lowered from minutes to seconds, so that a dead host's work moves in seconds.
        Map<String, Object> fast = Map.of("nimbus.supervisor.timeout.secs", 10, "nimbus.task.timeout.secs", 10,
                "supervisor.worker.timeout.secs", 10, "supervisor.heartbeat.frequency.secs", 2);
        cluster = ProcessCluster.start(INSTALLATION, Path.of("config/storm-cluster"), workDir.resolve("cluster"),
                new ProcessCluster.Layout(2, 2, fast), Duration.ofMinutes(3)).stopsWhenThisJvmEnds();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.stop(Duration.ofSeconds(30));
        }
    }

    /** Kills this case's topology, whatever it ended with, so that the next case can submit its own. */
    @AfterEach
    void killTopology() {
        try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
            if (client.topology("sensors").isEmpty()) {
                return;
            }
            client.kill("sensors", 0);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> client.topology("sensors").isEmpty());
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                    client.summary().get_supervisors().stream().mapToInt(s -> s.get_num_used_workers()).sum() == 0);
        }
    }

    @Test
    @Order(1)
    void aWorkerKilledMidStreamLeavesEveryWindowExact() throws Exception {
        Run run = Run.submit("mid-stream", 21);
        run.produceFirstHalf();
        run.awaitWindows(run.expected.windows().size() / 5);

        run.killWorkerOfWindowTask();
        run.produceSecondHalf();

        run.assertExact();
    }

    @Test
    @Order(2)
    void aWorkerKilledWhileACheckpointCommitsLeavesEveryWindowExact() throws Exception {
        Run run = Run.submit("at-commit", 22);
        run.produceFirstHalf();
        run.awaitWindows(run.expected.windows().size() / 5);

        try (TopicReader state = KAFKA.reader(run.stateTopicOfWindowTaskToKill())) {
            CompletableFuture<Void> secondHalf = CompletableFuture.runAsync(run::produceSecondHalfUnchecked);
            // The state's commit writes a C record per changed key, then tombstones the prepared ones:
            // the first C record of a new checkpoint means that task is committing now.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, byte[]> record : state.poll(Duration.ofMillis(50))) {
                    if (record.key() != null && record.key().startsWith("C") && record.value() != null) {
                        return true;
                    }
                }
                return false;
            });
            run.killWorkerOfWindowTask();
            secondHalf.get(2, TimeUnit.MINUTES);
        }

        run.assertExact();
    }

    /**
     * Storm's rebalance moves every task: all workers stop and the new ones restore the window state from
     * Kafka, while readings keep arriving. The window bolt is submitted with more tasks than executors
     * ({@code sensors.window.tasks}), so that its parallelism can be raised later with each sensor's state
     * kept by its task.
     */
    @Test
    @Order(3)
    void aRebalanceFromOneToTwoWorkersAndMoreWindowExecutorsUnderLoadLeavesEveryWindowExact() throws Exception {
        Run run = Run.submit("rebalance", 24, Map.of("topology.workers", "1", "sensors.window.tasks", "4"));
        run.produceFirstHalf();
        run.awaitWindows(run.expected.windows().size() / 5);

        int quarter = run.messages.size() / 4;
        CompletableFuture<Void> thirdQuarter = CompletableFuture.runAsync(() -> run.produceUnchecked(2 * quarter, 3 * quarter));
        run.rebalance(2, Map.of("window", 4, "validate", 1));
        thirdQuarter.get(2, TimeUnit.MINUTES);
        try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
            await("the new layout: 2 workers, 4 window executors, 1 validate executor").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        List<ExecutorSummary> executors = client.info(client.topology("sensors").orElseThrow().get_id()).get_executors();
                        return executors.stream().map(e -> e.get_host() + ":" + e.get_port()).distinct().count() == 2
                                && executors.stream().filter(e -> e.get_component_id().equals("window")).count() == 4
                                && executors.stream().filter(e -> e.get_component_id().equals("validate")).count() == 1;
                    });
        }
        // Nimbus shows the new assignment at once; the Supervisors apply it a few seconds later.
        await("two worker JVMs started since the rebalance").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> run.workersStartedSinceTheFault() == 2);
        // The last quarter continues windows opened before the move: the new executors must have the tasks' state.
        run.produce(run.messages.subList(3 * quarter, run.messages.size()));

        run.assertExact();
    }

    /**
     * Last: in a run where this case came first, Nimbus then found no free slot for the next topology
     * ("No available slots for topology: sensors") although the Supervisor had been started again.
     */
    @Test
    @Order(4)
    void aSupervisorKilledWithItsWorkersLeavesEveryWindowExact() throws Exception {
        Run run = Run.submit("supervisor", 23);
        run.produceFirstHalf();
        run.awaitWindows(run.expected.windows().size() / 5);

        String supervisor = run.killSupervisorOfWindowTask();
        run.produceSecondHalf();

        run.assertExact();
        cluster = cluster.restart(INSTALLATION, supervisor);
    }

    /** One topology on the cluster with its own topics, state and consumer group. */
    private static final class Run {
        final Properties properties;
        final List<SimulatedMessage> messages;
        final SensorReference expected;
        final List<Future<RecordMetadata>> sent = new ArrayList<>();
        final SensorOutputs outputs;
        final String name;
        private int victimTask = -1;
        private long killedAtNanos;
        private Instant faultInstant;

        private Run(String name, Properties properties, List<SimulatedMessage> messages) {
            this.name = name;
            this.properties = properties;
            this.messages = messages;
            this.expected = SensorReference.of(messages, WINDOWS, THRESHOLD, ALERTS);
            this.outputs = new SensorOutputs(KAFKA.reader(properties.getProperty("topic.sensor.averages")),
                    KAFKA.reader(properties.getProperty("topic.sensor.alerts")),
                    KAFKA.reader(properties.getProperty("topic.deadletters")));
        }

        static Run submit(String name, long seed) throws Exception {
            return submit(name, seed, Map.of());
        }

        /** @param overrides properties set after this test's own (2 workers, parallelism 2 everywhere) */
        static Run submit(String name, long seed, Map<String, String> overrides) throws Exception {
            Properties properties = KAFKA.shippedProperties();
            properties.setProperty("sensors.window.seconds", Long.toString(WINDOWS.windowMillis() / 1000));
            properties.setProperty("sensors.allowed.lateness.seconds", Long.toString(WINDOWS.allowedLatenessMillis() / 1000));
            for (String topic : List.of("topic.sensor.readings", "topic.sensor.averages", "topic.sensor.alerts", "topic.deadletters")) {
                properties.setProperty(topic, properties.getProperty(topic) + "-" + name);
            }
            properties.setProperty("sensors.consumer.group", "sensors-crash-" + name);
            properties.setProperty("sensors.state.topic.prefix", "sensors-crash-state-" + name);
            for (String component : List.of("spout", "validate", "threshold", "window", "sink")) {
                properties.setProperty("sensors." + component + ".parallelism", "2");
                properties.setProperty("sensors." + component + ".tasks", "2");
            }
            properties.setProperty("topology.workers", "2");
            overrides.forEach(properties::setProperty);
            KafkaTopics.ensure(KafkaClients.admin(KAFKA.bootstrapServers()), LocalStorm.topicsOf(properties), 4);
            Path filter = workDir.resolve(name + ".properties");
            try (OutputStream out = Files.newOutputStream(filter)) {
                properties.store(out, "written by SensorWorkerCrashIT");
            }
            DimProcess.Result submitted = DimProcess.run(Map.of(), 240, "submit", "flux/sensors.yaml",
                    "--filter", filter.toString(), "--storm-yaml", cluster.stormYaml().toString(),
                    "-c", "topology.disable.loadaware.messaging=true");
            assertEquals(0, submitted.exitCode(), submitted.output());
            return new Run(name, properties, stream(seed));
        }

        /** 40 sensors, one reading every 5 ms of event time: each sensor reports every 200 ms, 25 per window. */
        private static List<SimulatedMessage> stream(long seed) {
            SensorSimulator simulator = new SensorSimulator(new SensorSimulator.Settings(seed, 40, 24_000,
                    1_764_000_000_000L, 5, EnumSet.allOf(Fault.class), 0.03, 800, 8_000));
            List<SimulatedMessage> messages = new ArrayList<>();
            simulator.forEachRemaining(messages::add);
            return messages;
        }

        void produceFirstHalf() throws Exception {
            produce(messages.subList(0, messages.size() / 2));
        }

        void produceSecondHalf() throws Exception {
            produce(messages.subList(messages.size() / 2, messages.size()));
        }

        void produceSecondHalfUnchecked() {
            produceUnchecked(messages.size() / 2, messages.size());
        }

        void produceUnchecked(int from, int to) {
            try {
                produce(messages.subList(from, to));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized void produce(List<SimulatedMessage> part) throws Exception {
            String topic = properties.getProperty("topic.sensor.readings");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(KAFKA.bootstrapServers()))) {
                for (SimulatedMessage message : part) {
                    sent.add(producer.send(new ProducerRecord<>(topic, message.key(), message.value())));
                }
                producer.flush();
            }
        }

        void awaitWindows(int count) {
            await().atMost(OUTPUT_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
                outputs.drain();
                return outputs.windows.size() >= count;
            });
        }

        private String topologyId() {
            try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
                return client.topology("sensors").orElseThrow().get_id();
            }
        }

        /** The window task on the worker to kill: the first one Nimbus lists. */
        private ExecutorSummary windowExecutor() {
            String id = topologyId();
            try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
                return client.info(id).get_executors().stream().filter(e -> e.get_component_id().equals("window"))
                        .filter(e -> victimTask < 0 || e.get_executor_info().get_task_start() == victimTask)
                        .findFirst().orElseThrow();
            }
        }

        String stateTopicOfWindowTaskToKill() {
            ExecutorSummary executor = windowExecutor();
            victimTask = executor.get_executor_info().get_task_start();
            return KafkaStateProvider.topicName(properties.getProperty("sensors.state.topic.prefix"), "window-" + victimTask);
        }

        private ProcessHandle workerOfWindowTask() {
            int port = windowExecutor().get_port();
            return cluster.processes().stream()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("org.apache.storm.daemon.worker.Worker")
                            && !c.contains("org.apache.storm.LogWriter") && c.contains(" " + port + " ")).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("no worker process on port " + port));
        }

        void killWorkerOfWindowTask() {
            ProcessHandle worker = workerOfWindowTask();
            assertTrue(worker.destroyForcibly(), "SIGKILL sent to worker " + worker.pid());
            killedAtNanos = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> !worker.isAlive());
        }

        /**
         * Asks Nimbus to rebalance at once (no wait after deactivating, so tuples still in flight die with
         * the old workers), as {@code bin/dim rebalance sensors --wait 0} does; the CLI itself is tested in
         * ClusterFaultsIT, and starting its JVM here would let the readings sent meanwhile finish first.
         */
        void rebalance(int workers, Map<String, Integer> executors) {
            try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
                killedAtNanos = System.nanoTime();
                faultInstant = Instant.now();
                client.rebalance("sensors", 0, workers, executors);
            }
        }

        /** The live worker JVMs of this run's topology that started after the kill or rebalance. */
        long workersStartedSinceTheFault() {
            String id = topologyId();
            return cluster.processes().stream()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("org.apache.storm.daemon.worker.Worker")
                            && !c.contains("org.apache.storm.LogWriter") && c.contains(id)).orElse(false))
                    .filter(p -> p.info().startInstant().map(start -> start.isAfter(faultInstant)).orElse(false))
                    .count();
        }

        /** Kills the Supervisor whose worker runs the window task, and every process it launched; returns its name. */
        String killSupervisorOfWindowTask() {
            ProcessHandle worker = workerOfWindowTask();
            ClusterState.Daemon supervisor = cluster.state().supervisors().stream()
                    .map(s -> cluster.state().daemon(s.name()).orElseThrow())
                    .filter(d -> d.handle().map(h -> h.descendants().anyMatch(worker::equals)).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("no Supervisor launched worker " + worker.pid()));
            ProcessHandle handle = supervisor.handle().orElseThrow();
            List<ProcessHandle> launched = handle.descendants().toList();
            assertTrue(handle.destroyForcibly(), "SIGKILL sent to Supervisor " + handle.pid());
            launched.forEach(ProcessHandle::destroyForcibly);
            killedAtNanos = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> !handle.isAlive() && launched.stream().noneMatch(ProcessHandle::isAlive));
            return supervisor.name();
        }

        /** Waits for every expected output, then checks each record against the reference. */
        void assertExact() throws Exception {
            List<String> sources = new ArrayList<>();
            for (Future<RecordMetadata> send : sent) {
                RecordMetadata metadata = send.get(30, TimeUnit.SECONDS);
                sources.add(metadata.partition() + "-" + metadata.offset());
            }
            try {
                await().atMost(OUTPUT_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> outputs.complete(expected));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("outputs incomplete " + OUTPUT_DEADLINE.toSeconds() + " s after the kill: "
                        + outputs.progress(expected) + "; first missing windows " + outputs.missingWindows(expected, 10)
                        + "\nwhat the workers logged last:\n" + String.join("\n", workerLogTail(80)), e);
            }
            long recoveredSeconds = (System.nanoTime() - killedAtNanos) / 1_000_000_000L;
            writeFigures(recoveredSeconds);
            try (outputs) {
                WindowAssertions.assertSameWindows(expected.windows(), List.copyOf(outputs.windows.values()));
                Map<String, WindowResult> byKey = new HashMap<>();
                expected.windows().forEach(w -> byKey.put(w.key(), w));
                for (WindowResult record : outputs.everyWindowRecord) {
                    assertTrue(byKey.containsKey(record.key()), "a window the input does not complete: " + record);
                    WindowAssertions.assertSameWindows(List.of(byKey.get(record.key())), List.of(record));
                }
                assertEquals(expected.alertKeys(), outputs.alertKeys);
                Set<String> late = new TreeSet<>();
                expected.lateMessages().forEach(i -> late.add(sources.get(i)));
                assertEquals(late, new TreeSet<>(outputs.lateSources), "late dead letters are the readings late in event time");
                assertEquals(expected.invalid(), outputs.invalidSources.size());
                assertTrue(expected.lateMessages().size() > 10 && expected.invalid() > 20, "the stream exercises late and invalid input");
            }
        }

        /** The components' own log lines (the batch layer's and the window bolt's) of this run's workers, the last {@code count}. */
        private List<String> workerLogTail(int count) throws IOException {
            List<String> lines = new ArrayList<>();
            Path artifacts = cluster.logDir().resolve("workers-artifacts").resolve(topologyId());
            if (!Files.isDirectory(artifacts)) {
                return lines;
            }
            try (Stream<Path> logs = Files.walk(artifacts)) {
                for (Path log : logs.filter(p -> p.getFileName().toString().equals("worker.log")).sorted().toList()) {
                    String worker = log.getParent().getFileName().toString();
                    try (Stream<String> content = Files.lines(log)) {
                        content.filter(line -> line.contains("io.datainmotion") || line.contains("Checkpoint")
                                || line.contains("ERROR")).forEach(line -> lines.add(worker + " " + line));
                    }
                }
            }
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        }

        /** The figures of this run, printed and written to target/reliability/ for docs/reliability.md. */
        private void writeFigures(long secondsFromKillToComplete) throws IOException {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("test", "sensor-worker-crash-" + name);
            figures.put("readings_sent", messages.size());
            figures.put("windows_expected", expected.windows().size());
            figures.put("window_records", outputs.everyWindowRecord.size());
            figures.put("window_records_repeated", outputs.everyWindowRecord.size() - outputs.windows.size());
            figures.put("late_expected", expected.lateMessages().size());
            figures.put("late_dead_letters", outputs.lateSources.size());
            figures.put("invalid_dead_letters", outputs.invalidSources.size());
            figures.put("seconds_from_kill_to_all_output", secondsFromKillToComplete);
            Path dir = Files.createDirectories(Path.of("target", "reliability"));
            new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValue(dir.resolve("sensor-worker-crash-" + name + ".json").toFile(), figures);
            System.out.println("RELIABILITY " + figures);
        }
    }
}
