package io.datainmotion.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Latencies grouped by the second (since the run's start) in which their records were sent. */
public final class LatencyTimeline {

    /** The latencies of the records sent in one second. */
    public record Second(long second, LatencySummary latency) {}

    private LatencyTimeline() {}

    /**
     * @param sentMillis when each record was sent
     * @param latencyMillis each record's latency, in the same order
     * @param startMillis the run's start: second 0 begins here
     */
    public static List<Second> perSecond(long[] sentMillis, long[] latencyMillis, long startMillis) {
        if (sentMillis.length != latencyMillis.length) {
            throw new IllegalArgumentException("one latency per sent time: " + sentMillis.length + " vs " + latencyMillis.length);
        }
        TreeMap<Long, List<Long>> bySecond = new TreeMap<>();
        for (int i = 0; i < sentMillis.length; i++) {
            long second = Math.floorDiv(sentMillis[i] - startMillis, 1000);
            bySecond.computeIfAbsent(second, s -> new ArrayList<>()).add(latencyMillis[i]);
        }
        List<Second> timeline = new ArrayList<>(bySecond.size());
        bySecond.forEach((second, latencies) -> timeline.add(
                new Second(second, LatencySummary.of(latencies.stream().mapToLong(Long::longValue).toArray()))));
        return timeline;
    }
}
