package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

    private final OffsetLedger ledger = new OffsetLedger();

    @Test
    void nothingIsCommittableBeforeAnythingIsEmitted() {
        assertEquals(Map.of(), ledger.committable());
    }

    @Test
    void theCommittableOffsetStopsAtTheFirstBatchStillInFlight() {
        ledger.emitted(0, 10, 20);
        ledger.emitted(0, 20, 25);
        ledger.emitted(0, 25, 40);
        assertEquals(Map.of(0, 10L), ledger.committable());

        ledger.acked(0, 20);
        ledger.acked(0, 25);
        assertEquals(Map.of(0, 10L), ledger.committable(), "later batches done, the first is not");

        ledger.acked(0, 10);
        assertEquals(Map.of(0, 40L), ledger.committable());
    }

    @Test
    void partitionsAreTrackedApart() {
        ledger.emitted(0, 0, 5);
        ledger.emitted(1, 100, 105);
        ledger.acked(1, 100);
        assertEquals(Map.of(0, 0L, 1, 105L), ledger.committable());
    }

    @Test
    void gapsInOffsetsFromCompactionOrTransactionMarkersAreCommittedPast() {
        ledger.emitted(0, 3, 9);
        ledger.emitted(0, 12, 13);
        ledger.acked(0, 3);
        assertEquals(Map.of(0, 12L), ledger.committable());
        ledger.acked(0, 12);
        assertEquals(Map.of(0, 13L), ledger.committable());
    }
}
