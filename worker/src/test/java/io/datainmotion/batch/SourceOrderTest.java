package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;
import org.junit.jupiter.api.Test;

class SourceOrderTest {

    /** Records at the given offsets, read from {@code start} up to {@code end}. */
    private static RecordBatch<String> batch(long start, long end, boolean resumesCommitted, long... offsets) {
        RecordBatch.Builder<String> builder = RecordBatch.builder(new SourceRange("t", 0, start, end, resumesCommitted), offsets.length);
        for (long offset : offsets) {
            builder.add("r" + offset, offset);
        }
        return builder.build();
    }

    @Test
    void theBatchThatContinuesTheAppliedPositionIsAppliedWhole() {
        assertEquals(new SourceOrder.Apply(0), SourceOrder.admit(10L, batch(10, 13, false, 10, 11, 12)));
    }

    @Test
    void aBatchAlreadyAppliedIsAReplay() {
        assertEquals(new SourceOrder.Replayed(), SourceOrder.admit(13L, batch(10, 13, false, 10, 11, 12)));
        assertEquals(new SourceOrder.Replayed(), SourceOrder.admit(20L, batch(10, 13, true, 10, 11, 12)));
    }

    @Test
    void aBatchWithOtherBoundariesIsAppliedFromThePositionOn() {
        // a restarted spout reads from its committed offset 10; offsets 10 and 11 were applied before
        assertEquals(new SourceOrder.Apply(2), SourceOrder.admit(12L, batch(10, 15, true, 10, 11, 12, 13, 14)));
    }

    @Test
    void aBatchBeyondThePositionWaitsForTheOnesBefore() {
        assertEquals(new SourceOrder.Gap(13L), SourceOrder.admit(13L, batch(16, 18, false, 16, 17)));
    }

    @Test
    void offsetsTheLogSkipsAreNoGapBecausePositionsChain() {
        // a transaction marker at 13: the batch covers it from the previous batch's end
        assertEquals(new SourceOrder.Apply(0), SourceOrder.admit(13L, batch(13, 16, false, 14, 15)));
    }

    @Test
    void withNothingAppliedOnlyTheBatchAtTheCommittedPositionBegins() {
        assertEquals(new SourceOrder.Apply(0), SourceOrder.admit(null, batch(40, 42, true, 40, 41)));
        assertEquals(new SourceOrder.Gap(null), SourceOrder.admit(null, batch(42, 44, false, 42, 43)));
    }

    @Test
    void anEmptyBatchAdvancesThePositionLikeAnyOther() {
        assertEquals(new SourceOrder.Apply(0), SourceOrder.admit(5L, batch(5, 9, false)));
    }
}
