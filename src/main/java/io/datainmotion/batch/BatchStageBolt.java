package io.datainmotion.batch;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import com.codahale.metrics.Counter;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.Rejection;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;

/**
 * A bolt that applies a {@link RecordStage} to every record of a batch: what the pipeline steps share.
 * The records that pass go on as one batch with the input's source range (also when empty, so that a
 * stateful stage downstream sees every range of a partition, {@link SourceOrder}), in the fields
 * {@link BatchFields}; each rejected record becomes a dead letter with its reason,
 * its source and its payload ({@link #payloadOf}). Every emit is anchored to the input, which is acked
 * once, after them: a rejected record is done, never failed (it would be replayed forever).
 *
 * <p>{@link #routedBy} makes the output go on as a fields grouping on a key would send it, split per
 * receiving task with direct emits ({@link KeyedBatchRouter}).
 *
 * <p>Metrics: {@code records.in}, {@code records.out}, {@code records.deadlettered}.
 *
 * @param <I> the records of the input batches
 * @param <O> the records of the output batches
 */
public abstract class BatchStageBolt<I, O> extends BaseRichBolt {

    private final Class<I> inputType;
    private KeyFunction<O> routingKey;

    private transient RecordStage<I, O> stage;
    private transient OutputCollector collector;
    private transient DeadLetters deadLetters;
    private transient KeyedBatchRouter router;
    private transient Counter in;
    private transient Counter out;
    private transient Counter deadLettered;
    private transient TaskLog.Tally deadLetterLog;
    private transient Rejection lastRejection;

    /** The key of an output record that routes it; serializable, as a bolt's fields must be. */
    public interface KeyFunction<O> extends Function<O, String>, java.io.Serializable {
    }

    protected BatchStageBolt(Class<I> inputType) {
        this.inputType = inputType;
    }

    /** The step this bolt applies, created in the worker (so it may hold what cannot be serialized). */
    protected abstract RecordStage<I, O> createStage(Map<String, Object> topoConf);

    /**
     * What a dead letter carries of a rejected record: the record itself when it is the original bytes
     * (the first stage), else its text; override where a record knows its original text better.
     */
    protected byte[] payloadOf(I record) {
        return record instanceof byte[] bytes ? bytes : String.valueOf(record).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends each output record to the task a fields grouping on {@code key} would pick. */
    protected final void routedBy(KeyFunction<O> key) {
        this.routingKey = key;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.stage = createStage(topoConf);
        this.collector = collector;
        this.deadLetters = new DeadLetters(context.getThisComponentId());
        this.router = routingKey == null ? null : KeyedBatchRouter.forStream(context, Utils.DEFAULT_STREAM_ID);
        this.in = context.registerCounter("records.in");
        this.out = context.registerCounter("records.out");
        this.deadLettered = context.registerCounter("records.deadlettered");
        TaskLog log = TaskLog.of(getClass(), topoConf, context);
        this.deadLetterLog = log.tally("records dead-lettered");
        log.info("applies {} to each record{}", getClass().getSimpleName(),
                router == null ? "" : ", routed by key to the tasks of its receivers");
    }

    @Override
    public void execute(Tuple input) {
        RecordBatch<?> batch = (RecordBatch<?>) input.getValue(0);
        RecordBatch.Builder<O> passed = RecordBatch.derivedFrom(batch, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            I record = inputType.cast(batch.item(i));
            Outcome<O> outcome = stage.apply(record, batch.source(i));
            if (outcome instanceof Outcome.Accepted<O> accepted) {
                passed.add(accepted.value(), batch.offset(i));
            } else if (outcome instanceof Outcome.Rejected<O> rejected) {
                deadLetters.add(batch.source(i), payloadOf(record), rejected.rejection());
                lastRejection = rejected.rejection();
            }
        }
        RecordBatch<O> output = passed.build();
        if (router == null) {
            collector.emit(input, BatchFields.tuple(output));
        } else {
            router.emit(collector, input, output, routingKey);
        }
        int rejectedCount = deadLetters.emit(collector, input);
        if (rejectedCount > 0) {
            deadLettered.inc(rejectedCount);
            deadLetterLog.add(rejectedCount, lastRejection.reason() + " at " + batch.range());
        }
        in.inc(batch.size());
        out.inc(output.size());
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(routingKey != null, BatchFields.FIELDS);
        DeadLetters.declare(declarer);
    }
}
