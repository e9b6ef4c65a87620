package io.datainmotion.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.datainmotion.topology.FluxTopology;
import io.datainmotion.topology.MetricsReporters;
import picocli.CommandLine.Option;

/** How a locally run topology reports its metrics (Storm metrics v2). */
final class MetricsOptions {

    @Option(names = "--metrics", paramLabel = "KIND", split = ",",
            description = "Metrics reporters: console, csv, jmx, or several separated by commas (default: console).")
    List<MetricsReporters.Kind> kinds = new ArrayList<>(List.of(MetricsReporters.Kind.CONSOLE));

    @Option(names = "--no-metrics", description = "Report no metrics.")
    boolean none;

    @Option(names = "--metrics-period", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds between metric reports (default: ${DEFAULT-VALUE}).")
    long periodSeconds;

    @Option(names = "--metrics-dir", paramLabel = "DIR", defaultValue = "target/metrics",
            description = "Directory for the csv reporter (default: ${DEFAULT-VALUE}).")
    Path csvDirectory;

    @Option(names = "--metrics-filter", paramLabel = "REGEX",
            description = "Report only metrics whose names match (default: the pipelines' own metrics and Kafka lag).")
    String filter = MetricsReporters.DEFAULT_FILTER;

    void applyTo(FluxTopology topology) {
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("--metrics-period must be positive");
        }
        if (none) {
            return;
        }
        List<Map<String, Object>> reporters = kinds.stream()
                .map(kind -> MetricsReporters.reporter(kind, periodSeconds, csvDirectory, filter))
                .toList();
        MetricsReporters.addTo(topology.config(), reporters);
    }
}
