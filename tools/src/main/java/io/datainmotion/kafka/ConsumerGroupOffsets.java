package io.datainmotion.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Committed offsets and lag of consumer groups, and moving a group's offsets to a time, through the
 * admin API (what {@code kafka-consumer-groups.sh --describe} and {@code --reset-offsets --to-datetime}
 * do; that tool takes client settings only from a file, where a password does not belong).
 */
public final class ConsumerGroupOffsets implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    /** One partition of a group: what it committed, the end of the log, and the difference. */
    public record PartitionLag(String group, TopicPartition partition, long committed, long end) {
        public long lag() {
            return Math.max(0, end - committed);
        }
    }

    /** Where a reset moves one partition of a group. */
    public record Reset(TopicPartition partition, long from, long to) {}

    private final Admin admin;

    public ConsumerGroupOffsets(Map<String, Object> adminConfig) {
        this.admin = Admin.create(adminConfig);
    }

    /** The consumer groups on the cluster, sorted. */
    public List<String> groups() {
        return get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream().map(GroupListing::groupId).sorted().toList();
    }

    /** Every partition a group has committed to, sorted by topic and partition. */
    public List<PartitionLag> lag(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        Map<TopicPartition, Long> ends = offsets(committed.keySet(), OffsetSpec.latest());
        return committed.entrySet().stream()
                .map(e -> new PartitionLag(group, e.getKey(), e.getValue().offset(), ends.getOrDefault(e.getKey(), -1L)))
                .sorted(Comparator.comparing((PartitionLag p) -> p.partition().topic())
                        .thenComparingInt(p -> p.partition().partition()))
                .toList();
    }

    /**
     * Moves a group's committed offsets, on the given topics (all it has committed to when empty), to
     * the first record at or after {@code time}, or to the end of a partition with none that late.
     * Kafka refuses this while the group has active members: stop its topology first.
     *
     * @param execute false for a dry run that only computes the plan
     */
    public List<Reset> resetToTime(String group, Collection<String> topics, Instant time, boolean execute) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        Set<TopicPartition> partitions = committed.keySet().stream()
                .filter(p -> topics.isEmpty() || topics.contains(p.topic()))
                .collect(Collectors.toSet());
        if (!topics.isEmpty()) {
            partitions.addAll(partitionsOf(topics));
        }
        Map<TopicPartition, Long> atTime = offsets(partitions, OffsetSpec.forTimestamp(time.toEpochMilli()));
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        List<Reset> plan = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long to = atTime.getOrDefault(partition, -1L) >= 0 ? atTime.get(partition) : ends.get(partition);
            OffsetAndMetadata before = committed.get(partition);
            plan.add(new Reset(partition, before == null ? -1 : before.offset(), to));
            target.put(partition, new OffsetAndMetadata(to));
        }
        if (execute && !target.isEmpty()) {
            get(admin.alterConsumerGroupOffsets(group, target).all());
        }
        plan.sort(Comparator.comparing((Reset r) -> r.partition().topic()).thenComparingInt(r -> r.partition().partition()));
        return plan;
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()).forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset);
            }
        });
        return committed;
    }

    private Set<TopicPartition> partitionsOf(Collection<String> topics) {
        Set<TopicPartition> partitions = new TreeSet<>(Comparator.comparing(TopicPartition::toString));
        get(admin.describeTopics(topics).allTopicNames()).forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos =
                get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        infos.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
