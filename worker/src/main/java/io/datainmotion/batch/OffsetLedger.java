package io.datainmotion.batch;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which batches of each partition are emitted and not yet acked, and so which offset is safe to
 * commit: the first offset still in flight, or the end of everything emitted when nothing is. Batches
 * are acked in any order; an offset is committed only when every record before it is done.
 */
final class OffsetLedger {

    private final Map<Integer, TreeMap<Long, Long>> inFlight = new HashMap<>();
    private final Map<Integer, Long> emittedUpTo = new HashMap<>();

    /** A batch of {@code partition} covering the positions from {@code start} up to (not including) {@code end} left the spout. */
    void emitted(int partition, long start, long end) {
        inFlight.computeIfAbsent(partition, p -> new TreeMap<>()).put(start, end);
        emittedUpTo.merge(partition, end, Math::max);
    }

    void acked(int partition, long start) {
        TreeMap<Long, Long> batches = inFlight.get(partition);
        if (batches != null) {
            batches.remove(start);
        }
    }

    /** Per partition that has emitted anything: the offset a restart may resume from without losing a record. */
    Map<Integer, Long> committable() {
        Map<Integer, Long> offsets = new HashMap<>();
        emittedUpTo.forEach((partition, upTo) -> {
            TreeMap<Long, Long> batches = inFlight.get(partition);
            offsets.put(partition, batches == null || batches.isEmpty() ? upTo : batches.firstKey());
        });
        return offsets;
    }
}
