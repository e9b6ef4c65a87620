package io.datainmotion.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

import io.datainmotion.cluster.StormClusterClient;
import org.apache.storm.generated.TopologySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What Storm's own {@code storm list|rebalance|activate|deactivate|set_log_level} do, against Nimbus over Thrift. */
final class TopologyCommands {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

    private TopologyCommands() {}

    /** Waits until Nimbus reports the topology in this status (rebalancing ends in ACTIVE). */
    private static void awaitStatus(StormClusterClient client, String name, String status, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!client.topology(name).map(TopologySummary::get_status).orElse("").equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " is not " + status + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The topologies on the cluster: status, workers, executors, tasks and uptime.")
    static final class ListTopologies implements Callable<Integer> {

        @Mixin
        StormClusterOptions cluster;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StormClusterClient client = cluster.connect()) {
                List<TopologySummary> topologies = client.topologies();
                out.printf("%-24s %-12s %8s %10s %6s %10s%n", "NAME", "STATUS", "WORKERS", "EXECUTORS", "TASKS", "UPTIME_S");
                for (TopologySummary topology : topologies) {
                    out.printf("%-24s %-12s %8d %10d %6d %10d%n", topology.get_name(), topology.get_status(),
                            topology.get_num_workers(), topology.get_num_executors(), topology.get_num_tasks(),
                            topology.get_uptime_secs());
                }
                if (topologies.isEmpty()) {
                    out.println("(no topologies)");
                }
            } finally {
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "rebalance", mixinStandardHelpOptions = true,
            description = {"Spreads a running topology over another number of workers and/or changes the executors of"
                    + " its components, as 'storm rebalance' does: Nimbus deactivates it, waits --wait seconds for"
                    + " in-flight tuples, reassigns it and activates it again. Returns when it is ACTIVE.",
                "A component can get at most as many executors as it has tasks (its Flux *.tasks setting)."})
    static final class Rebalance implements Callable<Integer> {

        @Mixin
        StormClusterOptions cluster;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--wait", paramLabel = "SECONDS",
                description = "Seconds between deactivation and reassignment (default: the topology's message timeout).")
        Integer waitSeconds;

        @Option(names = {"-n", "--workers"}, paramLabel = "N", description = "The new number of workers.")
        Integer workers;

        @Option(names = "-e", paramLabel = "COMPONENT=PARALLELISM",
                description = "The new number of executors of a component (repeatable).")
        Map<String, Integer> executors = new LinkedHashMap<>();

        @Override
        public Integer call() throws InterruptedException {
            if (workers == null && executors.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "nothing to change: give --workers and/or -e COMPONENT=PARALLELISM");
            }
            if ((workers != null && workers < 1) || executors.values().stream().anyMatch(n -> n < 1)
                    || (waitSeconds != null && waitSeconds < 0)) {
                throw new ParameterException(spec.commandLine(), "workers and parallelism must be positive, --wait not negative");
            }
            long started = System.nanoTime();
            try (StormClusterClient client = cluster.connect()) {
                client.rebalance(name, waitSeconds, workers, executors);
                awaitStatus(client, name, "ACTIVE", SETTLE_TIMEOUT.plusSeconds(waitSeconds == null ? 0 : waitSeconds));
            }
            spec.commandLine().getOut().printf("Rebalanced %s in %.1f s.%n", name, (System.nanoTime() - started) / 1e9);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** Sets a topology's status as Nimbus's activate or deactivate does, and waits until Nimbus reports it. */
    private abstract static class StatusChange implements Callable<Integer> {

        private final BiConsumer<StormClusterClient, String> request;
        private final String status;
        private final String done;

        @Mixin
        StormClusterOptions cluster;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        StatusChange(BiConsumer<StormClusterClient, String> request, String status, String done) {
            this.request = request;
            this.status = status;
            this.done = done;
        }

        @Override
        public Integer call() throws InterruptedException {
            try (StormClusterClient client = cluster.connect()) {
                request.accept(client, name);
                awaitStatus(client, name, status, SETTLE_TIMEOUT);
            }
            spec.commandLine().getOut().println(done + " " + name + ".");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "Lets a deactivated topology's spouts emit again.")
    static final class Activate extends StatusChange {
        Activate() {
            super(StormClusterClient::activate, "ACTIVE", "Activated");
        }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = "Stops a topology's spouts from emitting; tuples in flight complete and its workers stay.")
    static final class Deactivate extends StatusChange {
        Deactivate() {
            super(StormClusterClient::deactivate, "INACTIVE", "Deactivated");
        }
    }

    @Command(name = "set-log-level", mixinStandardHelpOptions = true,
            description = {"Changes log levels in every worker of a running topology, as 'storm set_log_level' does,"
                    + " e.g. -l io.datainmotion=DEBUG:60 for a minute; -r io.datainmotion removes the setting."})
    static final class SetLogLevel implements Callable<Integer> {

        private static final List<String> LEVELS = List.of("ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF");

        @Mixin
        StormClusterOptions cluster;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "-l", paramLabel = "LOGGER=LEVEL[:SECONDS]",
                description = "Set a logger (ROOT for the root logger) to a level, for SECONDS (default: until changed) (repeatable).")
        Map<String, String> settings = new LinkedHashMap<>();

        @Option(names = "-r", paramLabel = "LOGGER", description = "Remove a logger's setting (repeatable).")
        List<String> removed = List.of();

        @Override
        public Integer call() {
            if (settings.isEmpty() && removed.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "nothing to change: give -l LOGGER=LEVEL or -r LOGGER");
            }
            Map<String, String> levels = new LinkedHashMap<>();
            Integer resetSeconds = null;
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                String[] levelAndTime = setting.getValue().split(":", 2);
                String level = levelAndTime[0].strip().toUpperCase(java.util.Locale.ROOT);
                if (!LEVELS.contains(level)) {
                    throw new ParameterException(spec.commandLine(), "unknown level '" + levelAndTime[0] + "'; known: " + LEVELS);
                }
                int seconds = levelAndTime.length == 2 ? seconds(levelAndTime[1]) : 0;
                if (resetSeconds != null && resetSeconds != seconds) {
                    throw new ParameterException(spec.commandLine(), "give every -l the same :SECONDS");
                }
                resetSeconds = seconds;
                levels.put(setting.getKey(), level);
            }
            removed.forEach(logger -> levels.put(logger, null));
            try (StormClusterClient client = cluster.connect()) {
                client.setLogLevel(name, levels, resetSeconds == null ? 0 : resetSeconds);
            }
            spec.commandLine().getOut().println("Sent log levels " + levels + " to " + name + ".");
            spec.commandLine().getOut().flush();
            return 0;
        }

        private int seconds(String text) {
            try {
                int seconds = Integer.parseInt(text.strip());
                if (seconds >= 0) {
                    return seconds;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new ParameterException(spec.commandLine(), "the time after ':' must be whole seconds, got '" + text + "'");
        }
    }
}
