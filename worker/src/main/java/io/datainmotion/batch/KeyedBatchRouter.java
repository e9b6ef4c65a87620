package io.datainmotion.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.datainmotion.records.RecordBatch;
import org.apache.storm.generated.Grouping;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.TupleUtils;

/**
 * What a fields grouping on a key does, for batches: splits a batch by the task each item's key maps
 * to and sends every receiving task its part with a direct emit, so all items of a key reach one task,
 * in order. Every task gets a part for every batch, an empty one included: it carries the batch's
 * {@link io.datainmotion.records.SourceRange}, so a receiver that needs each source partition in order
 * ({@link SourceOrder}) sees every range. The task of a key is the one Storm's fields grouping would
 * pick ({@link TupleUtils#chooseTaskIndex} over the receiver's tasks in id order).
 *
 * <p>The stream must be declared direct, and each receiving component subscribe to it with a
 * {@code DIRECT} grouping; every such receiver gets its own split.
 */
public final class KeyedBatchRouter {

    private final String streamId;
    private final List<List<Integer>> receivers;

    private KeyedBatchRouter(String streamId, List<List<Integer>> receivers) {
        this.streamId = streamId;
        this.receivers = receivers;
    }

    /** The router for what this component emits on {@code streamId}. */
    public static KeyedBatchRouter forStream(TopologyContext context, String streamId) {
        Map<String, Map<String, Grouping>> targets = context.getThisTargets();
        Map<String, Grouping> subscribers = targets == null ? Map.of() : targets.getOrDefault(streamId, Map.of());
        List<List<Integer>> receivers = new ArrayList<>();
        subscribers.forEach((component, grouping) -> {
            if (!grouping.is_set_direct()) {
                throw new IllegalStateException(component + " subscribes to " + context.getThisComponentId() + "'s "
                        + streamId + " stream with a " + grouping.getSetField().getFieldName()
                        + " grouping; batches split by key need a DIRECT grouping");
            }
            receivers.add(List.copyOf(context.getComponentTasks(component)));
        });
        return new KeyedBatchRouter(streamId, receivers);
    }

    /** Emits {@code batch} split by the key of each item, every part anchored to {@code anchor}. */
    public <T> void emit(OutputCollector collector, Tuple anchor, RecordBatch<T> batch, Function<T, String> keyOf) {
        for (List<Integer> tasks : receivers) {
            List<RecordBatch.Builder<T>> parts = new ArrayList<>(tasks.size());
            for (int i = 0; i < tasks.size(); i++) {
                parts.add(RecordBatch.derivedFrom(batch, batch.size() / tasks.size() + 1));
            }
            for (int i = 0; i < batch.size(); i++) {
                T item = batch.item(i);
                parts.get(taskIndex(keyOf.apply(item), tasks.size())).addDerived(item, batch, i);
            }
            for (int i = 0; i < tasks.size(); i++) {
                collector.emitDirect(tasks.get(i), streamId, anchor, BatchFields.tuple(parts.get(i).build()));
            }
        }
    }

    static int taskIndex(String key, int tasks) {
        return TupleUtils.chooseTaskIndex(List.of(key), tasks);
    }
}
