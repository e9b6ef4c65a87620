package io.datainmotion.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.datainmotion.topology.FluxTopology;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void defaultsApplyToEveryTopicAndATopicsOwnSettingsOverrideThem() {
        Properties properties = new Properties();
        properties.setProperty("topics.partitions", "4");
        properties.setProperty("topics.replication.factor", "3");
        properties.setProperty("topics.config.min.insync.replicas", "2");
        properties.setProperty("topics.averages.partitions", "8");
        properties.setProperty("topics.averages.config.cleanup.policy", "compact");
        properties.setProperty("topics.averages.config.min.insync.replicas", "1");

        NewTopic averages = TopicSettings.of("averages", properties);
        NewTopic tweets = TopicSettings.of("tweets", properties);

        assertEquals(8, averages.numPartitions());
        assertEquals(3, averages.replicationFactor());
        assertEquals(Map.of("cleanup.policy", "compact", "min.insync.replicas", "1"), averages.configs());
        assertEquals(4, tweets.numPartitions());
        assertEquals(Map.of("min.insync.replicas", "2"), tweets.configs());
    }

    @Test
    void withoutSettingsATopicHasOnePartitionAndOneReplica() {
        NewTopic topic = TopicSettings.of("t", new Properties());
        assertEquals(1, topic.numPartitions());
        assertEquals(1, topic.replicationFactor());
        assertEquals(Map.of(), topic.configs());
    }

    @Test
    void aBadCountNamesItsKey() {
        Properties properties = new Properties();
        properties.setProperty("topics.t.partitions", "0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicSettings.of("t", properties));
        assertEquals("topics.t.partitions must be a positive integer, got '0'", e.getMessage());
    }

    @Test
    void theShippedPropertiesCompactTheWindowAverages() {
        Properties shipped = FluxTopology.properties(Path.of("flux/local.properties"));
        NewTopic averages = TopicSettings.of(shipped.getProperty("topic.sensor.averages"), shipped);
        assertEquals("compact", averages.configs().get("cleanup.policy"));
    }
}
