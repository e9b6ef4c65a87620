package io.datainmotion.bench;

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
}
