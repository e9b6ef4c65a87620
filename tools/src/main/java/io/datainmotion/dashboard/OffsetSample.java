package io.datainmotion.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

/**
 * The end offset of every partition and every consumer group's committed offsets at one moment.
 * Two samples give the records per second written to each topic and read from it by each group;
 * one gives each group's lag.
 */
public record OffsetSample(long atMillis, Map<TopicPartition, Long> endOffsets,
                           Map<String, Map<TopicPartition, Long>> committedByGroup) {

    /** Records written to a topic (in) and committed by the consumer groups reading it (out). */
    public record TopicFlow(String topic, long records, double inPerSecond, double outPerSecond) {}

    /** How far a group's commits trail the end of a topic it reads, and how fast it commits. */
    public record GroupLag(String group, String topic, long lag, double consumedPerSecond) {}

    /** {@code sampledAt}: epoch milliseconds of the newer sample. */
    public record Health(long sampledAt, List<TopicFlow> topics, List<GroupLag> groups) {}

    /** Rates are over the time since {@code previous}; without one (the first sample) they are 0. */
    public Health healthSince(OffsetSample previous) {
        double seconds = previous == null ? 0 : (atMillis - previous.atMillis) / 1000.0;
        Map<String, Long> endByTopic = sumByTopic(endOffsets);
        Map<String, Long> previousEndByTopic = previous == null ? Map.of() : sumByTopic(previous.endOffsets);
        List<GroupLag> groups = new ArrayList<>();
        Map<String, Double> outByTopic = new TreeMap<>();
        committedByGroup.forEach((group, committed) -> {
            Map<String, Long> committedByTopic = sumByTopic(committed);
            Map<String, Long> previousByTopic = previous == null
                    ? Map.of() : sumByTopic(previous.committedByGroup.getOrDefault(group, Map.of()));
            Map<String, Long> lagByTopic = new TreeMap<>();
            committed.forEach((partition, offset) -> lagByTopic.merge(partition.topic(),
                    Math.max(0, endOffsets.getOrDefault(partition, offset) - offset), Long::sum));
            committedByTopic.forEach((topic, total) -> {
                double rate = rate(total, previousByTopic.get(topic), seconds);
                outByTopic.merge(topic, rate, Double::sum);
                groups.add(new GroupLag(group, topic, lagByTopic.getOrDefault(topic, 0L), rate));
            });
        });
        List<TopicFlow> topics = new ArrayList<>();
        endByTopic.forEach((topic, total) -> topics.add(new TopicFlow(topic, total,
                rate(total, previousEndByTopic.get(topic), seconds), outByTopic.getOrDefault(topic, 0.0))));
        groups.sort((a, b) -> a.group().equals(b.group())
                ? a.topic().compareTo(b.topic()) : a.group().compareTo(b.group()));
        return new Health(atMillis, topics, groups);
    }

    private static double rate(long now, Long before, double seconds) {
        if (before == null || seconds <= 0) {
            return 0;
        }
        // A recreated topic starts over at offset 0: no negative rates.
        return Math.max(0, now - before) / seconds;
    }

    private static Map<String, Long> sumByTopic(Map<TopicPartition, Long> offsets) {
        Map<String, Long> byTopic = new TreeMap<>();
        offsets.forEach((partition, offset) -> byTopic.merge(partition.topic(), offset, Long::sum));
        return byTopic;
    }
}
