package io.datainmotion.bench;

import java.util.List;
import java.util.Map;

/** Everything a benchmark run measured, as written to results.json. */
public record BenchResults(String command, String startedAt, Machine machine, Map<String, Object> settings,
                           List<ThroughputRun> throughputRuns, List<LatencyRun> latencyRuns,
                           List<WindowCheck> windowChecks, List<FailedRun> failedRuns, List<EngineSummary> summary) {

    /** A run that did not finish (engine died, rejected input, or hit --timeout); its log says more. */
    public record FailedRun(String phase, String engine, int repeat, String reason) {}

    /** What an engine's JVM used over a run: CPU seconds in all, peak heap after a collection, heap after a final full GC, peak RSS. */
    public record Footprint(double cpuSecondsTotal, double peakHeapAfterGcMb, double heapAfterFullGcMb, double peakRssMb) {}

    /** Preloaded records processed as fast as the engine can, timed by the output's broker timestamps. */
    public record ThroughputRun(String engine, int repeat, long records, int duplicates, double recordsPerSecond,
                                long firstToLastMillis, double cpuSecondsFirstToLast, double cpuSecondsPerMillion,
                                Footprint footprint, double loadBefore, double loadAfter) {}

    /**
     * Records sent at a fixed rate after a warm-up at that rate; each one's latency is its output's
     * broker append time minus its send time.
     */
    public record LatencyRun(String engine, int repeat, int offeredPerSecond, long sent, long received, int duplicates,
                             LatencySummary latency, List<LatencyTimeline.Second> timeline,
                             Footprint footprint, double loadBefore, double loadAfter) {}

    /**
     * An engine over all its runs: medians and ranges, and our topology's figures divided by this engine's
     * ({@code stormThroughputRatio} above 1 means the topology was faster).
     */
    public record EngineSummary(String engine, String description, int throughputRuns, Double medianRecordsPerSecond,
                                Double minRecordsPerSecond, Double maxRecordsPerSecond, Double medianCpuSecondsPerMillion,
                                int latencyRuns, Long medianP99Millis, Long worstMaxMillis, Double maxPeakHeapAfterGcMb,
                                Double maxPeakRssMb, Double stormThroughputRatio, Double stormCpuRatio) {}
}
