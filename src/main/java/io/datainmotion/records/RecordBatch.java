package io.datainmotion.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Consecutive records of one Kafka partition (or a spout's equivalent), in offset order, each with
 * its offset, and the {@link SourceRange} they were read from: the unit a topology moves, acks and
 * replays. One tuple per batch instead of one per record is what keeps the per-tuple cost of
 * emitting, queueing and acking off the per-record path. A stage that drops records (invalid ones,
 * those of another task) keeps the range, so a batch may be empty.
 *
 * @param <T> what each record is at this stage: the raw value, a parsed tweet, ...
 */
public final class RecordBatch<T> {

    private final SourceRange range;
    private final List<T> items;
    private final long[] offsets;

    public RecordBatch(SourceRange range, List<T> items, long[] offsets) {
        if (items.size() != offsets.length) {
            throw new IllegalArgumentException(items.size() + " items but " + offsets.length + " offsets");
        }
        this.range = range;
        this.items = items;
        this.offsets = offsets;
    }

    public SourceRange range() {
        return range;
    }

    public String topic() {
        return range.topic();
    }

    public int partition() {
        return range.partition();
    }

    public int size() {
        return offsets.length;
    }

    public boolean isEmpty() {
        return offsets.length == 0;
    }

    public T item(int index) {
        return items.get(index);
    }

    public long offset(int index) {
        return offsets[index];
    }

    public SourceRecord source(int index) {
        return new SourceRecord(range.topic(), range.partition(), offsets[index]);
    }

    /** Collects the records of a batch read from {@code range}. */
    public static <T> Builder<T> builder(SourceRange range, int expectedSize) {
        return new Builder<>(range, expectedSize);
    }

    /** Collects records derived from {@code source}'s, e.g. those that pass a stage: same range. */
    public static <T> Builder<T> derivedFrom(RecordBatch<?> source, int expectedSize) {
        return new Builder<>(source.range, expectedSize);
    }

    /** Collects the records of one batch, e.g. those of an input batch that pass a stage. */
    public static final class Builder<T> {
        private final SourceRange range;
        private final List<T> items;
        private long[] offsets;

        private Builder(SourceRange range, int expectedSize) {
            this.range = range;
            this.items = new ArrayList<>(expectedSize);
            this.offsets = new long[Math.max(expectedSize, 1)];
        }

        public Builder<T> add(T item, long offset) {
            if (items.size() == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[items.size()] = offset;
            items.add(item);
            return this;
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }

        public RecordBatch<T> build() {
            return new RecordBatch<>(range, items, Arrays.copyOf(offsets, items.size()));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordBatch<?> that && range.equals(that.range)
                && Arrays.equals(offsets, that.offsets) && Arrays.deepEquals(items.toArray(), that.items.toArray());
    }

    @Override
    public int hashCode() {
        return 31 * range.hashCode() + Arrays.hashCode(offsets);
    }

    @Override
    public String toString() {
        return range + " (" + size() + " records)";
    }
}
