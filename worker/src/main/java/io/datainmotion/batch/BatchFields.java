package io.datainmotion.batch;

import io.datainmotion.records.RecordBatch;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Values;

/**
 * The one shape of every tuple that carries a {@link RecordBatch}, from a spout or a stage bolt: the
 * batch in {@value #BATCH} and its source partition in {@value #PARTITION}, which a fields grouping
 * uses to keep each partition's batches in order on one task.
 */
public final class BatchFields {

    public static final String BATCH = "batch";
    public static final String PARTITION = "partition";
    public static final Fields FIELDS = new Fields(BATCH, PARTITION);

    private BatchFields() {}

    public static Values tuple(RecordBatch<?> batch) {
        return new Values(batch, batch.partition());
    }
}
