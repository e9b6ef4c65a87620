package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.datainmotion.sensors.WindowResult;
import org.junit.jupiter.api.Test;

class WindowCheckTest {

    private static final WindowResult A = new WindowResult("sensor-0", 0, 60_000, 6, 21.5, 20.0, 23.0, 0.0);
    private static final WindowResult B = new WindowResult("sensor-1", 0, 60_000, 6, 26.25, 25.5, 27.0, 1.0);
    private static final Map<String, WindowResult> EXPECTED = Map.of(A.key(), A, B.key(), B);

    @Test
    void identicalWindowsAndAlertsPassAndReplaysCountAsDuplicates() {
        WindowCheck check = WindowCheck.of("storm", 1, EXPECTED, List.of(A, B, A), Set.of(B.key()), Set.of(B.key()));

        assertTrue(check.passed(), check.problem());
        assertEquals(2, check.distinctWindows());
        assertEquals(1, check.duplicates());
    }

    @Test
    void aMeanOffByTheLastBitFails() {
        WindowResult almostA = new WindowResult("sensor-0", 0, 60_000, 6, Math.nextUp(21.5), 20.0, 23.0, 0.0);

        WindowCheck check = WindowCheck.of("streams", 1, EXPECTED, List.of(almostA, B), Set.of(B.key()), Set.of(B.key()));

        assertFalse(check.passed());
        assertEquals(1, check.mismatched());
        assertTrue(check.problem().contains("sensor-0@0"), check.problem());
    }

    @Test
    void missingExtraWindowsAndWrongAlertsFail() {
        WindowResult extra = new WindowResult("sensor-0", 60_000, 120_000, 1, 20.0, 20.0, 20.0, 0.0);

        assertEquals(1, WindowCheck.of("storm", 1, EXPECTED, List.of(A), Set.of(), Set.of()).missing());
        assertFalse(WindowCheck.of("storm", 1, EXPECTED, List.of(A), Set.of(), Set.of()).passed());
        assertEquals(1, WindowCheck.of("storm", 1, EXPECTED, List.of(A, B, extra), Set.of(), Set.of()).unexpected());
        assertFalse(WindowCheck.of("storm", 1, EXPECTED, List.of(A, B), Set.of(B.key()), Set.of()).passed());
    }
}
