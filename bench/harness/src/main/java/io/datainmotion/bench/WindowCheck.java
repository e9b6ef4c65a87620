package io.datainmotion.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.datainmotion.sensors.WindowResult;

/**
 * One sensors run's output against the windows the topology's own window logic computes from the same
 * readings ({@link SensorLoad.Expected}): every window exactly once or repeated identically (at-least-once
 * replays), none missing or extra, each with the same count, mean, min, max and fraction above the
 * threshold (exactly: both sum exactly), and the same alerts. Both engines are checked against the same
 * expectation, so a run that passes gives the same per-sensor means as every other that passes.
 */
public record WindowCheck(String engine, int repeat, int expectedWindows, int distinctWindows, int duplicates,
                          int missing, int unexpected, int mismatched, int expectedAlerts, int distinctAlerts,
                          String problem) {

    public static WindowCheck of(String engine, int repeat, Map<String, WindowResult> expected, List<WindowResult> windows,
                                 Set<String> expectedAlerts, Set<String> alerts) {
        Map<String, WindowResult> seen = new HashMap<>();
        Set<String> unexpected = new HashSet<>();
        Set<String> mismatched = new HashSet<>();
        String problem = null;
        for (WindowResult window : windows) {
            WindowResult want = expected.get(window.key());
            if (want == null) {
                unexpected.add(window.key());
                problem = problem != null ? problem : "window " + window.key() + " should not have closed";
            } else if (!want.equals(window)) {
                mismatched.add(window.key());
                problem = problem != null ? problem : "window " + window.key() + " is " + window + ", expected " + want;
            }
            seen.put(window.key(), window);
        }
        int missing = (int) expected.keySet().stream().filter(key -> !seen.containsKey(key)).count();
        if (problem == null && missing > 0) {
            problem = missing + " window(s) missing";
        }
        if (problem == null && !alerts.equals(expectedAlerts)) {
            problem = alerts.size() + " distinct alerts, expected " + expectedAlerts.size()
                    + (alerts.containsAll(expectedAlerts) ? "" : ", some missing");
        }
        return new WindowCheck(engine, repeat, expected.size(), seen.size(), windows.size() - seen.size(), missing,
                unexpected.size(), mismatched.size(), expectedAlerts.size(), alerts.size(), problem);
    }

    public boolean passed() {
        return problem == null;
    }
}
