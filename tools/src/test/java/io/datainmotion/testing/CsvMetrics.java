package io.datainmotion.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads what Storm's CsvStormReporter wrote: one file per metric, named after its full name
 * ({@code storm.topology.ID.HOST.COMPONENT.TASK.PORT-NAME.csv}), a row per report.
 */
public final class CsvMetrics {

    private CsvMetrics() {}

    /**
     * The sum over the component's tasks of a counter's or gauge's latest reported value; 0 when not
     * reported yet. {@code metric} is the name after the dash, dots for slashes.
     */
    public static long lastCount(Path directory, String component, String metric) {
        long total = 0;
        for (List<String> rows : reports(directory, component, metric)) {
            String last = rows.get(rows.size() - 1);
            if (!last.startsWith("t,")) {
                total += Math.round(Double.parseDouble(last.split(",")[1].trim()));
            }
        }
        return total;
    }

    /** Every value one task reported for a counter or gauge, oldest first; empty before the first report. */
    public static List<Long> history(Path directory, String component, String metric) {
        List<List<String>> files = reports(directory, component, metric);
        if (files.isEmpty()) {
            return List.of();
        }
        if (files.size() > 1) {
            throw new IllegalStateException("expected one task reporting " + metric + ", found " + files.size());
        }
        return files.get(0).stream().filter(row -> !row.startsWith("t,"))
                .map(row -> Math.round(Double.parseDouble(row.split(",")[1].trim()))).toList();
    }

    private static List<List<String>> reports(Path directory, String component, String metric) {
        try (Stream<Path> files = Files.list(directory)) {
            List<List<String>> reports = new java.util.ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().contains("." + component + ".")
                    && f.getFileName().toString().endsWith("-" + metric + ".csv")).toList()) {
                reports.add(Files.readAllLines(file));
            }
            return reports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
