package io.datainmotion.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** Compares windows with the reference: keys and counts exactly, means and fractions within 1e-9. */
public final class WindowAssertions {

    public static final double TOLERANCE = 1e-9;

    private WindowAssertions() {
    }

    public static void assertSameWindows(List<WindowResult> expected, List<WindowResult> actual) {
        List<WindowResult> sortedExpected = new ArrayList<>(expected);
        List<WindowResult> sortedActual = new ArrayList<>(actual);
        sortedExpected.sort(BruteForceWindows.BY_SENSOR_AND_START);
        sortedActual.sort(BruteForceWindows.BY_SENSOR_AND_START);
        assertEquals(sortedExpected.stream().map(WindowResult::key).toList(),
                sortedActual.stream().map(WindowResult::key).toList(), "the set of windows differs");
        for (int i = 0; i < sortedExpected.size(); i++) {
            WindowResult want = sortedExpected.get(i);
            WindowResult got = sortedActual.get(i);
            String window = want.key();
            assertEquals(want.windowEnd(), got.windowEnd(), window);
            assertEquals(want.count(), got.count(), "count of " + window);
            assertEquals(want.meanTemperature(), got.meanTemperature(), TOLERANCE, "mean of " + window);
            assertEquals(want.minTemperature(), got.minTemperature(), "min of " + window);
            assertEquals(want.maxTemperature(), got.maxTemperature(), "max of " + window);
            assertEquals(want.fractionAboveThreshold(), got.fractionAboveThreshold(), TOLERANCE, "fraction of " + window);
        }
    }
}
