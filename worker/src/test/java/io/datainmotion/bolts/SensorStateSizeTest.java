package io.datainmotion.bolts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datainmotion.records.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;
import io.datainmotion.sensors.ReadingParser;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.ThresholdedReading;
import io.datainmotion.sensors.SensorSimulator;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.storm.state.InMemoryKeyValueState;
import org.apache.storm.state.KeyValueState;
import org.apache.storm.tuple.TupleImpl;
import org.junit.jupiter.api.Test;

/**
 * State stays flat while 10,000 sensors stream: read through the window bolt's state-size gauges, the
 * numbers of open windows and de-duplication entries depend on the sensors and the window, not on how
 * many readings have gone by.
 */
class SensorStateSizeTest {

    private static final int SENSORS = 10_000;
    /** One reading every millisecond of event time: each sensor reports every 10 s, 6 times a window. */
    private static final long READINGS = 600_000;
    private static final int READINGS_PER_WINDOW = 6;

    @Test
    void openWindowsAndDedupEntriesStayBoundedWhileReadingsGrow() {
        RecordingCollector recorder = new RecordingCollector();
        Contexts.Context context = Contexts.forComponent("window");
        KeyValueState<String, Object> state = new InMemoryKeyValueState<>();
        SensorWindowBolt bolt = new SensorWindowBolt().withWindowSeconds(60).withAllowedLatenessSeconds(10).withThreshold(25.0).withAlertFraction(0.5);
        bolt.prepare(Map.of(), context.context(), recorder.collector());
        bolt.initState(state);
        SensorSimulator simulator = new SensorSimulator(SensorSimulator.Settings.clean(3, SENSORS, READINGS,
                1_764_000_000_000L, 1));
        ReadingParser parser = new ReadingParser(4096);
        List<long[]> samples = new ArrayList<>();
        // Building a test tuple builds a topology context: do it once and share it.
        TupleImpl template = (TupleImpl) Tuples.tuple("threshold", "default", List.of("batch", "partition"),
                List.of(RecordBatch.builder(Tuples.range("sensor-readings", 0, 0, 0), 0).build(), 0));

        for (long n = 1; simulator.hasNext(); n++) {
            SensorReading reading = parsed(parser.parse(simulator.next().value()));
            RecordBatch<ThresholdedReading> batch = RecordBatch.<ThresholdedReading>builder(
                            new SourceRange("sensor-readings", 0, n, n + 1, n == 1), 1)
                    .add(new ThresholdedReading(reading, reading.temperatureCelsius() > 25.0 ? 1.0 : 0.0), n).build();
            bolt.execute(new TupleImpl(template.getContext(), List.of(batch, 0), "threshold",
                    template.getSourceTask(), "default"));
            if (n % 20_000 == 0) {
                checkpoint(bolt, state, n);
                recorder.emitted.clear();
                recorder.acked.clear();
            }
            // One sample per minute of event time, from the third window on (the first two are still filling).
            if (n % 60_000 == 0 && n >= 120_000) {
                samples.add(new long[] {n, (Long) context.gauge(SensorWindowBolt.OPEN_WINDOWS_GAUGE),
                        (Long) context.gauge(SensorWindowBolt.DEDUP_ENTRIES_GAUGE)});
            }
        }

        assertEquals(SENSORS, (Long) context.gauge(SensorWindowBolt.SENSORS_GAUGE));
        assertTrue(context.count("windows.emitted") >= 8L * SENSORS, "windows emitted: " + context.count("windows.emitted"));
        long[] first = samples.get(0);
        for (long[] sample : samples) {
            String at = "after " + sample[0] + " readings: " + sample[1] + " open windows, " + sample[2] + " dedup entries";
            // Lateness (10 s) is shorter than a window: at most the current window and the one before per sensor.
            assertTrue(sample[1] <= 2L * SENSORS, at);
            assertTrue(sample[2] <= 2L * SENSORS * READINGS_PER_WINDOW, at);
            // Flat: sampled at the same phase of the window, the state is the same size however long it runs.
            assertEquals(first[1], sample[1], at);
            assertEquals(first[2], sample[2], at);
        }
        assertTrue(samples.size() >= 7, "samples: " + samples.size());
    }

    private static void checkpoint(SensorWindowBolt bolt, KeyValueState<String, Object> state, long txid) {
        bolt.prePrepare(txid);
        state.prepareCommit(txid);
        bolt.preCommit(txid);
        state.commit(txid);
    }

    private static SensorReading parsed(Outcome<SensorReading> outcome) {
        return ((Outcome.Accepted<SensorReading>) outcome).value();
    }
}
