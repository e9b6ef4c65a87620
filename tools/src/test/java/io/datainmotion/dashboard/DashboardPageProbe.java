package io.datainmotion.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Keeps a dashboard page open in headless chromium for a while and reports how it kept up: snapshots
 * drawn, the gaps between them, the browser's long tasks (over 50 ms on the main thread) and how long
 * the page took to answer a script, once a second. For docs/benchmarks.md, not a test.
 *
 * <p>{@code java -cp tools/target/test-classes:tools/target/classes:worker/target/classes:$(cat tools/target/test-classpath.txt)
 * io.datainmotion.dashboard.DashboardPageProbe URL MAX_SECONDS [STOP_FILE]}: stops early once STOP_FILE exists.
 */
public final class DashboardPageProbe {

    private DashboardPageProbe() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int maxSeconds = Integer.parseInt(args[1]);
        java.nio.file.Path stopFile = args.length > 2 ? java.nio.file.Path.of(args[2]) : null;
        int seconds = 0;
        ChromeDriver browser = HeadlessChromium.start(1400, 2000);
        try {
            browser.get(url);
            browser.executeScript("window.__probe = {updates: [], longTasks: []};"
                    + "new MutationObserver(() => window.__probe.updates.push(performance.now()))"
                    + ".observe(document.body, {attributes: true, attributeFilter: ['data-version']});"
                    + "new PerformanceObserver(list => list.getEntries().forEach(e => window.__probe.longTasks.push(e.duration)))"
                    + ".observe({type: 'longtask', buffered: true});");
            List<Double> answers = new ArrayList<>();
            while (seconds < maxSeconds && (stopFile == null || !java.nio.file.Files.exists(stopFile))) {
                Thread.sleep(1000);
                seconds++;
                long asked = System.nanoTime();
                browser.executeScript("return document.body.dataset.version");
                answers.add((System.nanoTime() - asked) / 1e6);
            }
            @SuppressWarnings("unchecked")
            Map<String, List<Number>> probe = (Map<String, List<Number>>) browser.executeScript("return window.__probe");
            List<Double> updates = probe.get("updates").stream().map(Number::doubleValue).toList();
            List<Double> gaps = new ArrayList<>();
            for (int i = 1; i < updates.size(); i++) {
                gaps.add(updates.get(i) - updates.get(i - 1));
            }
            List<Double> longTasks = probe.get("longTasks").stream().map(Number::doubleValue).toList();
            System.out.printf(Locale.ROOT, "%d s: %d snapshots drawn (%.2f/s); gap between them mean %.0f ms, max %.0f ms;"
                            + " %d long tasks (max %.0f ms); script answer p50 %.1f ms, max %.1f ms; positive count shown: %s%n",
                    seconds, updates.size(), updates.size() / (double) seconds, mean(gaps), max(gaps), longTasks.size(),
                    max(longTasks), percentile(answers, 0.5), max(answers),
                    browser.executeScript("return document.getElementById('count-positive').textContent"));
        } finally {
            browser.quit();
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }
}
