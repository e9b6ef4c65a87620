package io.datainmotion.ingest;

import java.util.TreeMap;

/**
 * The position a source can resume from without a gap: every message before it has been either
 * written to Kafka and acknowledged ({@code acks=all}) or deliberately skipped. Sends complete out
 * of order (different partitions), so a position counts only once no earlier send is in flight.
 * Thread-safe: the writer records sends and skips, the producer's callbacks record acks.
 */
public final class ResumePosition {

    private final TreeMap<Long, Integer> inFlight = new TreeMap<>();
    private long lastSeen;

    /** @param start where the source starts (a stored cursor, or the time the process started reading) */
    public ResumePosition(long start) {
        this.lastSeen = start;
    }

    /** A message at this position was skipped (or was no post). */
    public synchronized void passed(long position) {
        lastSeen = Math.max(lastSeen, position);
    }

    /** A post at this position was handed to the producer. */
    public synchronized void sending(long position) {
        passed(position);
        inFlight.merge(position, 1, Integer::sum);
    }

    /** Kafka acknowledged the post at this position. */
    public synchronized void acknowledged(long position) {
        inFlight.computeIfPresent(position, (p, n) -> n == 1 ? null : n - 1);
    }

    /** The latest position every message before and at which is written or skipped. */
    public synchronized long safe() {
        return inFlight.isEmpty() ? lastSeen : Math.min(lastSeen, inFlight.firstKey() - 1);
    }
}
