package io.datainmotion.bench;

import java.util.Locale;

/** A progress line every couple of seconds while an engine runs. */
final class Progress {

    private static final long EVERY_MILLIS = 2000;

    private final String label;
    private final long target;
    private long lastMillis = System.currentTimeMillis();
    private long lastCount;

    Progress(String label, long target) {
        this.label = label;
        this.target = target;
    }

    boolean due() {
        return System.currentTimeMillis() - lastMillis >= EVERY_MILLIS;
    }

    void report(long count, EngineProcess process, String what) {
        long now = System.currentTimeMillis();
        if (now - lastMillis < EVERY_MILLIS) {
            return;
        }
        double perSecond = (count - lastCount) * 1000.0 / (now - lastMillis);
        System.out.printf(Locale.ROOT, "  %-18s %,9d / %,d %s  %,8.0f/s  CPU %6.1f s  load %.1f%n", label, count, target,
                what, perSecond, process.cpu().totalCpuSeconds(), Machine.loadAverage());
        lastMillis = now;
        lastCount = count;
    }
}
