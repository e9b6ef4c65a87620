package io.datainmotion.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.datainmotion.cluster.ProcessCluster;
import io.datainmotion.cluster.StormClusterClient;
import org.apache.storm.generated.ClusterSummary;
import org.apache.storm.generated.ComponentAggregateStats;
import org.apache.storm.generated.ErrorInfo;
import org.apache.storm.generated.SupervisorSummary;
import org.apache.storm.generated.TopologyPageInfo;
import org.apache.storm.generated.TopologySummary;
import org.apache.storm.generated.WorkerSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Runs a real multi-process Storm cluster on this machine.",
            "ZooKeeper (127.0.0.1), Nimbus and Supervisors (one by default, with two worker slots), each its own process, in target/storm-cluster/run. Submit to it with 'bin/dim submit'."},
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: start, stop or status");
    }

    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts the cluster and returns once the Supervisor's slots are registered.",
                "The daemons keep running until 'bin/dim cluster stop'. Prints where the logs are and how to submit."})
    static final class Start implements Callable<Integer> {

        @Option(names = "--supervisors", paramLabel = "N", defaultValue = "1",
                description = "Supervisors, each with its own local directory and ports, standing in for N hosts (default: ${DEFAULT-VALUE}).")
        int supervisors;

        @Option(names = "--slots", paramLabel = "M", defaultValue = "2",
                description = "Worker slots (ports) per Supervisor (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--foreground",
                description = "Stay in the foreground until Ctrl-C, then stop the cluster as 'cluster stop' would.")
        boolean foreground;

        @Override
        public Integer call() throws InterruptedException {
            long started = System.nanoTime();
            PrintStream out = System.out;
            if (supervisors < 1 || slots < 1) {
                throw new IllegalArgumentException("--supervisors and --slots must be at least 1");
            }
            out.println("Starting ZooKeeper, Nimbus and " + supervisors + " Supervisor(s) (one JVM each) in "
                    + ClusterFiles.shown(ClusterFiles.clusterDir()) + "...");
            out.flush();
            ProcessCluster cluster = ProcessCluster.start(ClusterFiles.installation(), ClusterFiles.loggingTemplates(),
                    ClusterFiles.clusterDir(), new ProcessCluster.Layout(supervisors, slots, Map.of()), START_TIMEOUT);
            var state = cluster.state();
            out.printf("Storm cluster up in %.1f s: ZooKeeper 127.0.0.1:%d, Nimbus localhost:%d.%n",
                    (System.nanoTime() - started) / 1e9, state.zookeeperPort(), state.nimbusPort());
            state.supervisors().forEach(s -> out.printf("  %s: worker slots %s%n", s.name(), s.slotPorts()));
            String logs = ClusterFiles.shown(cluster.logDir());
            out.println("Logs:    " + logs + "/{zookeeper,nimbus,supervisor*}.log; workers: " + logs
                    + "/workers-artifacts/<topology id>/<port>/worker.log");
            out.println("Submit:  bin/dim submit flux/sentiment.yaml --filter flux/local.properties");
            out.println("   i.e.  STORM_CONF_DIR=" + ClusterFiles.shown(cluster.stormYaml().getParent())
                    + " storm jar " + ClusterFiles.shown(ClusterFiles.topologyJar())
                    + " org.apache.storm.flux.Flux --remote --filter flux/local.properties flux/sentiment.yaml");
            out.println("Watch:   bin/dim cluster status");
            out.println("Stop:    bin/dim cluster stop");
            if (foreground) {
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    Stop.stop(cluster, System.err);
                    stopped.countDown();
                }, "cluster-stop"));
                out.println("Running in the foreground: Ctrl-C stops the cluster.");
                out.flush();
                stopped.await();
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Kills the topologies and ends every process of the cluster.",
                "That includes the workers the Supervisor launched; its state is deleted (the logs stay until the next start)."})
    static final class Stop implements Callable<Integer> {

        @Override
        public Integer call() {
            var cluster = ProcessCluster.find(ClusterFiles.clusterDir());
            if (cluster.isEmpty()) {
                System.out.println("No cluster is running from " + ClusterFiles.shown(ClusterFiles.clusterDir()) + ".");
                return 0;
            }
            return stop(cluster.get(), System.out) ? 0 : 1;
        }

        static boolean stop(ProcessCluster cluster, PrintStream out) {
            long started = System.nanoTime();
            int processes = cluster.processes().size();
            List<String> notes = cluster.stop(STOP_TIMEOUT);
            notes.forEach(note -> out.println("  " + note));
            List<Integer> stillListening = cluster.portsInUse();
            out.printf("Stopped %d processes in %.1f s; logs kept in %s.%n", processes,
                    (System.nanoTime() - started) / 1e9, ClusterFiles.shown(cluster.logDir()));
            if (!stillListening.isEmpty()) {
                out.println("Something still listens on port(s) " + stillListening + ".");
            }
            out.flush();
            return stillListening.isEmpty();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Shows the daemons, the topologies and their per-component counts.",
                "Daemons alive or not; per component: executors, emitted, acked and failed tuples, capacity and latencies since the topology started (from Nimbus)."})
    static final class Status implements Callable<Integer> {

        @Option(names = "--storm-yaml", paramLabel = "FILE",
                description = "Report on the cluster this storm.yaml names instead of the local one.")
        Path stormYaml;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            if (stormYaml == null) {
                var cluster = ProcessCluster.find(ClusterFiles.clusterDir());
                if (cluster.isEmpty()) {
                    out.println("No cluster is running from " + ClusterFiles.shown(ClusterFiles.clusterDir())
                            + " (start one with 'bin/dim cluster start').");
                    return 1;
                }
                printDaemons(cluster.get(), out);
                if (!cluster.get().daemonsAlive().getOrDefault(ProcessCluster.NIMBUS, false)) {
                    return 1;
                }
            }
            Map<Integer, String> supervisorBySlot = new java.util.HashMap<>();
            if (stormYaml == null) {
                ProcessCluster.find(ClusterFiles.clusterDir()).ifPresent(c -> c.state().supervisors().forEach(
                        s -> s.slotPorts().forEach(port -> supervisorBySlot.put(port, s.name()))));
            }
            try (StormClusterClient client = StormClusterClient.connect(ClusterFiles.stormYaml(stormYaml))) {
                printTopologies(client, supervisorBySlot, out);
            }
            return 0;
        }

        private static void printDaemons(ProcessCluster cluster, PrintStream out) {
            out.println("Cluster in " + ClusterFiles.shown(cluster.directory()) + " (logs in "
                    + ClusterFiles.shown(cluster.logDir()) + ")");
            for (var daemon : cluster.state().daemons()) {
                out.printf("  %-11s pid %-8d %s%n", daemon.name(), daemon.pid(), daemon.alive() ? "running" : "NOT RUNNING");
            }
        }

        private static void printTopologies(StormClusterClient client, Map<Integer, String> supervisorBySlot, PrintStream out) {
            ClusterSummary summary = client.summary();
            for (SupervisorSummary supervisor : summary.get_supervisors()) {
                out.printf("  supervisor %s on %s: %d of %d worker slots used%n", supervisor.get_supervisor_id(),
                        supervisor.get_host(), supervisor.get_num_used_workers(), supervisor.get_num_workers());
            }
            if (summary.get_topologies().isEmpty()) {
                out.println("No topologies.");
                return;
            }
            for (TopologySummary topology : summary.get_topologies()) {
                out.printf("%nTopology %s  %s  up %s  %d worker(s), %d executors  (id %s)%n", topology.get_name(),
                        topology.get_status(), uptime(topology.get_uptime_secs()), topology.get_num_workers(),
                        topology.get_num_executors(), topology.get_id());
                TopologyPageInfo page = client.page(topology.get_id());
                for (WorkerSummary worker : page.get_workers()) {
                    out.printf("  worker %s:%d (%s, supervisor %s): %d executors %s, up %s%n", worker.get_host(),
                            worker.get_port(), supervisorBySlot.getOrDefault(worker.get_port(), "remote"),
                            worker.get_supervisor_id(), worker.get_num_executors(),
                            new java.util.TreeMap<>(worker.get_component_to_num_tasks()), uptime(worker.get_uptime_secs()));
                }
                out.printf("  %-18s %4s %10s %10s %10s %8s %9s  %s%n", "COMPONENT", "EXEC", "EMITTED", "ACKED",
                        "FAILED", "CAPACITY", "LATENCY", "LAST ERROR");
                page.get_id_to_spout_agg_stats().forEach((id, stats) -> printComponent(out, id + " (spout)", stats,
                        "-", stats.get_specific_stats().get_spout().get_complete_latency_ms(), "complete"));
                page.get_id_to_bolt_agg_stats().forEach((id, stats) -> printComponent(out, id, stats,
                        String.format("%.3f", stats.get_specific_stats().get_bolt().get_capacity()),
                        stats.get_specific_stats().get_bolt().get_execute_latency_ms(), "execute"));
                Map<Integer, Long> byWorker = client.tuplesByWorkerPort(topology.get_id());
                out.println("  tuples emitted + executed per worker port: " + byWorker);
            }
            out.println("\nCounts are sampled (topology.stats.sample.rate, default 0.05); latencies in ms.");
        }

        private static void printComponent(PrintStream out, String name, ComponentAggregateStats stats,
                                           String capacity, double latencyMs, String latencyKind) {
            var common = stats.get_common_stats();
            ErrorInfo error = stats.get_last_error();
            out.printf("  %-18s %4d %10d %10d %10d %8s %9s  %s%n", name, common.get_num_executors(), common.get_emitted(),
                    common.get_acked(), common.get_failed(), capacity, String.format("%.2f %s", latencyMs, latencyKind).strip(),
                    error == null ? "" : Dim.oneLine(new RuntimeException(error.get_error())));
        }

        private static String uptime(int seconds) {
            return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                    : String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
    }
}
