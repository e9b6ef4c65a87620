package io.datainmotion.sensors;

import io.datainmotion.records.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the sensor topology must produce for a stream of messages, by the brute-force reference and the
 * strict parser, taking the messages in the order they were produced (each sensor's readings share a
 * partition, so that is each sensor's order in its partition).
 *
 * @param lateMessages the indexes of the messages whose reading is late in event time
 */
public record SensorReference(List<WindowResult> windows, Set<String> alertKeys, long invalid, List<Integer> lateMessages) {

    public static SensorReference of(List<SimulatedMessage> messages, WindowConfig config, ThresholdMapping threshold,
                                     AlertRule alerts) {
        BruteForceWindows reference = new BruteForceWindows(config, threshold);
        ReadingParser parser = new ReadingParser(4096);
        long invalid = 0;
        List<Integer> late = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (parser.parse(messages.get(i).value()) instanceof Outcome.Accepted<SensorReading> valid) {
                int lateBefore = reference.late().size();
                reference.offer(valid.value());
                if (reference.late().size() > lateBefore) {
                    late.add(i);
                }
            } else {
                invalid++;
            }
        }
        List<WindowResult> windows = reference.closedWindows();
        Set<String> alertKeys = new TreeSet<>();
        windows.forEach(w -> alerts.evaluate(w).ifPresent(alert -> alertKeys.add(alert.key())));
        return new SensorReference(windows, alertKeys, invalid, late);
    }
}
