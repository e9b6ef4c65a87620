package io.datainmotion.bolts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.batch.DeadLetters;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.ThresholdedReading;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.generated.Grouping;
import org.apache.storm.generated.NullStruct;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.Test;

/** The stateless sensor bolts: validation (with dead letters) and threshold mapping. */
class SensorBoltsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordingCollector recorder = new RecordingCollector();

    @Test
    void theValidReadingsOfABatchGoOnAnchoredWithTheirSources() {
        SensorValidationBolt bolt = validation();
        Tuple input = Tuples.recordBatch("sensor-readings", 2, 40,
                bytes("{\"sensorId\":\"sensor-17\",\"timestamp\":1764000000000,\"temperature\":80.6,\"unit\":\"F\"}"),
                bytes("{\"sensorId\":\"sensor-3\",\"timestamp\":1764000000000,\"temperature\":20.5}"));

        bolt.execute(input);

        List<RecordingCollector.Emitted> out = recorder.on(Utils.DEFAULT_STREAM_ID);
        assertEquals(1, out.size(), "one batch");
        assertEquals(List.of(input), out.get(0).anchors());
        assertEquals(2, out.get(0).values().get(1), "with its source partition");
        RecordBatch<?> readings = (RecordBatch<?>) out.get(0).values().get(0);
        assertEquals(Tuples.range("sensor-readings", 2, 40, 42), readings.range());
        assertEquals(2, readings.size());
        assertEquals(27.0, ((SensorReading) readings.item(0)).temperatureCelsius(), 1e-9);
        assertEquals(new SourceRecord("sensor-readings", 2, 40), readings.source(0));
        assertEquals("sensor-3", ((SensorReading) readings.item(1)).sensorId());
        assertEquals(new SourceRecord("sensor-readings", 2, 41), readings.source(1));
        assertEquals(List.of(input), recorder.acked);
        assertTrue(recorder.on(DeadLetters.STREAM).isEmpty());
    }

    @Test
    void everyInvalidRecordIsDeadLetteredWithItsReasonAndAcked() throws Exception {
        SensorValidationBolt bolt = validation();
        Object[][] cases = {
            {null, "null-value"},
            {bytes("{\"sensorId\":\"s\",\"timestamp\":1}"), "missing-field"},
            {bytes("{\"sensorId\":\"s\",\"timestamp\":1,\"temperature\":\"NaN\"}"), "not-finite"},
            {bytes("{\"sensorId\":\"s\",\"timestamp\":1,\"temperature\":-300}"), "impossible-temperature"},
            {new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, "invalid-utf8"},
            {bytes("x".repeat(300)), "too-large"},
        };
        byte[][] values = new byte[cases.length][];
        for (int i = 0; i < cases.length; i++) {
            values[i] = (byte[]) cases[i][0];
        }
        bolt.execute(Tuples.recordBatch("sensor-readings", 0, 0, values));

        assertEquals(1, recorder.on(DeadLetters.STREAM).size(), "the letters of a batch go out together");
        List<RecordingCollector.Message> letters = recorder.messages(DeadLetters.STREAM);
        assertEquals(cases.length, letters.size());
        for (int i = 0; i < cases.length; i++) {
            JsonNode letter = JSON.readTree(letters.get(i).message());
            assertEquals(cases[i][1], letter.get("reason").asText());
            assertEquals("validate", letter.get("component").asText());
            assertEquals(i, letter.get("source").get("offset").asLong());
            assertEquals("sensor-readings-0-" + i, letters.get(i).key());
        }
        assertEquals(1, recorder.acked.size());
        assertTrue(recorder.failed.isEmpty());
        List<RecordingCollector.Emitted> out = recorder.on(Utils.DEFAULT_STREAM_ID);
        assertEquals(1, out.size(), "an empty batch goes on: the window tasks track every range");
        RecordBatch<?> none = (RecordBatch<?>) out.get(0).values().get(0);
        assertEquals(0, none.size());
        assertEquals(Tuples.range("sensor-readings", 0, 0, cases.length), none.range());
    }

    @Test
    void thresholdMapsStrictlyAboveToOne() {
        ThresholdBolt bolt = new ThresholdBolt().withThreshold(25.0);
        Contexts.Context context = Contexts.forComponent("threshold");
        when(context.context().getThisTargets()).thenReturn(Map.of(Utils.DEFAULT_STREAM_ID, Map.of("window", Grouping.direct(new NullStruct()))));
        when(context.context().getComponentTasks("window")).thenReturn(List.of(7));
        bolt.prepare(Map.of(), context.context(), recorder.collector());
        List<SensorReading> readings = List.of(new SensorReading("s", 1, 25.0), new SensorReading("s", 2, 25.01),
                new SensorReading("s", 3, 12.0));
        Tuple input = Tuples.tuple("validate", "default", List.of("batch", "partition"),
                List.of(RecordBatch.<SensorReading>builder(Tuples.range("t", 0, 1, 4), 3).add(readings.get(0), 1).add(readings.get(1), 2)
                        .add(readings.get(2), 3).build(), 0));
        bolt.execute(input);

        List<RecordingCollector.Emitted> out = recorder.on(Utils.DEFAULT_STREAM_ID);
        assertEquals(1, out.size());
        assertEquals(7, out.get(0).task());
        RecordBatch<?> mapped = (RecordBatch<?>) out.get(0).values().get(0);
        List<Double> indicators = new java.util.ArrayList<>();
        for (int i = 0; i < mapped.size(); i++) {
            indicators.add(((ThresholdedReading) mapped.item(i)).aboveThreshold());
            assertEquals(readings.get(i), ((ThresholdedReading) mapped.item(i)).reading());
            assertEquals(i + 1, mapped.offset(i));
        }
        assertEquals(List.of(0.0, 1.0, 0.0), indicators);
        assertEquals(List.of(input), recorder.acked);
    }

    private SensorValidationBolt validation() {
        SensorValidationBolt bolt = new SensorValidationBolt(256);
        bolt.prepare(Map.of(), Contexts.forComponent("validate").context(), recorder.collector());
        return bolt;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
