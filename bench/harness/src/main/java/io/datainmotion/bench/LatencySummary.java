package io.datainmotion.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies in milliseconds, by the nearest-rank method (each is one of the values). */
public record LatencySummary(int count, long p50, long p95, long p99, long max) {

    public static LatencySummary of(long[] latenciesMillis) {
        if (latenciesMillis.length == 0) {
            throw new IllegalArgumentException("no latencies to summarize");
        }
        long[] sorted = latenciesMillis.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code percent} % of the values at or below it. */
    static long percentile(long[] sorted, double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
