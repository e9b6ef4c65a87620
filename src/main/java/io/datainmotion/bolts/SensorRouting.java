package io.datainmotion.bolts;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.datainmotion.records.RecordBatch;
import org.apache.storm.generated.Grouping;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.apache.storm.utils.TupleUtils;

/**
 * Emits a batch of readings behind a fields grouping on the sensor id as one tuple per receiving task
 * instead of one per reading: it splits the batch by the task that Storm's fields grouping picks for
 * each reading's sensor id (the same hash, {@link TupleUtils#chooseTaskIndex}, over the receiving
 * component's task count) and keys each part with the sensor id of its first reading, which the
 * grouping routes to that same task. So every reading of a sensor still reaches one task, in order.
 *
 * <p>Every fields-grouped receiver of the stream must have the same number of tasks; other groupings
 * of the stream are left alone (each part is a valid tuple for them too).
 */
final class SensorRouting {

    private final int tasks;

    private SensorRouting(int tasks) {
        this.tasks = tasks;
    }

    /** The routing for what this bolt emits on {@code streamId}. */
    static SensorRouting forStream(TopologyContext context, String streamId) {
        Map<String, Map<String, Grouping>> targets = context.getThisTargets();
        Map<String, Grouping> receivers = targets == null ? null : targets.get(streamId);
        Set<Integer> taskCounts = new HashSet<>();
        if (receivers != null) {
            receivers.forEach((component, grouping) -> {
                if (grouping.is_set_fields()) {
                    taskCounts.add(context.getComponentTasks(component).size());
                }
            });
        }
        if (taskCounts.size() > 1) {
            throw new IllegalStateException("the fields-grouped receivers of " + context.getThisComponentId() + "'s "
                    + streamId + " stream have different task counts " + taskCounts + "; give them the same parallelism");
        }
        return new SensorRouting(taskCounts.isEmpty() ? 1 : taskCounts.iterator().next());
    }

    static int taskIndex(String sensorId, int tasks) {
        return TupleUtils.chooseTaskIndex(List.of(sensorId), tasks);
    }

    /** Emits the items of {@code batch}, split by receiving task, anchored to {@code anchor}. */
    <T> void emit(OutputCollector collector, Tuple anchor, RecordBatch<T> batch, Function<T, String> sensorIdOf) {
        if (tasks == 1) {
            emitPart(collector, anchor, batch, sensorIdOf);
            return;
        }
        @SuppressWarnings("unchecked")
        RecordBatch.Builder<T>[] parts = new RecordBatch.Builder[tasks];
        for (int i = 0; i < batch.size(); i++) {
            T item = batch.item(i);
            int task = taskIndex(sensorIdOf.apply(item), tasks);
            if (parts[task] == null) {
                parts[task] = RecordBatch.builder(batch.topic(), batch.partition(), batch.size() / tasks + 1);
            }
            parts[task].add(item, batch.offset(i));
        }
        for (RecordBatch.Builder<T> part : parts) {
            if (part != null) {
                emitPart(collector, anchor, part.build(), sensorIdOf);
            }
        }
    }

    private static <T> void emitPart(OutputCollector collector, Tuple anchor, RecordBatch<T> part, Function<T, String> sensorIdOf) {
        if (!part.isEmpty()) {
            collector.emit(anchor, new Values(sensorIdOf.apply(part.item(0)), part));
        }
    }
}
