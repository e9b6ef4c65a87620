package io.datainmotion.bolts;

/** Field names of the sensor pipeline's tuples, shared by its bolts and tests. */
public final class SensorFields {

    /**
     * Grouping key: the sensor id of the batch's first reading. Every reading of the batch routes to
     * the same task under a fields grouping on it ({@link SensorRouting}), so all readings of a sensor
     * reach one task.
     */
    public static final String SENSOR_ID = "sensorId";
    /** A {@link io.datainmotion.records.RecordBatch} of readings from one source partition. */
    public static final String READINGS = "readings";

    private SensorFields() {}
}
