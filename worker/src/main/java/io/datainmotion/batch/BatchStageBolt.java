package io.datainmotion.batch;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Timer;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.Outcome;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.Rejection;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.apache.storm.utils.Utils;

/**
 * A bolt that applies a {@link RecordStage} to every record of a batch: what the pipeline steps share.
 * The records that pass go on as one batch with the input's source range (also when empty, so that a
 * stateful stage downstream sees every range of a partition, {@link SourceOrder}), in the fields
 * {@link BatchFields}; each rejected record becomes a dead letter with its reason,
 * its source and the record's original bytes ({@link RecordBatch#original}). Every emit is anchored to the input (but the copy
 * {@link #alsoUnanchoredOn} sends), which is acked once, after them: a rejected record is done, never
 * failed (it would be replayed forever).
 *
 * <p>{@link #routedBy} makes the output go on as a fields grouping on a key would send it, split per
 * receiving task with direct emits ({@link KeyedBatchRouter}). {@link #writtenAs} makes it go on as the
 * {@link MessageBatch} a {@link KafkaBatchBolt} writes, for a last stage before a Kafka sink; and
 * {@link #alsoUnanchoredOn} sends the typed batch, unanchored, to derived views as well.
 *
 * <p>Metrics: {@code records.in}, {@code records.out} (or the name given to {@link #countsOutputAs}),
 * {@code records.deadlettered}, and a timer of each input's handling if {@link #timesBatchesAs} names one.
 *
 * @param <I> the records of the input batches
 * @param <O> the records of the output batches
 */
public abstract class BatchStageBolt<I, O> extends BaseRichBolt {

    private final Class<I> inputType;
    private KeyFunction<O> routingKey;
    private KeyFunction<O> messageKey;
    private MessageFunction<O> message;
    private String unanchoredStream;
    private String outputCounter = "records.out";
    private String batchTimer;

    private transient RecordStage<I, O> stage;
    private transient OutputCollector collector;
    private transient DeadLetters deadLetters;
    private transient KeyedBatchRouter router;
    private transient Counter in;
    private transient Counter out;
    private transient Counter deadLettered;
    private transient Timer batchLatency;
    private transient TaskLog.Tally deadLetterLog;
    private transient Rejection lastRejection;

    /** The key of an output record that routes it; serializable, as a bolt's fields must be. */
    public interface KeyFunction<O> extends Function<O, String>, java.io.Serializable {
    }

    /** The message an output record is written as (e.g. its JSON); serializable, as a bolt's fields must be. */
    public interface MessageFunction<O> extends Function<O, String>, java.io.Serializable {
    }

    protected BatchStageBolt(Class<I> inputType) {
        this.inputType = inputType;
    }

    /** The step this bolt applies, created in the worker (so it may hold what cannot be serialized). */
    protected abstract RecordStage<I, O> createStage(Map<String, Object> topoConf);

    /** Sends each output record to the task a fields grouping on {@code key} would pick. */
    protected final void routedBy(KeyFunction<O> key) {
        requireOneOutputForm(message == null);
        this.routingKey = key;
    }

    /**
     * Sends the output as one {@link MessageBatch} (field {@value KafkaBatchBolt#MESSAGES}) for a
     * {@link KafkaBatchBolt}: each record as {@code message}, keyed by {@code key}. An output without
     * records is not sent: a sink has nothing to write of it and keeps no order.
     */
    protected final void writtenAs(KeyFunction<O> key, MessageFunction<O> message) {
        requireOneOutputForm(routingKey == null);
        this.messageKey = key;
        this.message = message;
    }

    /**
     * Also sends each output with records, as a batch in the fields {@link BatchFields}, on
     * {@code stream}, unanchored: for derived, best-effort views that ack on arrival, whose acks would
     * only add an acker round trip per batch to the input's tuple tree without making anything safer.
     */
    protected final void alsoUnanchoredOn(String stream) {
        this.unanchoredStream = stream;
    }

    /** Names the counter of output records where dashboards or docs know it by another name than {@code records.out}. */
    protected final void countsOutputAs(String counterName) {
        this.outputCounter = counterName;
    }

    /** Times the handling of each input (emits and ack included) in a timer of this name. */
    protected final void timesBatchesAs(String timerName) {
        this.batchTimer = timerName;
    }

    private static void requireOneOutputForm(boolean free) {
        if (!free) {
            throw new IllegalStateException("a stage's output is either routed by key or written as messages, not both");
        }
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.stage = createStage(topoConf);
        this.collector = collector;
        this.deadLetters = new DeadLetters(context.getThisComponentId());
        this.router = routingKey == null ? null : KeyedBatchRouter.forStream(context, Utils.DEFAULT_STREAM_ID);
        this.in = context.registerCounter("records.in");
        this.out = context.registerCounter(outputCounter);
        this.deadLettered = context.registerCounter("records.deadlettered");
        this.batchLatency = batchTimer == null ? null : context.registerTimer(batchTimer);
        TaskLog log = TaskLog.of(getClass(), topoConf, context);
        this.deadLetterLog = log.tally("records dead-lettered");
        log.info("applies {} to each record{}", getClass().getSimpleName(),
                router == null ? "" : ", routed by key to the tasks of its receivers");
    }

    @Override
    public void execute(Tuple input) {
        long started = System.nanoTime();
        RecordBatch<?> batch = (RecordBatch<?>) input.getValue(0);
        RecordBatch.Builder<O> passed = RecordBatch.derivedFrom(batch, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            I record = inputType.cast(batch.item(i));
            Outcome<O> outcome = stage.apply(record, batch.source(i));
            if (outcome instanceof Outcome.Accepted<O> accepted) {
                passed.addDerived(accepted.value(), batch, i);
            } else if (outcome instanceof Outcome.Rejected<O> rejected) {
                deadLetters.add(batch.source(i), batch.original(i), rejected.rejection());
                lastRejection = rejected.rejection();
            }
        }
        RecordBatch<O> output = passed.build();
        if (message != null) {
            if (!output.isEmpty()) {
                collector.emit(input, new Values(messagesOf(output)));
            }
        } else if (router == null) {
            collector.emit(input, BatchFields.tuple(output));
        } else {
            router.emit(collector, input, output, routingKey);
        }
        if (unanchoredStream != null && !output.isEmpty()) {
            collector.emit(unanchoredStream, BatchFields.tuple(output));
        }
        int rejectedCount = deadLetters.emit(collector, input);
        if (rejectedCount > 0) {
            deadLettered.inc(rejectedCount);
            deadLetterLog.add(rejectedCount, lastRejection.reason() + " at " + batch.range());
        }
        in.inc(batch.size());
        out.inc(output.size());
        collector.ack(input);
        if (batchLatency != null) {
            batchLatency.update(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private MessageBatch messagesOf(RecordBatch<O> output) {
        MessageBatch.Builder messages = new MessageBatch.Builder();
        for (int i = 0; i < output.size(); i++) {
            O record = output.item(i);
            messages.add(messageKey.apply(record), message.apply(record));
        }
        return messages.build();
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        if (message != null) {
            declarer.declare(new Fields(KafkaBatchBolt.MESSAGES));
        } else {
            declarer.declare(routingKey != null, BatchFields.FIELDS);
        }
        if (unanchoredStream != null) {
            declarer.declareStream(unanchoredStream, BatchFields.FIELDS);
        }
        DeadLetters.declare(declarer);
    }
}
