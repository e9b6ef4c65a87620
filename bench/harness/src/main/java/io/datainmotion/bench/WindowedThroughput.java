package io.datainmotion.bench;

import java.util.List;
import java.util.Set;

/**
 * Throughput of a windowed aggregate, whose output is not one record per input: the readings processed
 * between two marks that both engines reach with the same reading, over the time between the marks'
 * output records (broker append times). The start mark is the first window record of all (written with
 * the first reading that closes a window), the end mark the first record of a window that only the closing
 * round closes (written with the closing round's first reading). Start-up before the first window and the
 * rest of the closing round after the end mark do not count.
 */
public record WindowedThroughput(long readings, long firstMillis, long lastMillis) {

    /** One record of the averages topic: its key ({@code sensor@windowStart}) and broker append time. */
    public record Output(String key, long appendMillis) {}

    /**
     * @param readingsBetween       readings from the first closing one to the closing round's first
     * @param closedByClosingRound  keys of the windows that the closing round closes
     */
    public static WindowedThroughput of(List<Output> outputs, Set<String> closedByClosingRound, long readingsBetween) {
        long first = outputs.stream().mapToLong(Output::appendMillis).min()
                .orElseThrow(() -> new IllegalArgumentException("no window records"));
        long last = outputs.stream().filter(o -> closedByClosingRound.contains(o.key())).mapToLong(Output::appendMillis).min()
                .orElseThrow(() -> new IllegalArgumentException("no window record of the closing round"));
        return new WindowedThroughput(readingsBetween, first, last);
    }

    public long spanMillis() {
        return lastMillis - firstMillis;
    }

    public double readingsPerSecond() {
        if (spanMillis() <= 0) {
            throw new IllegalStateException("the closing round's windows came out " + spanMillis()
                    + " ms after the first window: too few readings to time");
        }
        return readings * 1000.0 / spanMillis();
    }
}
