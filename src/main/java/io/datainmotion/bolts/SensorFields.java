package io.datainmotion.bolts;

/** Field names of the sensor pipeline's tuples, shared by its bolts and tests. */
public final class SensorFields {

    /** Grouping key: fields grouping on it sends all readings of a sensor to one task. */
    public static final String SENSOR_ID = "sensorId";
    /** A {@link io.datainmotion.sensors.SensorReading}. */
    public static final String READING = "reading";
    /** The threshold indicator of the reading, 1.0 or 0.0. */
    public static final String ABOVE_THRESHOLD = "aboveThreshold";
    /** The {@link io.datainmotion.records.SourceRecord} the reading came from. */
    public static final String SOURCE = "source";

    private SensorFields() {}
}
