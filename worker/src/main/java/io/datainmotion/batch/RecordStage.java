package io.datainmotion.batch;

import io.datainmotion.records.Outcome;
import io.datainmotion.records.SourceRecord;

/**
 * One step of a pipeline as a plain function of one record: the value it makes, or why it cannot.
 * {@link BatchStageBolt} applies it to every record of a batch.
 */
@FunctionalInterface
public interface RecordStage<I, O> {

    /** @param source where the record was read, e.g. to derive a stable id for a record that has none */
    Outcome<O> apply(I record, SourceRecord source);
}
