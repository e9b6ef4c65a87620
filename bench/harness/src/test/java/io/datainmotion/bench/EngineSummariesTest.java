package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;

import io.datainmotion.bench.BenchResults.EngineSummary;
import io.datainmotion.bench.BenchResults.Footprint;
import io.datainmotion.bench.BenchResults.LatencyRun;
import io.datainmotion.bench.BenchResults.ThroughputRun;
import org.junit.jupiter.api.Test;

class EngineSummariesTest {

    private static ThroughputRun throughput(EngineKind engine, int repeat, double rate, double cpuPerMillion, double heapMb) {
        return new ThroughputRun(engine.id(), repeat, 1000, 0, rate, 1000, 1, cpuPerMillion,
                new Footprint(10, heapMb, heapMb / 2, 400), 1, 1);
    }

    private static LatencyRun latency(EngineKind engine, long p99, long max) {
        LatencySummary summary = new LatencySummary(100, p99 / 2, p99, p99, max);
        return new LatencyRun(engine.id(), 1, 10_000, 100, 100, 0, summary, List.of(),
                new Footprint(10, 100, 50, 300), 1, 1);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(Optional.of(2.0), EngineSummaries.median(new double[] {3, 1, 2}));
        assertEquals(Optional.of(2.5), EngineSummaries.median(new double[] {4, 1, 3, 2}));
        assertEquals(Optional.empty(), EngineSummaries.median(new double[0]));
    }

    @Test
    void mediansRangesAndTheTopologysRatios() {
        List<ThroughputRun> runs = List.of(
                throughput(EngineKind.STORM, 1, 30_000, 60, 500), throughput(EngineKind.LOOP, 1, 90_000, 20, 50),
                throughput(EngineKind.STORM, 2, 50_000, 40, 700), throughput(EngineKind.LOOP, 2, 110_000, 20, 60),
                throughput(EngineKind.STORM, 3, 40_000, 50, 600), throughput(EngineKind.LOOP, 3, 100_000, 20, 55));
        List<LatencyRun> latencies = List.of(latency(EngineKind.LOOP, 20, 80));

        List<EngineSummary> summaries = EngineSummaries.of(List.of(EngineKind.STORM, EngineKind.LOOP), runs, latencies);

        EngineSummary storm = summaries.get(0);
        EngineSummary loop = summaries.get(1);
        assertEquals(40_000.0, storm.medianRecordsPerSecond());
        assertEquals(30_000.0, storm.minRecordsPerSecond());
        assertEquals(50_000.0, storm.maxRecordsPerSecond());
        assertEquals(700.0, storm.maxPeakHeapAfterGcMb());
        assertEquals(1.0, storm.stormThroughputRatio());
        assertEquals(0.4, loop.stormThroughputRatio(), 1e-9);
        assertEquals(2.5, loop.stormCpuRatio(), 1e-9);
        assertEquals(20L, loop.medianP99Millis());
        assertEquals(80L, loop.worstMaxMillis());
        assertEquals(1, loop.latencyRuns());
        assertNull(storm.medianP99Millis());
    }

    @Test
    void noRatiosWithoutTheTopology() {
        List<EngineSummary> summaries = EngineSummaries.of(List.of(EngineKind.LOOP),
                List.of(throughput(EngineKind.LOOP, 1, 90_000, 20, 50)), List.of());

        assertNull(summaries.get(0).stormThroughputRatio());
        assertEquals(90_000.0, summaries.get(0).medianRecordsPerSecond());
    }
}
