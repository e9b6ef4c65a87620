package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.storm.daemon.GrouperFactory;
import org.apache.storm.generated.Grouping;
import org.apache.storm.generated.NullStruct;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.Test;

class KeyedBatchRouterTest {

    private static final List<Integer> TASKS = List.of(11, 12, 13);

    private final RecordingCollector recorder = new RecordingCollector();
    private final Contexts.Context context = Contexts.forComponent("threshold");

    private KeyedBatchRouter routerTo(Map<String, Grouping> receivers) {
        when(context.context().getThisTargets()).thenReturn(Map.of(Utils.DEFAULT_STREAM_ID, receivers));
        when(context.context().getComponentTasks("window")).thenReturn(TASKS);
        return KeyedBatchRouter.forStream(context.context(), Utils.DEFAULT_STREAM_ID);
    }

    @Test
    void everyKeyReachesTheTaskStormsFieldsGroupingPicksInSourceOrder() {
        KeyedBatchRouter router = routerTo(Map.of("window", Grouping.direct(new NullStruct())));
        SourceRange range = Tuples.range("sensor-readings", 0, 100, 400);
        RecordBatch.Builder<String> builder = RecordBatch.builder(range, 300);
        for (int i = 0; i < 300; i++) {
            builder.add("sensor-" + (i * 7 % 101), 100 + i);
        }
        RecordBatch<String> batch = builder.build();
        Tuple input = Tuples.tuple("validate", "default", List.of("batch"), List.of(batch));

        router.emit(recorder.collector(), input, batch, key -> key);

        GrouperFactory.FieldsGrouper fieldsGrouping = new GrouperFactory.FieldsGrouper(new Fields("key"),
                Grouping.fields(List.of("key")));
        fieldsGrouping.prepare(null, null, TASKS);
        Set<Integer> tasksUsed = new HashSet<>();
        List<Long> offsets = new ArrayList<>();
        for (RecordingCollector.Emitted part : recorder.on(Utils.DEFAULT_STREAM_ID)) {
            assertEquals(List.of(input), part.anchors());
            assertTrue(tasksUsed.add(part.task()), "one part per task");
            RecordBatch<?> items = (RecordBatch<?>) part.values().get(0);
            assertEquals(range, items.range(), "every part keeps the source range");
            for (int i = 0; i < items.size(); i++) {
                String key = (String) items.item(i);
                assertEquals(part.task(), fieldsGrouping.chooseTasks(0, List.of(key)).get(0), key);
                if (i > 0) {
                    assertTrue(items.offset(i) > items.offset(i - 1), "in source order");
                }
                offsets.add(items.offset(i));
            }
        }
        assertEquals(300, offsets.size(), "every item once");
        assertEquals(Set.copyOf(TASKS), tasksUsed);
    }

    @Test
    void aTaskWithNoItemOfTheBatchStillGetsItsRange() {
        KeyedBatchRouter router = routerTo(Map.of("window", Grouping.direct(new NullStruct())));
        SourceRange range = Tuples.range("sensor-readings", 3, 7, 8);
        RecordBatch<String> one = RecordBatch.<String>builder(range, 1).add("only", 7).build();

        router.emit(recorder.collector(), Tuples.tuple("validate", "default", List.of("batch"), List.of(one)), one, key -> key);

        List<RecordingCollector.Emitted> parts = recorder.on(Utils.DEFAULT_STREAM_ID);
        assertEquals(3, parts.size());
        assertEquals(1, parts.stream().mapToInt(p -> ((RecordBatch<?>) p.values().get(0)).size()).sum());
        parts.forEach(p -> assertEquals(range, ((RecordBatch<?>) p.values().get(0)).range()));
    }

    @Test
    void aReceiverThatIsNotDirectGroupedIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> routerTo(Map.of("window", Grouping.fields(List.of("key")))));
        assertTrue(refused.getMessage().contains("need a DIRECT grouping"), refused.getMessage());
    }
}
