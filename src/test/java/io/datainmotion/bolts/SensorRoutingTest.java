package io.datainmotion.bolts;

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
import io.datainmotion.sensors.SensorReading;
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

class SensorRoutingTest {

    private static final List<Integer> WINDOW_TASKS = List.of(11, 12, 13);

    private final RecordingCollector recorder = new RecordingCollector();
    private final Contexts.Context context = Contexts.forComponent("threshold");

    private SensorRouting routingToThreeTasks() {
        when(context.context().getThisTargets()).thenReturn(Map.of(Utils.DEFAULT_STREAM_ID,
                Map.of("window", Grouping.fields(List.of(SensorFields.SENSOR_ID)), "audit", Grouping.shuffle(new NullStruct()))));
        when(context.context().getComponentTasks("window")).thenReturn(WINDOW_TASKS);
        return SensorRouting.forStream(context.context(), Utils.DEFAULT_STREAM_ID);
    }

    @Test
    void stormsOwnFieldsGroupingSendsEveryPartToTheTaskThatOwnsAllItsSensors() {
        SensorRouting routing = routingToThreeTasks();
        RecordBatch.Builder<SensorReading> builder = RecordBatch.builder("sensor-readings", 0, 300);
        for (int i = 0; i < 300; i++) {
            builder.add(new SensorReading("sensor-" + (i * 7 % 101), i, 20.0), i);
        }
        Tuple input = Tuples.tuple("validate", "default", List.of("batch"), List.of(builder.build()));
        routing.emit(recorder.collector(), input, builder.build(), SensorReading::sensorId);

        Fields outFields = new Fields(SensorFields.SENSOR_ID, SensorFields.READINGS);
        GrouperFactory.FieldsGrouper grouper = new GrouperFactory.FieldsGrouper(outFields,
                Grouping.fields(List.of(SensorFields.SENSOR_ID)));
        grouper.prepare(null, null, WINDOW_TASKS);
        Set<Integer> tasksUsed = new HashSet<>();
        List<Long> offsets = new ArrayList<>();
        for (RecordingCollector.Emitted part : recorder.on(Utils.DEFAULT_STREAM_ID)) {
            assertEquals(List.of(input), part.anchors());
            int task = grouper.chooseTasks(0, part.values()).get(0);
            assertTrue(tasksUsed.add(task), "one part per task");
            RecordBatch<?> readings = (RecordBatch<?>) part.values().get(1);
            for (int i = 0; i < readings.size(); i++) {
                String sensorId = ((SensorReading) readings.item(i)).sensorId();
                assertEquals(task, grouper.chooseTasks(0, List.of(sensorId, readings)).get(0),
                        sensorId + " travels in the part that the grouping sends to its task");
                if (i > 0) {
                    assertTrue(readings.offset(i) > readings.offset(i - 1), "in source order");
                }
                offsets.add(readings.offset(i));
            }
        }
        assertEquals(300, offsets.size(), "every reading once");
        assertEquals(3, tasksUsed.size());
    }

    @Test
    void receiversWithDifferentTaskCountsAreRefused() {
        when(context.context().getThisTargets()).thenReturn(Map.of(Utils.DEFAULT_STREAM_ID,
                Map.of("window", Grouping.fields(List.of(SensorFields.SENSOR_ID)),
                        "other", Grouping.fields(List.of(SensorFields.SENSOR_ID)))));
        when(context.context().getComponentTasks("window")).thenReturn(WINDOW_TASKS);
        when(context.context().getComponentTasks("other")).thenReturn(List.of(21));
        assertThrows(IllegalStateException.class, () -> SensorRouting.forStream(context.context(), Utils.DEFAULT_STREAM_ID));
    }
}
