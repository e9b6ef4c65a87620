package io.datainmotion.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Consecutive records of one Kafka partition (or a spout's equivalent), in offset order, each with
 * its offset: the unit a topology moves, acks and replays. One tuple per batch instead of one per
 * record is what keeps the per-tuple cost of emitting, queueing and acking off the per-record path.
 *
 * @param <T> what each record is at this stage: the raw value, a parsed tweet, ...
 */
public final class RecordBatch<T> {

    private final String topic;
    private final int partition;
    private final List<T> items;
    private final long[] offsets;

    public RecordBatch(String topic, int partition, List<T> items, long[] offsets) {
        if (items.size() != offsets.length) {
            throw new IllegalArgumentException(items.size() + " items but " + offsets.length + " offsets");
        }
        this.topic = topic;
        this.partition = partition;
        this.items = items;
        this.offsets = offsets;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
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
        return new SourceRecord(topic, partition, offsets[index]);
    }

    /** The offset of the first record; a batch is never empty when it leaves a spout. */
    public long firstOffset() {
        return offsets[0];
    }

    /** The offset after the last record: where a consumer resumes once this batch is done. */
    public long nextOffset() {
        return offsets[offsets.length - 1] + 1;
    }

    public static <T> Builder<T> builder(String topic, int partition, int expectedSize) {
        return new Builder<>(topic, partition, expectedSize);
    }

    /** Collects the records of one batch, e.g. those of an input batch that pass a stage. */
    public static final class Builder<T> {
        private final String topic;
        private final int partition;
        private final List<T> items;
        private long[] offsets;

        private Builder(String topic, int partition, int expectedSize) {
            this.topic = topic;
            this.partition = partition;
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
            return new RecordBatch<>(topic, partition, items, Arrays.copyOf(offsets, items.size()));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordBatch<?> that && topic.equals(that.topic) && partition == that.partition
                && Arrays.equals(offsets, that.offsets) && Arrays.deepEquals(items.toArray(), that.items.toArray());
    }

    @Override
    public int hashCode() {
        return 31 * (31 * topic.hashCode() + partition) + Arrays.hashCode(offsets);
    }

    @Override
    public String toString() {
        return isEmpty() ? topic + "-" + partition + "[]"
                : topic + "-" + partition + "[" + firstOffset() + ".." + offsets[offsets.length - 1] + "] (" + size() + " records)";
    }
}
