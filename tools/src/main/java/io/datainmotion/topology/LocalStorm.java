package io.datainmotion.topology;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.batch.KafkaSecurity;
import io.datainmotion.kafka.KafkaTopics;
import io.datainmotion.kafka.TopicSettings;
import org.apache.storm.LocalCluster;
import org.apache.storm.generated.ExecutorSummary;
import org.apache.storm.daemon.supervisor.Supervisor;
import org.apache.storm.generated.KillOptions;
import org.apache.storm.generated.SupervisorSummary;

/**
 * An in-process Storm cluster (LocalCluster) running Flux topologies: what bin/dim and the
 * integration tests use. One per JVM at a time.
 */
public final class LocalStorm implements AutoCloseable {

    /** Flux properties whose names start with this name Kafka topics the topologies use. */
    public static final String TOPIC_PROPERTY_PREFIX = "topic.";

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(60);

    private final LocalCluster cluster;

    private LocalStorm(LocalCluster cluster) {
        this.cluster = cluster;
    }

    public static LocalStorm start() {
        try {
            return new LocalStorm(new LocalCluster());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a local Storm cluster: " + e.getMessage(), e);
        }
    }

    public void submit(FluxTopology topology) {
        try {
            cluster.submitTopology(topology.name(), topology.config(), topology.topology());
        } catch (Exception e) {
            throw new IllegalStateException("cannot submit " + topology.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Kills a topology at once (no message-timeout wait) and returns when it is gone from Nimbus and its
     * worker from every Supervisor slot (so its Kafka consumers are closed), so the same name can be
     * submitted again; unacked tuples are replayed by its next run.
     * <p>
     * A topology whose worker is still being set up is first given {@link #KILL_TIMEOUT} to start: killing
     * it while the Supervisor localizes its files makes Storm 2.8's Supervisor release files that may not be
     * there, and it then halts this JVM ("Halting process: Error when processing an event";
     * STORM-3583's guard catches FileNotFoundException, but the read throws NoSuchFileException).
     */
    public void kill(String name) {
        try {
            String id = cluster.getTopologySummaryByName(name).get_id();
            awaitWorkersRunning(name, KILL_TIMEOUT);
            KillOptions now = new KillOptions();
            now.set_wait_secs(0);
            cluster.killTopologyWithOpts(name, now);
            long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
            while (isRunning(name) || hasWorkerSlot(id)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topology " + name + " still runs " + KILL_TIMEOUT + " after kill");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot kill " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether a Supervisor slot still holds a worker of the topology (its current, not its new, assignment). */
    private boolean hasWorkerSlot(String topologyId) throws Exception {
        for (SupervisorSummary summary : cluster.getClusterInfo().get_supervisors()) {
            Supervisor supervisor = cluster.getSupervisor(summary.get_supervisor_id());
            if (supervisor != null && supervisor.getCurrAssignment().get().values().stream()
                    .anyMatch(assignment -> assignment.get_topology_id().equals(topologyId))) {
                return true;
            }
        }
        return false;
    }

    /** Waits until the topology's workers run (each executor has sent a heartbeat). */
    public void awaitRunning(String name, Duration timeout) {
        try {
            if (!awaitWorkersRunning(name, timeout)) {
                throw new IllegalStateException("topology " + name + " has no running worker after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to start", e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the state of " + name + ": " + e.getMessage(), e);
        }
    }

    private boolean awaitWorkersRunning(String name, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!workersRunning(name)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Nimbus lists an executor as soon as it is assigned; only its worker's heartbeat brings stats. */
    private boolean workersRunning(String name) throws Exception {
        List<ExecutorSummary> executors = cluster.getTopologyInfoByName(name).get_executors();
        return executors != null && !executors.isEmpty() && executors.stream().allMatch(ExecutorSummary::is_set_stats);
    }

    /** Kills every running topology, e.g. after a test that failed before its own kill. */
    public void killAll() {
        try {
            for (var summary : cluster.getTopologySummaries()) {
                kill(summary.get_name());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list topologies: " + e.getMessage(), e);
        }
    }

    public boolean isRunning(String name) throws Exception {
        return cluster.getTopologySummaries().stream().anyMatch(t -> t.get_name().equals(name));
    }

    public LocalCluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the local Storm cluster: " + e.getMessage(), e);
        }
    }

    /** Every topic named by a {@code topic.*} property, so a run can create them before it starts. */
    public static List<String> topicsOf(Properties properties) {
        TreeSet<String> topics = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(TOPIC_PROPERTY_PREFIX)) {
                topics.add(properties.getProperty(key));
            }
        }
        return List.copyOf(topics);
    }

    /**
     * Creates the topics of {@link #topicsOf} that do not exist yet, with the partitions, replication
     * and configs of {@link TopicSettings} and the properties' client security.
     */
    public static void createTopics(String bootstrapServers, Properties properties) {
        var admin = KafkaClients.admin(bootstrapServers);
        admin.putAll(KafkaSecurity.fromProperties(properties, System.getenv()));
        KafkaTopics.ensure(admin, topicsOf(properties).stream().map(t -> TopicSettings.of(t, properties)).toList());
    }
}
