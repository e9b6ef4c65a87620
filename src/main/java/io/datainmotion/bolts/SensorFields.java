package io.datainmotion.bolts;

/** Field names of the sensor pipeline's tuples, shared by its bolts and tests. */
public final class SensorFields {

    /** The batch's source partition: a fields grouping on it keeps each partition's batches in order on one task. */
    public static final String PARTITION = "partition";
    /** A {@link io.datainmotion.records.RecordBatch} of readings from one source partition. */
    public static final String READINGS = "readings";

    private SensorFields() {}
}
