package io.datainmotion.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.storm.generated.ClusterSummary;
import org.apache.storm.generated.ExecutorSummary;
import org.apache.storm.generated.InvalidTopologyException;
import org.apache.storm.generated.KillOptions;
import org.apache.storm.generated.LogConfig;
import org.apache.storm.generated.LogLevel;
import org.apache.storm.generated.LogLevelAction;
import org.apache.storm.generated.Nimbus;
import org.apache.storm.generated.NotAliveException;
import org.apache.storm.generated.RebalanceOptions;
import org.apache.storm.generated.TopologyInfo;
import org.apache.storm.generated.TopologyPageInfo;
import org.apache.storm.generated.TopologySummary;
import org.apache.storm.thrift.TException;
import org.apache.storm.utils.NimbusClient;
import org.apache.storm.utils.Utils;

/** Talks to a cluster's Nimbus over Thrift: what the Storm UI and {@code storm kill} would otherwise do. */
public final class StormClusterClient implements AutoCloseable {

    /** The statistics window covering the whole life of a topology. */
    public static final String ALL_TIME = ":all-time";

    private final NimbusClient nimbus;

    private StormClusterClient(NimbusClient nimbus) {
        this.nimbus = nimbus;
    }

    /** Connects to the Nimbus a storm.yaml names (nimbus.seeds, nimbus.thrift.port, security settings). */
    public static StormClusterClient connect(Path stormYaml) {
        if (!Files.isRegularFile(stormYaml)) {
            throw new IllegalArgumentException("no such storm.yaml: " + stormYaml);
        }
        Map<String, Object> conf = new HashMap<>(Utils.readDefaultConfig());
        conf.putAll(Utils.findAndReadConfigFile(stormYaml.toAbsolutePath().toString(), true));
        try {
            return new StormClusterClient(NimbusClient.getConfiguredClient(conf));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach Nimbus " + conf.get("nimbus.seeds") + ":"
                    + conf.get("nimbus.thrift.port") + " (from " + stormYaml + "): " + e.getMessage(), e);
        }
    }

    /** The Thrift interface itself, for callers that ask Nimbus more than this class does (the dashboard). */
    public Nimbus.Iface nimbus() {
        return nimbus.getClient();
    }

    public ClusterSummary summary() {
        return call(() -> nimbus.getClient().getClusterInfo());
    }

    public List<TopologySummary> topologies() {
        return summary().get_topologies();
    }

    public Optional<TopologySummary> topology(String name) {
        return topologies().stream().filter(t -> t.get_name().equals(name)).findFirst();
    }

    /** Kills a topology: Nimbus deactivates its spouts, waits {@code waitSeconds}, then removes its workers. */
    public void kill(String name, int waitSeconds) {
        KillOptions options = new KillOptions();
        options.set_wait_secs(waitSeconds);
        try {
            nimbus.getClient().killTopologyWithOpts(name, options);
        } catch (NotAliveException e) {
            throw new IllegalArgumentException("no topology named " + name + " is running");
        } catch (TException e) {
            throw new IllegalStateException("Nimbus refused to kill " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Redistributes a topology (what {@code storm rebalance} does): Nimbus deactivates it, waits
     * {@code waitSeconds} (null: its message timeout), then reassigns it over {@code workers} workers (when not null) with the
     * given executors per component (each at most the component's task count), and activates it again.
     */
    public void rebalance(String name, Integer waitSeconds, Integer workers, Map<String, Integer> executors) {
        RebalanceOptions options = new RebalanceOptions();
        if (waitSeconds != null) {
            options.set_wait_secs(waitSeconds);
        }
        if (workers != null) {
            options.set_num_workers(workers);
        }
        if (!executors.isEmpty()) {
            options.set_num_executors(executors);
        }
        onTopology(name, "rebalance", () -> nimbus.getClient().rebalance(name, options));
    }

    /** Starts a deactivated topology's spouts again. */
    public void activate(String name) {
        onTopology(name, "activate", () -> nimbus.getClient().activate(name));
    }

    /** Stops a topology's spouts from emitting; in-flight tuples complete; workers stay. */
    public void deactivate(String name) {
        onTopology(name, "deactivate", () -> nimbus.getClient().deactivate(name));
    }

    /**
     * Sets the level of named loggers in every worker of a topology ({@code storm set_log_level}), for
     * {@code resetSeconds} (0: until changed again); a null level removes the setting.
     */
    public void setLogLevel(String name, Map<String, String> levels, int resetSeconds) {
        LogConfig config = new LogConfig();
        levels.forEach((logger, level) -> {
            LogLevel setting = new LogLevel();
            if (level == null) {
                setting.set_action(LogLevelAction.REMOVE);
            } else {
                setting.set_action(LogLevelAction.UPDATE);
                setting.set_target_log_level(level);
                setting.set_reset_log_level_timeout_secs(resetSeconds);
            }
            config.put_to_named_logger_level(logger, setting);
        });
        String id = topology(name).orElseThrow(() -> new IllegalArgumentException("no topology named " + name + " is running"))
                .get_id();
        call(() -> {
            nimbus.getClient().setLogConfig(id, config);
            return null;
        });
    }

    private interface TopologyCall {
        void call() throws TException;
    }

    private static void onTopology(String name, String action, TopologyCall call) {
        try {
            call.call();
        } catch (NotAliveException e) {
            throw new IllegalArgumentException("no topology named " + name + " is running");
        } catch (InvalidTopologyException e) {
            throw new IllegalArgumentException("Nimbus refused to " + action + " " + name + ": " + e.get_msg());
        } catch (TException e) {
            throw new IllegalStateException("Nimbus refused to " + action + " " + name + ": " + e.getMessage(), e);
        }
    }

    public TopologyPageInfo page(String topologyId) {
        return call(() -> nimbus.getClient().getTopologyPageInfo(topologyId, ALL_TIME, false));
    }

    public TopologyInfo info(String topologyId) {
        return call(() -> nimbus.getClient().getTopologyInfo(topologyId));
    }

    /**
     * Tuples each worker (by port) has emitted or executed in the topology's own components, from the
     * executor statistics the workers report to Nimbus (sampled at topology.stats.sample.rate).
     */
    public Map<Integer, Long> tuplesByWorkerPort(String topologyId) {
        Map<Integer, Long> byPort = new TreeMap<>();
        for (ExecutorSummary executor : info(topologyId).get_executors()) {
            if (executor.get_component_id().startsWith("__")) {
                continue;
            }
            byPort.merge(executor.get_port(), handled(executor), Long::sum);
        }
        return byPort;
    }

    private static long handled(ExecutorSummary executor) {
        if (executor.get_stats() == null) {
            return 0;
        }
        long emitted = userStreams(executor.get_stats().get_emitted().get(ALL_TIME));
        long executed = executor.get_stats().get_specific().is_set_bolt()
                ? executor.get_stats().get_specific().get_bolt().get_executed().getOrDefault(ALL_TIME, Map.of())
                        .values().stream().mapToLong(Long::longValue).sum()
                : 0;
        return emitted + executed;
    }

    private static long userStreams(Map<String, Long> byStream) {
        if (byStream == null) {
            return 0;
        }
        return byStream.entrySet().stream().filter(e -> !e.getKey().startsWith("__"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public void close() {
        nimbus.close();
    }

    private interface NimbusCall<T> {
        T call() throws TException;
    }

    private static <T> T call(NimbusCall<T> call) {
        try {
            return call.call();
        } catch (TException e) {
            throw new IllegalStateException("Nimbus call failed: " + e.getMessage(), e);
        }
    }
}
