package io.datainmotion.records;

/**
 * The stretch of one source partition that a batch covers: from the consumer position before its
 * first record ({@code start}) to the position after its last ({@code end}). Consecutive batches of a
 * partition chain exactly (one's end is the next one's start), also across offsets the log skips, so
 * a stage that must see a partition in order can tell a gap from a replay. Every batch derived from a
 * source batch keeps its range, also when none of its records is left.
 *
 * @param resumesCommitted whether {@code start} was the source's committed (or initial) position when
 *     the batch was first emitted: the one batch a consumer with no recorded position may begin with
 */
public record SourceRange(String topic, int partition, long start, long end, boolean resumesCommitted) {

    public SourceRange {
        if (end < start) {
            throw new IllegalArgumentException("range of " + topic + "-" + partition + " ends at " + end + " before its start " + start);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "[" + start + ".." + end + ")";
    }
}
