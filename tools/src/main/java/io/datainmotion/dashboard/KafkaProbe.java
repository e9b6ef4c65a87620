package io.datainmotion.dashboard;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples end offsets and every consumer group's committed offsets with an admin client: reads
 * metadata only, joins no group.
 */
final class KafkaProbe {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private OffsetSample previous;

    KafkaProbe(Admin admin) {
        this.admin = admin;
    }

    Set<String> topics() {
        return await(admin.listTopics().names());
    }

    OffsetSample.Health sample() {
        Set<String> topics = topics();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription description : await(admin.describeTopics(topics).allTopicNames()).values()) {
            description.partitions().forEach(p ->
                    latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
                : await(admin.listOffsets(latest).all()).entrySet()) {
            endOffsets.put(end.getKey(), end.getValue().offset());
        }
        Map<String, Map<TopicPartition, Long>> committedByGroup = new HashMap<>();
        for (GroupListing group : await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    await(admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata());
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            if (!committed.isEmpty()) {
                committedByGroup.put(group.groupId(), committed);
            }
        }
        OffsetSample sample = new OffsetSample(System.currentTimeMillis(), endOffsets, committedByGroup);
        OffsetSample.Health health = sample.healthSince(previous);
        previous = sample;
        return health;
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
