package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTimelineTest {

    @Test
    void groupsBySecondOfSendingInOrder() {
        long start = 10_000;
        long[] sent = {12_100, 10_000, 10_999, 11_000, 12_900};
        long[] latency = {50, 5, 7, 30, 70};

        List<LatencyTimeline.Second> timeline = LatencyTimeline.perSecond(sent, latency, start);

        assertEquals(List.of(
                new LatencyTimeline.Second(0, new LatencySummary(2, 5, 7, 7, 7)),
                new LatencyTimeline.Second(1, new LatencySummary(1, 30, 30, 30, 30)),
                new LatencyTimeline.Second(2, new LatencySummary(2, 50, 70, 70, 70))), timeline);
    }

    @Test
    void recordsSentBeforeTheStartFallInNegativeSeconds() {
        List<LatencyTimeline.Second> timeline = LatencyTimeline.perSecond(new long[] {9_999}, new long[] {1}, 10_000);

        assertEquals(-1, timeline.get(0).second());
    }

    @Test
    void needsOneLatencyPerRecord() {
        assertThrows(IllegalArgumentException.class, () -> LatencyTimeline.perSecond(new long[2], new long[1], 0));
    }
}
