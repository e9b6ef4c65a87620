package io.datainmotion.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Consecutive records of one Kafka partition (or a spout's equivalent), in offset order, each with
 * its offset, its key ({@code byte[]}, or null) and timestamp ({@link SourceRecord#NO_TIMESTAMP} when
 * it has none) as read from the source, and the {@link SourceRange} they were read from: the unit a topology moves, acks and
 * replays. One tuple per batch instead of one per record is what keeps the per-tuple cost of
 * emitting, queueing and acking off the per-record path. A stage that drops records (invalid ones,
 * those of another task) keeps the range, so a batch may be empty. A batch a stage derives carries no
 * keys or timestamps (its records are values made from the source's, which the stage read through
 * {@link #source}), but each record keeps its {@link #original} bytes: what a dead letter carries,
 * whichever stage rejects the record.
 *
 * @param <T> what each record is at this stage: the raw value, a parsed tweet, ...
 */
public final class RecordBatch<T> {

    private final SourceRange range;
    private final List<T> items;
    private final long[] offsets;
    private final List<byte[]> keys;
    private final long[] timestamps;
    private final List<byte[]> originals;

    public RecordBatch(SourceRange range, List<T> items, long[] offsets, List<byte[]> keys, long[] timestamps,
            List<byte[]> originals) {
        if (items.size() != offsets.length || keys.size() != offsets.length || timestamps.length != offsets.length
                || originals.size() != offsets.length) {
            throw new IllegalArgumentException(items.size() + " items but " + offsets.length + " offsets, "
                    + keys.size() + " keys, " + timestamps.length + " timestamps and " + originals.size() + " originals");
        }
        this.range = range;
        this.items = items;
        this.offsets = offsets;
        this.keys = keys;
        this.timestamps = timestamps;
        this.originals = originals;
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

    /** The record's key at its source, or null. */
    public byte[] key(int index) {
        return keys.get(index);
    }

    /** The record's timestamp at its source (epoch milliseconds), or {@link SourceRecord#NO_TIMESTAMP}. */
    public long timestamp(int index) {
        return timestamps[index];
    }

    /**
     * The record's value as its source held it (the item itself in a batch as read), kept through every
     * stage that derives from it; null for a record that had no value or was made without one.
     */
    public byte[] original(int index) {
        return originals.get(index);
    }

    public SourceRecord source(int index) {
        return new SourceRecord(range.topic(), range.partition(), offsets[index], timestamps[index]);
    }

    /** Collects the records of a batch read from {@code range}. */
    public static <T> Builder<T> builder(SourceRange range, int expectedSize) {
        return new Builder<>(range, expectedSize);
    }

    /** Collects records derived from {@code source}'s, e.g. those that pass a stage: same range; add them with {@link Builder#addDerived}. */
    public static <T> Builder<T> derivedFrom(RecordBatch<?> source, int expectedSize) {
        return new Builder<>(source.range, expectedSize);
    }

    /** Collects the records of one batch, e.g. those of an input batch that pass a stage. */
    public static final class Builder<T> {
        private final SourceRange range;
        private final List<T> items;
        private final List<byte[]> keys;
        private final List<byte[]> originals;
        private long[] offsets;
        private long[] timestamps;

        private Builder(SourceRange range, int expectedSize) {
            this.range = range;
            this.items = new ArrayList<>(expectedSize);
            this.keys = new ArrayList<>(expectedSize);
            this.originals = new ArrayList<>(expectedSize);
            this.offsets = new long[Math.max(expectedSize, 1)];
            this.timestamps = new long[offsets.length];
        }

        /** Adds a record with no key or timestamp; an item that is bytes is its own original. */
        public Builder<T> add(T item, long offset) {
            return add(item, offset, null, SourceRecord.NO_TIMESTAMP);
        }

        /** Adds a record as read from its source, with its key (or null) and timestamp; an item that is bytes is its own original. */
        public Builder<T> add(T item, long offset, byte[] key, long timestamp) {
            return add(item, offset, key, timestamp, item instanceof byte[] bytes ? bytes : null);
        }

        /** Adds a value made from the record at {@code index} of {@code source}: its offset and original bytes. */
        public Builder<T> addDerived(T item, RecordBatch<?> source, int index) {
            return add(item, source.offset(index), null, SourceRecord.NO_TIMESTAMP, source.original(index));
        }

        private Builder<T> add(T item, long offset, byte[] key, long timestamp, byte[] original) {
            if (items.size() == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
                timestamps = Arrays.copyOf(timestamps, offsets.length);
            }
            offsets[items.size()] = offset;
            timestamps[items.size()] = timestamp;
            items.add(item);
            keys.add(key);
            originals.add(original);
            return this;
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }

        public RecordBatch<T> build() {
            return new RecordBatch<>(range, items, Arrays.copyOf(offsets, items.size()), keys,
                    Arrays.copyOf(timestamps, items.size()), originals);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordBatch<?> that && range.equals(that.range)
                && Arrays.equals(offsets, that.offsets) && Arrays.deepEquals(items.toArray(), that.items.toArray())
                && Arrays.equals(timestamps, that.timestamps) && Arrays.deepEquals(keys.toArray(), that.keys.toArray())
                && Arrays.deepEquals(originals.toArray(), that.originals.toArray());
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
