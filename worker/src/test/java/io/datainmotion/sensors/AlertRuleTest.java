package io.datainmotion.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlertRuleTest {

    private final AlertRule rule = new AlertRule(0.5, 25.0);

    @Test
    void alertsWhenTheFractionReachesTheLevel() {
        WindowResult atLevel = window(0.5);

        assertEquals(new AlertRule.Alert("s", 0, 60_000, 0.5, 0.5, 25.0, 24.9, 27.0), rule.evaluate(atLevel).orElseThrow());
        assertEquals("s@0", rule.evaluate(atLevel).orElseThrow().key());
        assertTrue(rule.evaluate(window(0.49)).isEmpty());
    }

    @Test
    void theLevelIsAFraction() {
        assertThrows(IllegalArgumentException.class, () -> new AlertRule(1.5, 25.0));
        assertThrows(IllegalArgumentException.class, () -> new AlertRule(Double.NaN, 25.0));
    }

    @Test
    void thresholdMappingIsStrictlyGreater() {
        ThresholdMapping mapping = new ThresholdMapping(ThresholdMapping.DEFAULT_THRESHOLD_CELSIUS);

        assertEquals(0.0, mapping.map(25.0));
        assertEquals(1.0, mapping.map(Math.nextUp(25.0)));
        assertEquals(0.0, mapping.map(-3.0));
    }

    private static WindowResult window(double fraction) {
        return new WindowResult("s", 0, 60_000, 10, 24.9, 20.0, 27.0, fraction);
    }
}
