package io.datainmotion.records;

/**
 * Where a record came from: its Kafka topic, partition and offset (or a spout's equivalent), and the
 * record's timestamp there (epoch milliseconds), or {@link #NO_TIMESTAMP}.
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp) {

    /** The timestamp of a record that has none: Kafka's own value for it. */
    public static final long NO_TIMESTAMP = -1;

    /** A source known by its position only. */
    public SourceRecord(String topic, int partition, long offset) {
        this(topic, partition, offset, NO_TIMESTAMP);
    }

    public boolean hasTimestamp() {
        return timestamp != NO_TIMESTAMP;
    }

    /** A stable id for a record that has none, so that a replay gets the same id. */
    public String derivedId() {
        return topic + "-" + partition + "-" + offset;
    }
}
