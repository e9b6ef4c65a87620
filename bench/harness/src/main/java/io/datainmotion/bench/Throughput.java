package io.datainmotion.bench;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sustained throughput from the timestamps of output records: {@code records - 1} intervals between the
 * first and the last, so start-up before the first output and idling after the last do not count.
 */
public record Throughput(long records, long firstMillis, long lastMillis) {

    public static Throughput of(long[] timestampsMillis) {
        if (timestampsMillis.length == 0) {
            throw new IllegalArgumentException("no output records");
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long t : timestampsMillis) {
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        return new Throughput(timestampsMillis.length, first, last);
    }

    public long spanMillis() {
        return lastMillis - firstMillis;
    }

    /** Records per second; needs at least two records a millisecond or more apart. */
    public double recordsPerSecond() {
        if (records < 2 || spanMillis() == 0) {
            throw new IllegalStateException("throughput needs records spread over time; got " + records
                    + " record(s) within " + spanMillis() + " ms");
        }
        return (records - 1) * 1000.0 / spanMillis();
    }

    /**
     * Output records per second of their timestamps (epoch second to count), for comparing stretches
     * of one run, such as with and without something else running beside it.
     */
    public static SortedMap<Long, Long> perSecond(long[] timestampsMillis) {
        SortedMap<Long, Long> counts = new TreeMap<>();
        for (long t : timestampsMillis) {
            counts.merge(Math.floorDiv(t, 1000L), 1L, Long::sum);
        }
        return counts;
    }
}
