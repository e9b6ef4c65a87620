package io.datainmotion.bolts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.batch.DeadLetters;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.ThresholdedReading;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.storm.Config;
import org.apache.storm.state.InMemoryKeyValueState;
import org.apache.storm.state.KeyValueState;
import org.apache.storm.tuple.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window bolt on Storm's in-memory state: outputs per stream, acks, gauges, and a rollback. */
class SensorWindowBoltTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordingCollector recorder = new RecordingCollector();
    private final Contexts.Context context = Contexts.forComponent("window");
    private final KeyValueState<String, Object> state = new InMemoryKeyValueState<>();
    // 10 s windows, 2 s lateness, alert at half the readings above 25 °C
    private final SensorWindowBolt bolt = new SensorWindowBolt().withWindowSeconds(10).withAllowedLatenessSeconds(2).withThreshold(25.0).withAlertFraction(0.5);
    private long offset;

    @BeforeEach
    void prepare() {
        bolt.prepare(Map.of(), context.context(), recorder.collector());
        bolt.initState(state);
    }

    @Test
    void emitsTheClosedWindowWithItsAlertAtTheNextCheckpointAnchoredToTheClosingReading() throws Exception {
        execute("a", 1_000, 24.0);
        execute("a", 4_000, 26.0);
        execute("a", 9_000, 27.0);
        execute("a", 4_000, 26.0); // duplicate: no output, still acked
        assertTrue(recorder.emitted.isEmpty());
        assertEquals(3L, context.gauge(SensorWindowBolt.DEDUP_ENTRIES_GAUGE));
        Tuple closing = execute("a", 12_000, 20.0);
        assertTrue(recorder.emitted.isEmpty(), "closed windows wait for the checkpoint");
        bolt.prePrepare(1);

        RecordingCollector.Emitted window = recorder.on(SensorWindowBolt.AVERAGES).get(0);
        assertEquals(List.of(closing), window.anchors());
        MessageBatch windows = (MessageBatch) window.values().get(0);
        assertEquals(List.of("a@0"), windows.keys());
        assertEquals(JSON.readTree("{\"sensorId\":\"a\",\"windowStart\":0,\"windowEnd\":10000,\"count\":3,"
                + "\"meanTemperature\":25.666666666666668,\"minTemperature\":24.0,\"maxTemperature\":27.0,"
                + "\"fractionAboveThreshold\":0.6666666666666666}"), JSON.readTree(windows.messages().get(0)));
        RecordingCollector.Emitted alert = recorder.on(SensorWindowBolt.ALERTS).get(0);
        MessageBatch alerts = (MessageBatch) alert.values().get(0);
        assertEquals(List.of("a@0"), alerts.keys());
        assertEquals(0.5, JSON.readTree(alerts.messages().get(0)).get("alertLevel").asDouble());
        bolt.prePrepare(2);
        assertEquals(1, recorder.on(SensorWindowBolt.AVERAGES).size(), "each window is emitted once");
        assertEquals(5, recorder.acked.size());
        assertEquals(1, context.count("readings.duplicate"));
        assertEquals(1L, context.gauge(SensorWindowBolt.OPEN_WINDOWS_GAUGE));
        assertEquals(1L, context.gauge(SensorWindowBolt.DEDUP_ENTRIES_GAUGE));
    }

    @Test
    void aBatchOfReadingsIsCountedReadingByReadingAndAckedOnce() {
        RecordBatch<ThresholdedReading> batch = RecordBatch.<ThresholdedReading>builder(Tuples.range("sensor-readings", 0, 0, 4), 4)
                .add(new ThresholdedReading(new SensorReading("a", 1_000, 26.0), 1.0), 0)
                .add(new ThresholdedReading(new SensorReading("b", 1_000, 20.0), 0.0), 1)
                .add(new ThresholdedReading(new SensorReading("a", 1_000, 26.0), 1.0), 2)
                .add(new ThresholdedReading(new SensorReading("a", 13_000, 20.0), 0.0), 3)
                .build();
        Tuple input = Tuples.tuple("threshold", "default", List.of("batch", "partition"), List.of(batch, 0));
        bolt.execute(input);
        bolt.prePrepare(1);

        assertEquals(List.of(input), recorder.acked);
        assertEquals(3, context.count("readings.accepted"));
        assertEquals(1, context.count("readings.duplicate"));
        RecordingCollector.Emitted window = recorder.on(SensorWindowBolt.AVERAGES).get(0);
        assertEquals(List.of(input), window.anchors());
        assertEquals(List.of("a@0"), ((MessageBatch) window.values().get(0)).keys());
    }

    @Test
    void noAlertBelowTheLevel() {
        execute("b", 1_000, 20.0);
        execute("b", 13_000, 30.0);
        bolt.prePrepare(1);

        assertEquals(1, recorder.on(SensorWindowBolt.AVERAGES).size());
        assertTrue(recorder.on(SensorWindowBolt.ALERTS).isEmpty());
    }

    @Test
    void theWindowsOfManySensorsClosedBetweenCheckpointsGoOutAsOneBatch() {
        Tuple first = execute("a", 1_000, 20.0);
        execute("b", 1_000, 20.0);
        Tuple closesA = execute("a", 13_000, 20.0);
        Tuple closesB = execute("b", 13_000, 20.0);
        bolt.prePrepare(1);

        List<RecordingCollector.Emitted> out = recorder.on(SensorWindowBolt.AVERAGES);
        assertEquals(1, out.size());
        assertEquals(List.of("a@0", "b@0"), ((MessageBatch) out.get(0).values().get(0)).keys());
        assertEquals(List.of(closesA, closesB), out.get(0).anchors());
        assertTrue(!out.get(0).anchors().contains(first));
        assertEquals(2, context.count("windows.emitted"));
    }

    @Test
    void windowsClosedSinceTheLastCheckpointAreDroppedOnARollbackAndEmittedWhenTheReplayClosesThem() {
        execute("a", 1_000, 20.0, 0);
        checkpoint(1);
        execute("a", 13_000, 20.0, 1);
        rollBack();
        execute("a", 13_000, 20.0, 1);
        bolt.prePrepare(2);

        List<RecordingCollector.Emitted> out = recorder.on(SensorWindowBolt.AVERAGES);
        assertEquals(1, out.size(), "emitted once, after the replay");
        assertEquals(List.of("a@0"), ((MessageBatch) out.get(0).values().get(0)).keys());
    }

    @Test
    void aLateReadingIsADeadLetterWithItsSourceEmittedAtTheNextCheckpointAndIsCounted() throws Exception {
        execute("a", 1_000, 20.0);
        execute("a", 13_000, 21.0);
        Tuple late = execute("a", 5_000, 22.0);
        assertTrue(recorder.on(DeadLetters.STREAM).isEmpty(), "dead letters wait for the checkpoint, as windows do");
        bolt.prePrepare(1);

        assertEquals(1, recorder.on(DeadLetters.STREAM).size());
        RecordingCollector.Message letter = recorder.messages(DeadLetters.STREAM).get(0);
        assertEquals(List.of(late), letter.anchors());
        JsonNode json = JSON.readTree(letter.message());
        assertEquals("late", json.get("reason").asText());
        assertEquals(2, json.get("source").get("offset").asLong());
        assertEquals("{\"sensorId\":\"a\",\"timestamp\":5000,\"temperature\":22.0}", json.get("payload").asText(),
                "the reading as read");
        assertEquals(1, context.count("readings.late"));
        assertEquals(3, recorder.acked.size());
    }

    @Test
    void lateLettersOfReadingsRolledBackAreDroppedAndWrittenWhenTheReplayAppliesThemAgain() throws Exception {
        execute("a", 1_000, 20.0, 0);
        execute("a", 13_000, 21.0, 1);
        checkpoint(1);
        execute("a", 5_000, 22.0, 2);
        rollBack();
        bolt.prePrepare(2);
        assertTrue(recorder.on(DeadLetters.STREAM).isEmpty(), "the rolled-back letter is not sent");

        Tuple replay = execute("a", 5_000, 22.0, 2);
        bolt.prePrepare(3);

        assertEquals(1, recorder.on(DeadLetters.STREAM).size());
        RecordingCollector.Message letter = recorder.messages(DeadLetters.STREAM).get(0);
        assertEquals(List.of(replay), letter.anchors());
        assertEquals(2, JSON.readTree(letter.message()).get("source").get("offset").asLong());
    }

    @Test
    void afterARollbackTheStateAndGaugesAreThoseOfTheLastCommit() throws Exception {
        execute("a", 1_000, 20.0, 0);
        execute("b", 1_000, 20.0, 1);
        checkpoint(1);
        execute("a", 2_000, 30.0, 2);
        execute("c", 2_000, 30.0, 3);
        assertEquals(3L, context.gauge(SensorWindowBolt.SENSORS_GAUGE));

        rollBack();
        execute("a", 15_000, 30.0, 4); // still in flight from before the rollback: held

        assertEquals(2L, context.gauge(SensorWindowBolt.SENSORS_GAUGE), "a and b; c is gone");
        assertEquals(2L, context.gauge(SensorWindowBolt.OPEN_WINDOWS_GAUGE));
        assertEquals(2L, context.gauge(SensorWindowBolt.DEDUP_ENTRIES_GAUGE), "a's reading at 2,000 is rolled back");
        execute("a", 2_000, 30.0, 2);  // the replays
        execute("c", 2_000, 30.0, 3);
        execute("a", 15_000, 30.0, 4); // its own replay, after the held one was applied
        bolt.prePrepare(2);
        JsonNode window = JSON.readTree(onlyWindow());
        assertEquals(2, window.get("count").asLong());
        assertEquals(25.0, window.get("meanTemperature").asDouble());
    }

    @Test
    void afterARollbackReadingsStillInFlightCannotOvertakeTheReplayedOnes() throws Exception {
        execute("a", 1_000, 20.0, 0);
        execute("a", 2_000, 20.0, 1);
        checkpoint(1);
        execute("a", 3_000, 30.0, 2);
        execute("a", 4_000, 30.0, 3);
        rollBack(); // Storm fails offsets 2 and 3; the spout replays them

        Tuple inFlight = execute("a", 13_000, 20.0, 4); // emitted before the failure, arrives first
        assertEquals(List.of(), recorder.failed);
        assertTrue(!recorder.acked.contains(inFlight), "held, not acked");
        assertEquals(1, context.gauge(SensorWindowBolt.HELD_GAUGE));
        execute("a", 3_000, 30.0, 2);
        execute("a", 4_000, 30.0, 3);   // the held reading follows it
        assertTrue(recorder.acked.contains(inFlight));
        execute("a", 13_000, 20.0, 4); // its own replay
        bolt.prePrepare(2);

        JsonNode window = JSON.readTree(onlyWindow());
        assertEquals(4, window.get("count").asLong());
        assertEquals(25.0, window.get("meanTemperature").asDouble());
        assertEquals(1, context.count("batches.held"));
        assertEquals(1, context.count("readings.replayed"));
        assertEquals(0, context.gauge(SensorWindowBolt.HELD_GAUGE));
    }

    @Test
    void replayedReadingsOfAWindowAlreadyEmittedAreSkippedNotLate() {
        execute("a", 1_000, 20.0, 0);
        execute("a", 2_000, 22.0, 1);
        execute("a", 13_000, 20.0, 2);
        checkpoint(1);
        assertEquals(1, recorder.on(SensorWindowBolt.AVERAGES).size());
        // a restarted spout reads again from its committed offset 0, in one batch with other boundaries
        RecordBatch<ThresholdedReading> again = RecordBatch.<ThresholdedReading>builder(Tuples.range("sensor-readings", 0, 0, 4), 4)
                .add(reading("a", 1_000, 20.0), 0).add(reading("a", 2_000, 22.0), 1)
                .add(reading("a", 13_000, 20.0), 2).add(reading("a", 14_000, 20.0), 3).build();
        Tuple replay = Tuples.tuple("threshold", "default", List.of("batch", "partition"), List.of(again, 0));
        bolt.execute(replay);

        assertTrue(recorder.on(DeadLetters.STREAM).isEmpty(), "nothing is late");
        assertEquals(0, context.count("readings.late"));
        assertEquals(3, context.count("readings.replayed"));
        assertEquals(4, context.count("readings.accepted"), "only the reading at offset 3 is new");
        assertTrue(recorder.acked.contains(replay));
    }

    @Test
    void withNoPositionYetABatchWaitsForTheOneAtTheCommittedPosition() throws Exception {
        RecordBatch<ThresholdedReading> second = RecordBatch.<ThresholdedReading>builder(
                new SourceRange("sensor-readings", 0, 1, 2, false), 1).add(reading("a", 13_000, 20.0), 1).build();
        Tuple early = Tuples.tuple("threshold", "default", List.of("batch", "partition"), List.of(second, 0));
        bolt.execute(early);
        assertEquals(1, context.gauge(SensorWindowBolt.HELD_GAUGE));

        execute("a", 1_000, 20.0, 0);
        bolt.prePrepare(1);

        assertEquals(2, recorder.acked.size());
        assertEquals(1, JSON.readTree(onlyWindow()).get("count").asLong());
    }

    @Test
    void aBatchHeldLongerThanTheMessageTimeoutIsFailedForItsSourceToReplay() {
        SensorWindowBolt impatient = new SensorWindowBolt().withWindowSeconds(10).withAllowedLatenessSeconds(2).withThreshold(25.0).withAlertFraction(0.5);
        impatient.prepare(Map.of(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS, 0), Contexts.forComponent("window").context(),
                recorder.collector());
        impatient.initState(new InMemoryKeyValueState<>());
        RecordBatch<ThresholdedReading> beyond = RecordBatch.<ThresholdedReading>builder(
                new SourceRange("sensor-readings", 0, 5, 6, false), 1).add(reading("a", 1_000, 20.0), 5).build();
        Tuple held = Tuples.tuple("threshold", "default", List.of("batch", "partition"), List.of(beyond, 0));
        impatient.execute(held);
        assertEquals(List.of(), recorder.failed);

        impatient.prePrepare(1);

        assertEquals(List.of(held), recorder.failed);
    }

    private static ThresholdedReading reading(String sensorId, long timestamp, double celsius) {
        return new ThresholdedReading(new SensorReading(sensorId, timestamp, celsius), celsius > 25.0 ? 1.0 : 0.0);
    }

    private String onlyWindow() {
        List<RecordingCollector.Emitted> out = recorder.on(SensorWindowBolt.AVERAGES);
        assertEquals(1, out.size());
        MessageBatch windows = (MessageBatch) out.get(0).values().get(0);
        assertEquals(1, windows.size());
        return windows.messages().get(0);
    }

    /** What Storm's StatefulBoltExecutor does on a checkpoint's prepare and commit. */
    private void checkpoint(long txid) {
        bolt.prePrepare(txid);
        state.prepareCommit(txid);
        bolt.preCommit(txid);
        state.commit(txid);
    }

    /** What Storm does when a checkpoint fails: the bolt and its state go back to the last commit. */
    private void rollBack() {
        bolt.preRollback();
        state.rollback();
    }

    private Tuple execute(String sensorId, long timestamp, double celsius) {
        return execute(sensorId, timestamp, celsius, offset++);
    }

    /** One reading, as a batch of one from the threshold bolt: derived from the bytes read at its source. */
    private Tuple execute(String sensorId, long timestamp, double celsius, long sourceOffset) {
        SourceRange range = new SourceRange("sensor-readings", 0, sourceOffset, sourceOffset + 1, sourceOffset == 0);
        byte[] read = String.format(Locale.ROOT, "{\"sensorId\":\"%s\",\"timestamp\":%d,\"temperature\":%s}",
                sensorId, timestamp, celsius).getBytes(StandardCharsets.UTF_8);
        RecordBatch<byte[]> asRead = RecordBatch.<byte[]>builder(range, 1).add(read, sourceOffset).build();
        RecordBatch<ThresholdedReading> batch = RecordBatch.<ThresholdedReading>derivedFrom(asRead, 1)
                .addDerived(reading(sensorId, timestamp, celsius), asRead, 0).build();
        Tuple tuple = Tuples.tuple("threshold", "default", List.of("batch", "partition"), List.of(batch, 0));
        bolt.execute(tuple);
        return tuple;
    }
}
