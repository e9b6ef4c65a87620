package io.datainmotion.batch;

import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;

/**
 * Whether a batch continues what a consumer of its source partition has applied so far, given the
 * position it applied up to: the rule that lets a stateful stage apply each partition exactly in
 * order, whatever order replays, restarts and rollbacks deliver batches in.
 */
public final class SourceOrder {

    /** What to do with a batch. */
    public sealed interface Admission {
    }

    /** Apply the batch's records from {@code fromIndex} on: the ones before were applied already. */
    public record Apply(int fromIndex) implements Admission {
    }

    /** Everything in the batch was applied already: a replay. */
    public record Replayed() implements Admission {
    }

    /**
     * An earlier stretch of the partition has not been applied yet: hold the batch until it has.
     *
     * @param expected the position the next batch to apply starts at; null for the committed position
     */
    public record Gap(Long expected) implements Admission {
    }

    private SourceOrder() {}

    /**
     * @param appliedUpTo the position after the last range applied from this batch's partition, or
     *     null if none was: then only a batch that starts at the source's committed position can
     *     begin, because any other may have an earlier one still on its way
     */
    public static Admission admit(Long appliedUpTo, RecordBatch<?> batch) {
        SourceRange range = batch.range();
        if (appliedUpTo == null) {
            return range.resumesCommitted() ? new Apply(0) : new Gap(null);
        }
        if (range.end() <= appliedUpTo) {
            return new Replayed();
        }
        if (range.start() > appliedUpTo) {
            return new Gap(appliedUpTo);
        }
        int from = 0;
        while (from < batch.size() && batch.offset(from) < appliedUpTo) {
            from++;
        }
        return new Apply(from);
    }
}
