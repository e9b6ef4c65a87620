package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import io.datainmotion.bench.WindowedThroughput.Output;
import org.junit.jupiter.api.Test;

class WindowedThroughputTest {

    @Test
    void timesFromTheFirstWindowToTheFirstWindowOfTheClosingRound() {
        List<Output> outputs = List.of(new Output("s-1@0", 1_500), new Output("s-0@0", 1_000),
                new Output("s-0@60000", 5_000), new Output("s-1@60000", 5_200));

        WindowedThroughput throughput = WindowedThroughput.of(outputs, Set.of("s-0@60000", "s-1@60000"), 8_000);

        assertEquals(1_000, throughput.firstMillis());
        assertEquals(5_000, throughput.lastMillis());
        assertEquals(2_000.0, throughput.readingsPerSecond(), 1e-9);
    }

    @Test
    void needsAWindowOfTheClosingRoundAfterTheFirst() {
        List<Output> sameMillisecond = List.of(new Output("s-0@0", 1_000), new Output("s-0@60000", 1_000));
        WindowedThroughput instant = WindowedThroughput.of(sameMillisecond, Set.of("s-0@60000"), 10);
        assertThrows(IllegalStateException.class, instant::readingsPerSecond);
        assertThrows(IllegalArgumentException.class,
                () -> WindowedThroughput.of(List.of(new Output("s-0@0", 1_000)), Set.of("s-0@60000"), 10));
    }
}
