package io.datainmotion.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A process's CPU time sampled against wall-clock time, so the CPU spent between two instants (the
 * first and last output record) can be told apart from start-up and shut-down. Linear between samples;
 * instants outside the sampled range take the nearest sample.
 */
public final class CpuSamples {

    private record Sample(long wallMillis, long cpuNanos) {}

    private final List<Sample> samples = new ArrayList<>();

    /** Adds a sample; samples must come in time order. */
    public void add(long wallMillis, long cpuNanos) {
        if (!samples.isEmpty() && wallMillis < samples.get(samples.size() - 1).wallMillis) {
            throw new IllegalArgumentException("samples must come in time order");
        }
        samples.add(new Sample(wallMillis, cpuNanos));
    }

    public double cpuSecondsBetween(long fromMillis, long toMillis) {
        return (cpuNanosAt(toMillis) - cpuNanosAt(fromMillis)) / 1e9;
    }

    /** CPU seconds over the whole sampled range. */
    public double totalCpuSeconds() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).cpuNanos / 1e9;
    }

    double cpuNanosAt(long wallMillis) {
        if (samples.isEmpty()) {
            throw new IllegalStateException("no CPU samples");
        }
        Sample first = samples.get(0);
        if (wallMillis <= first.wallMillis) {
            return first.cpuNanos;
        }
        for (int i = 1; i < samples.size(); i++) {
            Sample after = samples.get(i);
            if (wallMillis <= after.wallMillis) {
                Sample before = samples.get(i - 1);
                double fraction = (double) (wallMillis - before.wallMillis) / (after.wallMillis - before.wallMillis);
                return before.cpuNanos + fraction * (after.cpuNanos - before.cpuNanos);
            }
        }
        return samples.get(samples.size() - 1).cpuNanos;
    }
}
