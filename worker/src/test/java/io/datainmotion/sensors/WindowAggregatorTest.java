package io.datainmotion.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datainmotion.records.Outcome;
import io.datainmotion.sensors.SensorWindows.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowAggregatorTest {

    private static final WindowConfig TEN_SECONDS_TWO_LATE = new WindowConfig(10_000, 2_000);
    private static final ThresholdMapping THRESHOLD = new ThresholdMapping(25.0);

    private final WindowAggregator aggregator = new WindowAggregator(TEN_SECONDS_TWO_LATE);
    private final List<WindowResult> emitted = new ArrayList<>();

    @Test
    void handComputedWindowWithDuplicateOutOfOrderAndLateReadings() {
        assertEquals(Verdict.ACCEPTED, offer("a", 1_000, 24.0));
        assertEquals(Verdict.ACCEPTED, offer("a", 4_000, 26.0));
        assertEquals(Verdict.ACCEPTED, offer("a", 9_000, 25.0));   // not above: strictly greater only
        assertEquals(Verdict.DUPLICATE, offer("a", 4_000, 27.0));  // same (sensorId, timestamp)
        assertEquals(Verdict.ACCEPTED, offer("a", 11_000, 30.0));  // watermark 9,000: [0, 10,000) stays open
        assertEquals(Verdict.ACCEPTED, offer("b", 100_000, 19.5)); // another sensor's clock closes nothing of a
        assertEquals(Verdict.ACCEPTED, offer("a", 8_000, 22.0));   // out of order, within the lateness
        assertTrue(emitted.isEmpty());

        assertEquals(Verdict.ACCEPTED, offer("a", 12_500, 20.0));  // watermark 10,500 passes the end

        // 24 + 26 + 25 + 22 = 97 over 4 readings; only 26 is above 25.
        assertEquals(List.of(new WindowResult("a", 0, 10_000, 4, 24.25, 22.0, 26.0, 0.25)), emitted);
        assertEquals(Verdict.LATE, offer("a", 9_500, 28.0));
        assertEquals(2, aggregator.openWindowCount());   // a [10,000, 20,000) and b [100,000, 110,000)
        assertEquals(3, aggregator.dedupEntryCount());   // a: 11,000 and 12,500; b: 100,000
    }

    @Test
    void oneReadingClosesEverySkippedWindowInStartOrder() {
        offer("a", 1_000, 20.0);
        offer("a", 15_000, 30.0);
        offer("a", 45_000, 26.0);

        assertEquals(List.of(
                new WindowResult("a", 0, 10_000, 1, 20.0, 20.0, 20.0, 0.0),
                new WindowResult("a", 10_000, 20_000, 1, 30.0, 30.0, 30.0, 1.0)), emitted);
        assertEquals(1, aggregator.openWindowCount());
    }

    @Test
    void theWindowEndIsExclusiveAndTheWatermarkInclusive() {
        offer("a", 9_999, 20.0);
        offer("a", 11_999, 21.0); // watermark 9,999: window [0, 10,000) still open
        assertTrue(emitted.isEmpty());

        offer("a", 12_000, 22.0); // watermark 10,000 = end: closes
        assertEquals(1, emitted.size());
        assertEquals(1, emitted.get(0).count());
        assertEquals(Verdict.LATE, offer("a", 0, 20.0));
    }

    @Test
    void theMeanIsExactWhereNaiveSummationDrifts() {
        WindowAggregator wide = new WindowAggregator(new WindowConfig(1_000_000, 0));
        List<WindowResult> closed = new ArrayList<>();
        // 0.1 is not a binary fraction: 100,000 naive additions drift by ~1e-12 relative, and adding a large
        // value first loses the small ones entirely in a plain double sum.
        wide.offer(new SensorReading("a", 0, 1000.0), false);
        for (int t = 1; t <= 100_000; t++) {
            wide.offer(new SensorReading("a", t, 0.1), false);
        }
        closed.addAll(wide.offer(new SensorReading("a", 2_000_000, 0.0), false).closedWindows());

        double exactMean = (1000.0 + 100_000 * 0.1) / 100_001; // 0.1 as a double is 0.1000000000000000055...
        assertEquals(1, closed.size());
        assertEquals(exactMean, closed.get(0).meanTemperature(), Math.ulp(exactMean));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void agreesWithTheBruteForceReferenceOnAFaultyStream(long seed) {
        WindowConfig config = new WindowConfig(5_000, 1_000);
        WindowAggregator underTest = new WindowAggregator(config);
        BruteForceWindows reference = new BruteForceWindows(config, THRESHOLD);
        ReadingParser parser = new ReadingParser(4096);
        // 7 sensors every 700 ms; disorder up to 3 s makes some out-of-order readings late as well.
        SensorSimulator simulator = new SensorSimulator(new SensorSimulator.Settings(seed, 7, 20_000,
                1_764_000_000_000L, 100, EnumSet.allOf(Fault.class), 0.08, 3_000, 10_000));
        List<WindowResult> results = new ArrayList<>();
        long late = 0;
        long duplicates = 0;
        long rejected = 0;
        while (simulator.hasNext()) {
            Outcome<SensorReading> parsed = parser.parse(simulator.next().value());
            if (!(parsed instanceof Outcome.Accepted<SensorReading> valid)) {
                rejected++;
                continue;
            }
            SensorReading reading = valid.value();
            reference.offer(reading);
            WindowAggregator.Offer offer = underTest.offer(reading, THRESHOLD.map(reading.temperatureCelsius()) == 1.0);
            results.addAll(offer.closedWindows());
            late += offer.outcome() == Verdict.LATE ? 1 : 0;
            duplicates += offer.outcome() == Verdict.DUPLICATE ? 1 : 0;
        }

        assertTrue(late > 50 && duplicates > 50 && rejected > 200,
                "the stream must exercise every path: late " + late + ", duplicates " + duplicates + ", rejected " + rejected);
        assertEquals(reference.late().size(), late);
        assertEquals(reference.duplicates(), duplicates);
        WindowAssertions.assertSameWindows(reference.closedWindows(), results);
    }

    private SensorWindows.Verdict offer(String sensorId, long timestamp, double celsius) {
        WindowAggregator.Offer offer = aggregator.offer(new SensorReading(sensorId, timestamp, celsius),
                THRESHOLD.map(celsius) == 1.0);
        emitted.addAll(offer.closedWindows());
        return offer.outcome();
    }
}
