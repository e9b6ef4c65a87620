package io.datainmotion.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.DoubleStream;

import io.datainmotion.bench.BenchResults.EngineSummary;
import io.datainmotion.bench.BenchResults.LatencyRun;
import io.datainmotion.bench.BenchResults.ThroughputRun;

/** Medians and ranges per engine over repeated runs, and our topology's ratios to each engine. */
final class EngineSummaries {

    private EngineSummaries() {}

    static List<EngineSummary> of(List<EngineKind> engines, List<ThroughputRun> throughput, List<LatencyRun> latency) {
        Optional<Double> stormRate = median(rates(throughput, EngineKind.STORM));
        Optional<Double> stormCpu = median(cpuPerMillion(throughput, EngineKind.STORM));
        List<EngineSummary> summaries = new ArrayList<>();
        for (EngineKind engine : engines) {
            double[] rates = rates(throughput, engine);
            double[] cpu = cpuPerMillion(throughput, engine);
            List<LatencyRun> latencyRuns = latency.stream().filter(r -> r.engine().equals(engine.id())).toList();
            Optional<Double> rate = median(rates);
            Optional<Double> cpuMedian = median(cpu);
            summaries.add(new EngineSummary(engine.id(), engine.description(), rates.length,
                    rate.orElse(null),
                    rates.length == 0 ? null : Arrays.stream(rates).min().getAsDouble(),
                    rates.length == 0 ? null : Arrays.stream(rates).max().getAsDouble(),
                    cpuMedian.orElse(null),
                    latencyRuns.size(),
                    median(latencyRuns.stream().mapToDouble(r -> r.latency().p99()).toArray()).map(Math::round).orElse(null),
                    latencyRuns.stream().mapToLong(r -> r.latency().max()).boxed().max(Long::compare).orElse(null),
                    maxOf(throughput.stream().filter(r -> r.engine().equals(engine.id())).mapToDouble(r -> r.footprint().peakHeapAfterGcMb()),
                            latencyRuns.stream().mapToDouble(r -> r.footprint().peakHeapAfterGcMb())),
                    maxOf(throughput.stream().filter(r -> r.engine().equals(engine.id())).mapToDouble(r -> r.footprint().peakRssMb()),
                            latencyRuns.stream().mapToDouble(r -> r.footprint().peakRssMb())),
                    ratio(stormRate, rate),
                    ratio(stormCpu, cpuMedian)));
        }
        return summaries;
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    static Optional<Double> median(double[] values) {
        if (values.length == 0) {
            return Optional.empty();
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return Optional.of(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    private static double[] rates(List<ThroughputRun> runs, EngineKind engine) {
        return runs.stream().filter(r -> r.engine().equals(engine.id())).mapToDouble(ThroughputRun::recordsPerSecond).toArray();
    }

    private static double[] cpuPerMillion(List<ThroughputRun> runs, EngineKind engine) {
        return runs.stream().filter(r -> r.engine().equals(engine.id())).mapToDouble(ThroughputRun::cpuSecondsPerMillion).toArray();
    }

    private static Double maxOf(DoubleStream a, DoubleStream b) {
        return DoubleStream.concat(a, b).boxed().max(Double::compare).orElse(null);
    }

    private static Double ratio(Optional<Double> storm, Optional<Double> engine) {
        return storm.isPresent() && engine.isPresent() && engine.get() > 0 ? storm.get() / engine.get() : null;
    }
}
