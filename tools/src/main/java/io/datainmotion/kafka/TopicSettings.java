package io.datainmotion.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * How the project creates a topic, from the properties: {@code topics.partitions} and
 * {@code topics.replication.factor} for every topic, overridden per topic by
 * {@code topics.<name>.partitions} and {@code topics.<name>.replication.factor}, plus Kafka topic
 * configs as {@code topics.config.<key>=<value>} for every topic and {@code topics.<name>.config.<key>}
 * for one (e.g. {@code cleanup.policy=compact}).
 */
public final class TopicSettings {

    public static final String PREFIX = "topics.";
    public static final String PARTITIONS = "partitions";
    public static final String REPLICATION_FACTOR = "replication.factor";
    private static final String CONFIG = "config.";

    private TopicSettings() {}

    public static NewTopic of(String topic, Properties properties) {
        int partitions = positive(properties, topic, PARTITIONS);
        int replication = positive(properties, topic, REPLICATION_FACTOR);
        if (replication > Short.MAX_VALUE) {
            throw new IllegalArgumentException(PREFIX + topic + "." + REPLICATION_FACTOR + " is too large: " + replication);
        }
        Map<String, String> configs = new TreeMap<>();
        putConfigs(properties, PREFIX + CONFIG, configs);
        putConfigs(properties, PREFIX + topic + "." + CONFIG, configs);
        return new NewTopic(topic, partitions, (short) replication).configs(configs);
    }

    private static void putConfigs(Properties properties, String prefix, Map<String, String> configs) {
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                configs.put(key.substring(prefix.length()), properties.getProperty(key).strip());
            }
        }
    }

    private static int positive(Properties properties, String topic, String setting) {
        String ownKey = PREFIX + topic + "." + setting;
        String key = properties.containsKey(ownKey) ? ownKey : PREFIX + setting;
        String value = properties.getProperty(key, "1").strip();
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the key
        }
        throw new IllegalArgumentException(key + " must be a positive integer, got '" + value + "'");
    }
}
