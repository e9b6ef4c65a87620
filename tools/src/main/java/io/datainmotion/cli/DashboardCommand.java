package io.datainmotion.cli;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.datainmotion.cluster.ProcessCluster;
import io.datainmotion.cluster.StormClusterClient;
import io.datainmotion.dashboard.Dashboard;
import io.datainmotion.dashboard.JdbcSensorHistory;
import io.datainmotion.topology.FluxTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serves the live dashboard: both pipelines' results and the topologies' health on one page.",
            "Reads the output topics with readers of its own (no consumer group), consumer lag with an admin client, "
                + "and per component statistics from the Nimbus of --storm-yaml or of the cluster 'bin/dim cluster start' "
                + "runs. Read-only; runs until Ctrl-C."})
final class DashboardCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0: any free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Beyond loopback a token is required.")
    String bind;

    @Option(names = "--token-env", paramLabel = "VARIABLE", defaultValue = "DIM_DASHBOARD_TOKEN",
            description = "Environment variable holding the access token (default: ${DEFAULT-VALUE}); when set, "
                    + "the page is opened as /?token=...; required with --bind beyond loopback.")
    String tokenVariable;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, overriding kafka.bootstrap.servers from the properties.")
    String bootstrap;

    @Option(names = "--filter", paramLabel = "PROPERTIES",
            description = "The topologies' properties: topic names, threshold, Kafka security (default: flux/local.properties).")
    Path filter;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "PostgreSQL holding the sensor_windows table, for a sensor's history (default: the history since start).")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", defaultValue = "postgres",
            description = "Database user (default: ${DEFAULT-VALUE}).")
    String jdbcUser;

    @Option(names = "--jdbc-password-env", paramLabel = "VARIABLE", defaultValue = "DIM_JDBC_PASSWORD",
            description = "Environment variable holding the database password, if any (default: ${DEFAULT-VALUE}).")
    String jdbcPasswordVariable;

    @Option(names = "--storm-yaml", paramLabel = "FILE",
            description = "The storm.yaml of the cluster whose components to show (default: the local 'bin/dim cluster', if running).")
    Path stormYaml;

    @Override
    public Integer call() throws Exception {
        Properties properties = FluxTopology.properties(FluxPropertiesOptions.filterOrDefault(filter));
        if (bootstrap != null) {
            properties.setProperty("kafka.bootstrap.servers", bootstrap);
        }
        String token = System.getenv(tokenVariable);
        if (token == null && !Dashboard.isLoopback(bind)) {
            throw new IllegalArgumentException("--bind " + bind + " exposes the dashboard beyond this machine: put a token in the "
                    + "environment variable " + tokenVariable + " (or name another with --token-env)");
        }
        JdbcSensorHistory history = jdbcUrl == null ? null
                : new JdbcSensorHistory(jdbcUrl, jdbcUser, System.getenv(jdbcPasswordVariable));
        StormClusterClient storm = connectToStorm();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Dashboard dashboard = Dashboard.start(new Dashboard.Settings(bind, port, token, properties,
                storm == null ? null : storm.nimbus(), storm == null ? null : "Nimbus", history))) {
            // Ctrl-C: let the main thread close the pages' streams and the readers before the JVM exits.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "dashboard-stop"));
            System.err.println("Dashboard on http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + dashboard.port()
                    + "/" + (token == null ? "" : "?token=... (the token in " + tokenVariable + ")")
                    + "; reading " + properties.getProperty("kafka.bootstrap.servers") + (storm == null ? "" : " and Nimbus")
                    + "; Ctrl-C to stop.");
            stop.await();
        } finally {
            stopped.countDown();
            if (storm != null) {
                storm.close();
            }
        }
        return 0;
    }

    private StormClusterClient connectToStorm() {
        if (stormYaml != null) {
            return StormClusterClient.connect(stormYaml);
        }
        return ProcessCluster.find(ClusterFiles.clusterDir())
                .filter(cluster -> cluster.daemonsAlive().getOrDefault(ProcessCluster.NIMBUS, false))
                .map(cluster -> StormClusterClient.connect(cluster.stormYaml()))
                .orElse(null);
    }
}
