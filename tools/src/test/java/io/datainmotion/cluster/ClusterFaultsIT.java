package io.datainmotion.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.datainmotion.testing.DeliveryReport;
import io.datainmotion.testing.DimProcess;
import io.datainmotion.testing.KafkaBrokerExtension;
import io.datainmotion.testing.SentimentRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults on the real multi-process cluster: two Supervisors (standing in for two hosts) with two slots
 * each, the sentiment topology over two workers with parallelism 2 reading a 4-partition topic. One
 * cluster and one running topology serve every case in turn, each under steady load; one delivery
 * report accounts for every input record by its source partition and offset across all of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final SentimentRuns RUNS = new SentimentRuns(KAFKA);
    private static final String TOPOLOGY = "sentiment";
    private static final int PER_CASE = 1500;
    private static final int RATE = 150;
    private static final StormInstallation INSTALLATION = StormInstallation.of(Path.of(""));

    private static ProcessCluster cluster;
    private static Properties properties;
    private static DeliveryReport report;
    private static int sent;
    private static final Set<ProcessHandle> seen = new HashSet<>();
    private static final Map<String, Map<String, Object>> figures = new LinkedHashMap<>();

    @BeforeAll
    static void startClusterAndTopology() throws Exception {
        // Failure detection lowered from minutes to seconds, so that the cases take seconds.
        Map<String, Object> fast = Map.of(
                "nimbus.supervisor.timeout.secs", 10,
                "nimbus.task.timeout.secs", 10,
                "supervisor.worker.timeout.secs", 10,
                "supervisor.heartbeat.frequency.secs", 2);
        cluster = ProcessCluster.start(INSTALLATION, Path.of("config/storm-cluster"),
                Path.of("target/cluster-faults-it/cluster"), new ProcessCluster.Layout(2, 2, fast), Duration.ofMinutes(3)).stopsWhenThisJvmEnds();
        seen.addAll(cluster.processes());

        properties = RUNS.properties("cluster", 4);
        for (String component : List.of("spout", "validate", "score", "sink")) {
            properties.setProperty("sentiment." + component + ".parallelism", "2");
        }
        properties.setProperty("topology.workers", "2");
        properties.setProperty("topology.message.timeout.secs", "10");
        properties.setProperty("topology.testing.always.try.serialize", "false");
        Path filter = Path.of("target/cluster-faults-it/cluster.properties");
        try (OutputStream out = Files.newOutputStream(filter)) {
            properties.store(out, "written by ClusterFaultsIT");
        }
        DimProcess.Result submitted = DimProcess.run(Map.of(), 240, "submit", "flux/sentiment.yaml",
                "--filter", filter.toString(), "--storm-yaml", cluster.stormYaml().toString());
        assertEquals(0, submitted.exitCode(), submitted.output());
        report = RUNS.report("cluster-faults", properties);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (report != null) {
            report.close();
        }
        if (cluster != null) {
            cluster.stop(Duration.ofSeconds(30));
        }
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve("cluster-faults.json").toFile(), figures);
    }

    @Test
    @Order(1)
    void aWorkerKilledWithSigkillIsRestartedAndEveryTweetIsScored() throws Exception {
        runCase("worker-sigkill", () -> {
            ProcessHandle worker = workers().get(0);
            worker.destroyForcibly();
            worker.onExit().get(30, TimeUnit.SECONDS);
            // the Supervisor launches the worker again in the same slot
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> workers().size() == 2);
        });
    }

    @Test
    @Order(2)
    void rebalancingFromOneToTwoWorkersAndChangingParallelismUnderLoadLosesNothing() throws Exception {
        runCase("rebalance", () -> {
            DimProcess.Result toOne = dim("rebalance", TOPOLOGY, "--wait", "2", "--workers", "1", "-e", "score=1");
            assertEquals(0, toOne.exitCode(), toOne.output());
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> workers().size() == 1);
            DimProcess.Result toTwo = dim("rebalance", TOPOLOGY, "--wait", "2", "--workers", "2", "-e", "score=2");
            assertEquals(0, toTwo.exitCode(), toTwo.output());
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> workers().size() == 2);
        });
        try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
            assertEquals(2, client.topology(TOPOLOGY).orElseThrow().get_num_workers());
        }
    }

    @Test
    @Order(3)
    void aSupervisorKilledWithItsWorkersHasItsWorkMovedToTheOther() throws Exception {
        String victim = supervisorRunningAWorker();
        runCase("supervisor-sigkill", () -> {
            ProcessHandle supervisor = cluster.state().daemon(victim).flatMap(ClusterState.Daemon::handle).orElseThrow();
            List<ProcessHandle> itsProcesses = new ArrayList<>(supervisor.descendants().toList());
            supervisor.destroyForcibly();
            itsProcesses.forEach(ProcessHandle::destroyForcibly);
            // Nimbus notices the missing heartbeats and assigns both workers to the other host's slots
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
                    return client.summary().get_supervisors().size() == 1 && workers().size() == 2;
                }
            });
        });
        cluster = cluster.restart(INSTALLATION, victim);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
                return client.summary().get_supervisors().size() == 2;
            }
        });
        seen.addAll(cluster.processes());
    }

    @Test
    @Order(4)
    void withNimbusKilledProcessingGoesOnAndAfterItsRestartListRebalanceAndKillWork() throws Exception {
        runCase("nimbus-sigkill", () -> {
            ProcessHandle nimbus = cluster.state().daemon(ProcessCluster.NIMBUS).flatMap(ClusterState.Daemon::handle).orElseThrow();
            nimbus.destroyForcibly();
            nimbus.onExit().get(30, TimeUnit.SECONDS);
            int before = report.poll();
            // the workers need no Nimbus to process: output keeps arriving while it is down
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ZERO).until(() -> report.poll() > before + 100);
            assertFalse(cluster.daemonsAlive().get(ProcessCluster.NIMBUS));
            cluster = cluster.restart(INSTALLATION, ProcessCluster.NIMBUS);
        });
        seen.addAll(cluster.processes());
        // a restarted Nimbus reads the assignments back and lists the workers once they heartbeat again
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
                return client.topology(TOPOLOGY).map(t -> t.get_num_workers() == 2).orElse(false);
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        DimProcess.Result list = dim("list");
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().lines().anyMatch(l -> l.matches("sentiment\\s+ACTIVE\\s+2\\s+.*")), list.output());
        DimProcess.Result rebalance = dim("rebalance", TOPOLOGY, "--wait", "1", "--workers", "1");
        assertEquals(0, rebalance.exitCode(), rebalance.output());
        DimProcess.Result kill = dim("kill", TOPOLOGY, "--wait", "0");
        assertEquals(0, kill.exitCode(), kill.output());
        try (StormClusterClient client = StormClusterClient.connect(cluster.stormYaml())) {
            assertTrue(client.topology(TOPOLOGY).isEmpty());
        }
    }

    @Test
    @Order(5)
    void stoppingTheClusterLeavesNoProcessPortOrDirectory() {
        seen.addAll(cluster.processes());
        List<Integer> ports = cluster.state().ports();

        assertEquals(List.of(), cluster.stop(Duration.ofSeconds(30)));

        seen.forEach(p -> assertFalse(p.isAlive(), "process " + p.pid() + " " + p.info().commandLine().orElse("")));
        ports.forEach(port -> assertFalse(ProcessCluster.listening(port), "port " + port + " is still in use"));
        assertTrue(ProcessCluster.find(cluster.directory()).isEmpty(), "the state file is gone");
        assertFalse(Files.exists(cluster.home()), "storm.home is gone");
        try (var left = Files.list(cluster.directory())) {
            assertEquals(List.of(cluster.logDir()), left.toList(), "only the logs stay");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private interface Fault {
        void strike() throws Exception;
    }

    /**
     * Sends PER_CASE tweets steadily; strikes once a third of them are accounted for; then waits until
     * every record sent so far is scored or dead-lettered, and records the figures of the case.
     */
    private static void runCase(String name, Fault fault) throws Exception {
        int before = sent;
        String prefix = name + "-";
        CompletableFuture<Void> sending = RUNS.produceSteadily(properties.getProperty("topic.tweets"),
                SentimentRuns.tweets(prefix, PER_CASE), RATE);
        sent += PER_CASE;
        await().atMost(SentimentRuns.DEADLINE).pollInterval(Duration.ZERO).until(() -> report.poll() >= before + PER_CASE / 3);
        long duplicatesBefore = report.duplicates();
        long struck = System.nanoTime();
        fault.strike();
        seen.addAll(cluster.processes());
        sending.get(3, TimeUnit.MINUTES);
        SentimentRuns.awaitAll(report, sent);
        double recoverySeconds = (System.nanoTime() - struck) / 1e9;

        Set<String> scored = new HashSet<>();
        report.outputs().values().forEach(v -> scored.add(v.get("id").asText()));
        for (int i = 0; i < PER_CASE; i++) {
            assertTrue(scored.contains(prefix + i), prefix + i + " was not scored");
        }
        assertEquals(List.of(), report.inBoth());
        assertEquals(0, report.lost(sent));
        Map<String, Object> caseFigures = new LinkedHashMap<>();
        caseFigures.put("sent", PER_CASE);
        caseFigures.put("scored_ids", PER_CASE);
        caseFigures.put("dead_lettered_total", report.deadLetterReasons().size());
        caseFigures.put("duplicates", report.duplicates() - duplicatesBefore);
        caseFigures.put("lost", report.lost(sent));
        caseFigures.put("seconds_from_fault_to_all_accounted", Math.round(recoverySeconds * 10) / 10.0);
        figures.put(name, caseFigures);
        System.out.println("RELIABILITY cluster " + name + " " + caseFigures);
    }

    /**
     * The Worker JVMs of the cluster. Each worker is a LogWriter JVM whose arguments are the Worker's
     * command line, and the Worker JVM it starts: only the latter is counted.
     */
    private static List<ProcessHandle> workers() {
        return cluster.processes().stream()
                .filter(p -> p.info().commandLine().map(c -> c.contains("org.apache.storm.daemon.worker.Worker")
                        && !c.contains("org.apache.storm.LogWriter")).orElse(false))
                .toList();
    }

    private static String supervisorRunningAWorker() {
        ProcessHandle worker = workers().get(0);
        return cluster.state().supervisors().stream()
                .filter(s -> cluster.state().daemon(s.name()).flatMap(ClusterState.Daemon::handle)
                        .map(h -> h.descendants().anyMatch(worker::equals)).orElse(false))
                .map(ClusterState.Supervisor::name).findFirst().orElseThrow();
    }

    private static DimProcess.Result dim(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--storm-yaml", cluster.stormYaml().toString()));
        return DimProcess.run(Map.of(), 240, all.toArray(String[]::new));
    }
}
