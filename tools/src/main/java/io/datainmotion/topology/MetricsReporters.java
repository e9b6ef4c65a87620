package io.datainmotion.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.storm.Config;

/**
 * Storm metrics v2 reporters for a topology's configuration ({@code topology.metrics.reporters}).
 * On a real cluster operators usually configure the same entries once in storm.yaml instead.
 */
public final class MetricsReporters {

    /** Where a reporter sends metrics. */
    public enum Kind { CONSOLE, CSV, JMX }

    /**
     * The project's own metrics (records, batches, tweets, trends, sensors, windows, latency; the
     * spouts' lag among them), without the dozens of built-in per-executor queue metrics.
     */
    public static final String DEFAULT_FILTER =
            ".*-(records|batches|tweets|trends|sensors|windows|score)\\..*";

    private MetricsReporters() {}

    public static Map<String, Object> reporter(Kind kind, long periodSeconds, Path csvDirectory, String filterRegex) {
        Map<String, Object> reporter = new LinkedHashMap<>();
        reporter.put("class", switch (kind) {
            case CONSOLE -> "org.apache.storm.metrics2.reporters.ConsoleStormReporter";
            case CSV -> "org.apache.storm.metrics2.reporters.CsvStormReporter";
            case JMX -> "org.apache.storm.metrics2.reporters.JmxStormReporter";
        });
        reporter.put("report.period", periodSeconds);
        reporter.put("report.period.units", "SECONDS");
        if (kind == Kind.CSV) {
            reporter.put("csv.log.dir", csvDirectory.toAbsolutePath().toString());
        }
        if (filterRegex != null) {
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("class", "org.apache.storm.metrics2.filters.RegexFilter");
            filter.put("expression", filterRegex);
            reporter.put("filter", filter);
        }
        return reporter;
    }

    /** Adds reporters to those the topology's own configuration already names. */
    @SuppressWarnings("unchecked")
    public static void addTo(Config config, List<Map<String, Object>> reporters) {
        List<Map<String, Object>> all = new ArrayList<>();
        Object existing = config.get(Config.TOPOLOGY_METRICS_REPORTERS);
        if (existing instanceof List<?> list) {
            all.addAll((List<Map<String, Object>>) list);
        }
        all.addAll(reporters);
        config.put(Config.TOPOLOGY_METRICS_REPORTERS, all);
    }
}
