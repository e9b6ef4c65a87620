package io.datainmotion.sentiment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler ({@code -prof io.datainmotion.sentiment.ThreadCpuProfiler}): CPU time the benchmark threads spent
 * per operation. On a shared, overloaded machine a thread waits for a core much of the time, which divides
 * the ops/s JMH reports by however busy the machine is; CPU time counts only the time the thread ran, so
 * two builds measured at different moments stay comparable (cache pressure from other processes still shows).
 * Slightly pessimistic: the iteration's start and stop handshakes are counted, the operations around them not.
 */
public final class ThreadCpuProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanosBefore;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation, immune to time spent waiting for a core";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuNanosBefore = workerCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long operations = result.getMetadata().getMeasuredOps();
        double nanosPerOperation = (workerCpuNanos() - cpuNanosBefore) / (double) Math.max(1, operations);
        return List.of(new ScalarResult("cpu.time.per.op", nanosPerOperation, "ns/op", AggregationPolicy.AVG));
    }

    private long workerCpuNanos() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
