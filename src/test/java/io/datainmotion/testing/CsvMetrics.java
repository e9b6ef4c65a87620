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

    /** The sum over the component's tasks of a counter's latest reported count; 0 when not reported yet. */
    public static long lastCount(Path directory, String component, String metric) {
        try (Stream<Path> files = Files.list(directory)) {
            long total = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().contains("." + component + ".")
                    && f.getFileName().toString().endsWith("-" + metric + ".csv")).toList()) {
                List<String> rows = Files.readAllLines(file);
                String last = rows.get(rows.size() - 1);
                if (!last.startsWith("t,")) {
                    total += Long.parseLong(last.split(",")[1].trim());
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
