package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void countsIntervalsBetweenFirstAndLastOutputInAnyOrder() {
        // 1,001 records, the first at t=5,000 ms and the last at t=7,000 ms: 1,000 intervals in 2 s.
        long[] timestamps = new long[1001];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = 5000 + (long) i * 2;
        }
        timestamps[0] = 7000;
        timestamps[1000] = 5000;

        Throughput throughput = Throughput.of(timestamps);

        assertEquals(new Throughput(1001, 5000, 7000), throughput);
        assertEquals(2000, throughput.spanMillis());
        assertEquals(500.0, throughput.recordsPerSecond(), 1e-9);
    }

    @Test
    void noRateWithoutTimeBetweenRecords() {
        assertThrows(IllegalArgumentException.class, () -> Throughput.of(new long[0]));
        assertThrows(IllegalStateException.class, () -> Throughput.of(new long[] {42}).recordsPerSecond());
        assertThrows(IllegalStateException.class, () -> Throughput.of(new long[] {42, 42, 42}).recordsPerSecond());
    }

    @Test
    void countsRecordsPerEpochSecondOfTheirTimestamps() {
        long[] timestamps = {5_999, 5_000, 7_000, 6_000, 5_500, 7_999};

        assertEquals(Map.of(5L, 3L, 6L, 1L, 7L, 2L), Throughput.perSecond(timestamps));
    }
}
