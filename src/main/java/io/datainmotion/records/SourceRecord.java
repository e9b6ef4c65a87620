package io.datainmotion.records;

/** Where a record came from: its Kafka topic, partition and offset (or a spout's equivalent). */
public record SourceRecord(String topic, int partition, long offset) {

    /** A stable id for a record that has none, so that a replay gets the same id. */
    public String derivedId() {
        return topic + "-" + partition + "-" + offset;
    }
}
