package io.datainmotion.spouts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.datainmotion.records.RecordBatch;
import io.datainmotion.sensors.Fault;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingSpoutCollector;
import io.datainmotion.testing.RecordingSpoutCollector.Emitted;
import org.junit.jupiter.api.Test;

class SimulatedSensorSpoutTest {

    private final RecordingSpoutCollector recorder = new RecordingSpoutCollector();
    private final List<Emitted> emitted = recorder.emitted;

    private static RecordBatch<?> batch(Emitted emitted) {
        return (RecordBatch<?>) emitted.values().get(0);
    }

    @Test
    void emitsBatchesShapedLikeTheKafkaSpoutsUpToTheCountAndReplaysAFailedOneFirst() {
        SimulatedSensorSpout spout = new SimulatedSensorSpout().withSeed(5).withSensors(3).withCount(6).withReadingsPerSecond(100_000).withFaults("").withFaultRate(0.0).withDisorderMillis(0).withLateDelayMillis(0);
        spout.open(Map.of(), Contexts.forComponent("readings").context(), recorder.collector());

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            spout.nextTuple();
            return emitted.stream().mapToInt(e -> batch(e).size()).sum() == 6;
        });
        long expectedOffset = 0;
        for (Emitted e : emitted) {
            RecordBatch<?> batch = batch(e);
            assertEquals(List.of(SimulatedSensorSpout.TOPIC, 0), List.of(batch.topic(), e.values().get(1)));
            assertEquals(batch.range().start(), e.messageId(), "a batch's id is its first sequence number");
            for (int i = 0; i < batch.size(); i++, expectedOffset++) {
                assertEquals(expectedOffset, batch.offset(i));
                String value = new String((byte[]) batch.item(i), StandardCharsets.UTF_8);
                assertTrue(value.contains("\"sensor-" + (expectedOffset % 3) + "\""), value);
            }
        }
        int batches = emitted.size();
        spout.nextTuple();
        assertEquals(batches, emitted.size(), "the count bounds the stream");

        Emitted last = emitted.get(batches - 1);
        spout.fail(last.messageId());
        spout.nextTuple();

        assertEquals(batches + 1, emitted.size());
        assertEquals(last.messageId(), emitted.get(batches).messageId());
        assertTrue(batch(last) == batch(emitted.get(batches)), "the same records again");
    }

    @Test
    void badSettingsAreRefusedWhenTheTopologyIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new SimulatedSensorSpout().withSeed(1).withSensors(3).withCount(0).withReadingsPerSecond(10).withFaults("gremlins").withFaultRate(0.1).withDisorderMillis(0).withLateDelayMillis(0));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedSensorSpout().withSeed(1).withSensors(0).withCount(0).withReadingsPerSecond(10).withFaults("").withFaultRate(0.1).withDisorderMillis(0).withLateDelayMillis(0));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedSensorSpout().withSeed(1).withSensors(3).withCount(0).withReadingsPerSecond(0).withFaults("").withFaultRate(0.1).withDisorderMillis(0).withLateDelayMillis(0));
        assertEquals(java.util.EnumSet.of(Fault.NAN, Fault.LATE), SimulatedSensorSpout.parseFaults("nan, late"));
    }
}
