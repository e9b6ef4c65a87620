package io.datainmotion.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.datainmotion.bench.BenchResults.EngineSummary;
import io.datainmotion.bench.BenchResults.LatencyRun;
import io.datainmotion.bench.BenchResults.ThroughputRun;

/** The printed table rows and the two charts of a run. */
final class ResultTable {

    static final String THROUGHPUT_HEADER = String.format(Locale.ROOT, "%-10s %3s %11s %9s %9s %10s %8s %6s %11s",
            "engine", "#", "records/s", "CPU-s/1M", "CPU-s all", "heap MB*", "RSS MB", "dups", "load b/a");
    static final String LATENCY_HEADER = String.format(Locale.ROOT, "%-10s %3s %9s %9s %7s %7s %7s %7s %10s %8s %11s",
            "engine", "#", "sent", "received", "p50 ms", "p95 ms", "p99 ms", "max ms", "heap MB*", "RSS MB", "load b/a");
    private static final String FOOTNOTE = "* heap MB: the largest heap in use right after a garbage collection";

    private ResultTable() {}

    static String throughputRow(ThroughputRun run) {
        return String.format(Locale.ROOT, "%-10s %3d %,11.0f %9.1f %9.1f %10.0f %8.0f %6d %5.1f/%-5.1f",
                run.engine(), run.repeat(), run.recordsPerSecond(), run.cpuSecondsPerMillion(),
                run.footprint().cpuSecondsTotal(), run.footprint().peakHeapAfterGcMb(), run.footprint().peakRssMb(),
                run.duplicates(), run.loadBefore(), run.loadAfter());
    }

    static String latencyRow(LatencyRun run) {
        LatencySummary l = run.latency();
        return String.format(Locale.ROOT, "%-10s %3d %,9d %,9d %7d %7d %7d %7d %10.0f %8.0f %5.1f/%-5.1f",
                run.engine(), run.repeat(), run.sent(), run.received(), l.p50(), l.p95(), l.p99(), l.max(),
                run.footprint().peakHeapAfterGcMb(), run.footprint().peakRssMb(), run.loadBefore(), run.loadAfter());
    }

    static List<String> summary(List<EngineSummary> summaries) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-10s %11s %23s %9s %7s %8s %9s %7s %13s %13s",
                "engine", "records/s", "range", "CPU-s/1M", "p99 ms", "max ms", "heap MB*", "RSS MB",
                "storm÷ rate", "storm÷ CPU/1M"));
        for (EngineSummary s : summaries) {
            lines.add(String.format(Locale.ROOT, "%-10s %11s %23s %9s %7s %8s %9s %7s %13s %13s", s.engine(),
                    number(s.medianRecordsPerSecond(), "%,.0f"),
                    s.minRecordsPerSecond() == null ? "-" : number(s.minRecordsPerSecond(), "%,.0f") + " – "
                            + number(s.maxRecordsPerSecond(), "%,.0f"),
                    number(s.medianCpuSecondsPerMillion(), "%.1f"), number(s.medianP99Millis(), "%d"),
                    number(s.worstMaxMillis(), "%d"), number(s.maxPeakHeapAfterGcMb(), "%.0f"),
                    number(s.maxPeakRssMb(), "%.0f"), number(s.stormThroughputRatio(), "%.2f"),
                    number(s.stormCpuRatio(), "%.2f")));
        }
        lines.add(FOOTNOTE);
        return lines;
    }

    /** Median records/s per engine as bars; {@code title} says what work and how much of it. */
    static String throughputChart(String title, String axisLabel, List<EngineSummary> summaries) {
        List<SvgCharts.Bar> bars = summaries.stream().filter(s -> s.medianRecordsPerSecond() != null)
                .map(s -> new SvgCharts.Bar(s.engine(), s.medianRecordsPerSecond())).toList();
        return SvgCharts.bars(title, axisLabel, bars);
    }

    static String latencyChart(List<LatencyRun> runs, int rate) {
        List<SvgCharts.Series> series = runs.stream().map(run -> new SvgCharts.Series(run.engine() + " #" + run.repeat(),
                run.timeline().stream().map(s -> new SvgCharts.Point(s.second(), s.latency().p99())).toList())).toList();
        return SvgCharts.lines(String.format(Locale.ROOT, "End-to-end latency p99 per second, %,d records/s offered", rate),
                "seconds since the first measured record was sent", "p99 latency (ms, log scale)", SvgCharts.YScale.LOG, series);
    }

    private static String number(Number value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }
}
