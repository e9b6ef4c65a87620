package io.datainmotion.spouts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.datainmotion.sensors.Fault;
import io.datainmotion.testing.Contexts;
import org.apache.storm.spout.ISpoutOutputCollector;
import org.apache.storm.spout.SpoutOutputCollector;
import org.junit.jupiter.api.Test;

class SimulatedSensorSpoutTest {

    private record Emitted(List<Object> values, Object messageId) {}

    private final List<Emitted> emitted = new ArrayList<>();
    private final SpoutOutputCollector collector = new SpoutOutputCollector(new ISpoutOutputCollector() {
        @Override
        public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
            emitted.add(new Emitted(tuple, messageId));
            return List.of();
        }

        @Override
        public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getPendingCount() {
            return 0;
        }

        @Override
        public void flush() {
        }

        @Override
        public void reportError(Throwable error) {
            throw new AssertionError(error);
        }
    });

    @Test
    void emitsKafkaShapedTuplesUpToTheCountAndReplaysAFailedOneFirst() {
        SimulatedSensorSpout spout = new SimulatedSensorSpout(5, 3, 6, 100_000, "", 0.0, 0, 0);
        spout.open(Map.of(), Contexts.forComponent("readings").context(), collector);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            spout.nextTuple();
            return emitted.size() == 6;
        });
        for (int i = 0; i < 6; i++) {
            List<Object> values = emitted.get(i).values();
            assertEquals(List.of(SimulatedSensorSpout.TOPIC, 0, (long) i, "sensor-" + (i % 3)), values.subList(0, 4));
            assertEquals((long) i, emitted.get(i).messageId());
        }
        spout.nextTuple();
        assertEquals(6, emitted.size(), "the count bounds the stream");

        spout.ack(0L);
        spout.fail(4L);
        spout.nextTuple();

        assertEquals(7, emitted.size());
        assertEquals(4L, emitted.get(6).messageId());
        assertEquals(new String((byte[]) emitted.get(4).values().get(4), StandardCharsets.UTF_8),
                new String((byte[]) emitted.get(6).values().get(4), StandardCharsets.UTF_8));
    }

    @Test
    void badSettingsAreRefusedWhenTheTopologyIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new SimulatedSensorSpout(1, 3, 0, 10, "gremlins", 0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedSensorSpout(1, 0, 0, 10, "", 0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedSensorSpout(1, 3, 0, 0, "", 0.1, 0, 0));
        assertEquals(java.util.EnumSet.of(Fault.NAN, Fault.LATE), SimulatedSensorSpout.parseFaults("nan, late"));
    }
}
