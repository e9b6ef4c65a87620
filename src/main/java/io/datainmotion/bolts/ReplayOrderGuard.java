package io.datainmotion.bolts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.datainmotion.records.SourceRecord;

/**
 * Keeps each sensor's readings in source order across a rollback of the window state.
 *
 * <p>Event-time windows are order-sensitive: the reading that moves a sensor's watermark past a window
 * end closes that window. When a checkpoint fails while the topology keeps running, Storm rolls the
 * state back and fails every reading processed since the last commit, and the spout replays them from
 * the earliest one, in order. But readings emitted before the failure may still be in flight; arriving
 * first, they would close windows whose older readings are still to be replayed, emitting them partial.
 * So after a rollback this guard remembers, per sensor and source partition, which offsets are to come
 * back, and turns away (the bolt fails it, to be replayed in turn) any reading with a higher offset
 * until the lower ones have arrived. Readings of a sensor share a partition (records are keyed by
 * sensor id), so offsets order them.
 *
 * <p>Memory: the offsets processed since the last commit, bounded by {@code topology.max.spout.pending}.
 */
final class ReplayOrderGuard {

    private record Key(String sensorId, String topic, int partition) {
    }

    private Map<Key, TreeSet<Long>> sinceCheckpoint = new HashMap<>();
    private Map<Key, TreeSet<Long>> prepared = new HashMap<>();
    private final Map<Key, TreeSet<Long>> awaited = new HashMap<>();

    /** True if the reading may be processed now; false if it must wait for the replay of an earlier one. */
    boolean admit(String sensorId, SourceRecord source) {
        Key key = new Key(sensorId, source.topic(), source.partition());
        TreeSet<Long> earlierFirst = awaited.get(key);
        if (earlierFirst != null) {
            if (source.offset() > earlierFirst.first()) {
                earlierFirst.add(source.offset());
                return false;
            }
            earlierFirst.remove(source.offset());
            if (earlierFirst.isEmpty()) {
                awaited.remove(key);
            }
        }
        sinceCheckpoint.computeIfAbsent(key, k -> new TreeSet<>()).add(source.offset());
        return true;
    }

    /** Storm prepares a checkpoint: what was processed so far is acked when it commits. */
    void prepared() {
        sinceCheckpoint.forEach((key, offsets) -> prepared.merge(key, offsets, (a, b) -> {
            a.addAll(b);
            return a;
        }));
        sinceCheckpoint = new HashMap<>();
    }

    void committed() {
        prepared = new HashMap<>();
    }

    /** Storm rolls back: everything processed since the last commit is failed and will be replayed. */
    void rolledBack() {
        for (Map<Key, TreeSet<Long>> replayed : List.of(prepared, sinceCheckpoint)) {
            replayed.forEach((key, offsets) -> awaited.computeIfAbsent(key, k -> new TreeSet<>()).addAll(offsets));
        }
        prepared = new HashMap<>();
        sinceCheckpoint = new HashMap<>();
    }
}
