package io.datainmotion.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.storm.generated.BoltStats;
import org.apache.storm.generated.ExecutorStats;
import org.apache.storm.generated.ExecutorSummary;
import org.apache.storm.generated.Nimbus;
import org.apache.storm.generated.SpoutStats;
import org.apache.storm.generated.TopologySummary;
import org.apache.storm.thrift.TException;

/**
 * Per component statistics of every running topology, aggregated from its executors as the Storm UI
 * does, from a Nimbus: a real cluster's over Thrift ({@code StormClusterClient}) or a LocalCluster in
 * this JVM (which answers getTopologyInfo but not the UI's getTopologyPageInfo).
 */
final class StormProbe {

    /** Counts cover the topology's life; capacity and latencies the last ten minutes, as in the Storm UI. */
    static final String ALL_TIME = ":all-time";
    static final String RECENT = "600";
    private static final int RECENT_SECONDS = 600;

    private final Nimbus.Iface nimbus;

    StormProbe(Nimbus.Iface nimbus) {
        this.nimbus = nimbus;
    }

    List<ComponentHealth> components() throws TException {
        List<ComponentHealth> components = new ArrayList<>();
        for (TopologySummary topology : nimbus.getClusterInfo().get_topologies()) {
            components.addAll(aggregate(topology.get_name(), nimbus.getTopologyInfo(topology.get_id()).get_executors()));
        }
        return components;
    }

    /** Storm's own components (ackers, metrics, system) are left out. */
    static List<ComponentHealth> aggregate(String topology, List<ExecutorSummary> executors) {
        Map<String, Totals> byComponent = new TreeMap<>();
        for (ExecutorSummary executor : executors) {
            if (executor.get_component_id().startsWith("__")) {
                continue;
            }
            byComponent.computeIfAbsent(executor.get_component_id(), id -> new Totals()).add(executor);
        }
        List<ComponentHealth> components = new ArrayList<>();
        byComponent.forEach((component, totals) -> components.add(totals.health(topology, component)));
        return components;
    }

    private static final class Totals {
        private String type = "unknown";
        private int executors;
        private long emitted;
        private long acked;
        private long failed;
        private double capacity;
        private double latencyWeight;
        private double latencyWeightedSum;

        void add(ExecutorSummary executor) {
            executors++;
            ExecutorStats stats = executor.get_stats();
            if (stats == null) {
                return;
            }
            emitted += sum(userStreams(stats.get_emitted().get(ALL_TIME)));
            if (stats.get_specific().is_set_spout()) {
                type = "spout";
                SpoutStats spout = stats.get_specific().get_spout();
                acked += sum(spout.get_acked().get(ALL_TIME));
                failed += sum(spout.get_failed().get(ALL_TIME));
                weighLatency(spout.get_acked().get(RECENT), spout.get_complete_ms_avg().get(RECENT));
            } else if (stats.get_specific().is_set_bolt()) {
                type = "bolt";
                BoltStats bolt = stats.get_specific().get_bolt();
                acked += sum(bolt.get_acked().get(ALL_TIME));
                failed += sum(bolt.get_failed().get(ALL_TIME));
                Map<?, Long> executed = bolt.get_executed().get(RECENT);
                Map<?, Double> executeMs = bolt.get_execute_ms_avg().get(RECENT);
                weighLatency(executed, executeMs);
                int seconds = Math.min(Math.max(executor.get_uptime_secs(), 1), RECENT_SECONDS);
                capacity = Math.max(capacity, busyMillis(executed, executeMs) / (seconds * 1000.0));
            }
        }

        /** Mean latency over streams and executors, weighted by the tuples each mean covers. */
        private void weighLatency(Map<?, Long> counts, Map<?, Double> meanMs) {
            if (counts == null || meanMs == null) {
                return;
            }
            counts.forEach((stream, count) -> {
                Double mean = meanMs.get(stream);
                if (mean != null && count != null && count > 0) {
                    latencyWeight += count;
                    latencyWeightedSum += count * mean;
                }
            });
        }

        private static double busyMillis(Map<?, Long> executed, Map<?, Double> executeMs) {
            if (executed == null || executeMs == null) {
                return 0;
            }
            double busy = 0;
            for (Map.Entry<?, Long> entry : executed.entrySet()) {
                busy += entry.getValue() * executeMs.getOrDefault(entry.getKey(), 0.0);
            }
            return busy;
        }

        ComponentHealth health(String topology, String component) {
            return new ComponentHealth(topology, component, type, executors, emitted, acked, failed, capacity,
                    latencyWeight == 0 ? 0 : latencyWeightedSum / latencyWeight);
        }
    }

    private static Map<String, Long> userStreams(Map<String, Long> byStream) {
        Map<String, Long> user = new TreeMap<>();
        if (byStream != null) {
            byStream.forEach((stream, n) -> {
                if (!stream.startsWith("__")) {
                    user.put(stream, n);
                }
            });
        }
        return user;
    }

    private static long sum(Map<?, Long> counts) {
        return counts == null ? 0 : counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
