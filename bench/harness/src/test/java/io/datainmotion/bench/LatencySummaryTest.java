package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        long[] shuffled = LongStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).toArray();

        LatencySummary summary = LatencySummary.of(shuffled);

        assertEquals(new LatencySummary(100, 50, 95, 99, 100), summary);
    }

    @Test
    void percentileIsAlwaysOneOfTheValues() {
        long[] sorted = {10, 20, 30};

        assertEquals(20, LatencySummary.percentile(sorted, 50));
        assertEquals(30, LatencySummary.percentile(sorted, 95));
        assertEquals(10, LatencySummary.percentile(sorted, 1));
    }

    @Test
    void aSingleLatencyIsEveryPercentile() {
        assertEquals(new LatencySummary(1, 7, 7, 7, 7), LatencySummary.of(new long[] {7}));
    }

    @Test
    void leavesTheCallersArrayAlone() {
        long[] latencies = {3, 1, 2};

        LatencySummary.of(latencies);

        assertEquals(3, latencies[0]);
    }

    @Test
    void refusesNoLatenciesAndPercentilesOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.of(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.percentile(new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.percentile(new long[] {1}, 101));
    }
}
