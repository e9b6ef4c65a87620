package io.datainmotion.batch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.storm.state.DefaultStateSerializer;
import org.apache.storm.state.State;
import org.apache.storm.state.StateProvider;
import org.apache.storm.task.TopologyContext;

/**
 * Storm {@link StateProvider} for {@link KafkaKeyValueState}; select it with
 * {@code topology.state.provider: "io.datainmotion.batch.KafkaStateProvider"}.
 *
 * <p>Storm names each state after its component and task ({@code window-5}, and
 * {@code $checkpointspout-1} for the checkpoint coordinator); each gets its own compacted topic
 * {@code <prefix>.<namespace>}, created on first use. The prefix must be unique per topology, and a
 * resubmitted topology must keep its component ids and parallelism to find its state again (Storm's
 * own state backends have the same rule). Values are written with Storm's Kryo state serializer, so
 * the classes in {@code topology.kryo.register} and {@code topology.state.kryo.register} apply.
 *
 * <p>Client security comes from the {@code kafka.security.*}, {@code kafka.sasl.*} and
 * {@code kafka.ssl.*} keys of the topology config (see {@link KafkaSecurity}). Unlike the spout's and
 * sinks' settings, which are resolved when the topology is built, these clients are created in the
 * worker, so the password variables they name must be set in the workers' environment.
 */
public final class KafkaStateProvider implements StateProvider {

    /** Topology config: Kafka bootstrap servers for the state topics. */
    public static final String BOOTSTRAP_SERVERS = "dim.state.kafka.bootstrap.servers";
    /** Topology config: prefix of the state topic names, unique per topology. */
    public static final String TOPIC_PREFIX = "dim.state.kafka.topic.prefix";

    @Override
    public State newState(String namespace, Map<String, Object> topoConf, TopologyContext context) {
        String bootstrapServers = required(topoConf, BOOTSTRAP_SERVERS);
        String topic = topicName(required(topoConf, TOPIC_PREFIX), namespace);
        Map<String, Object> clientConfig = new HashMap<>(KafkaSecurity.fromProperties(securityProperties(topoConf), System.getenv()));
        clientConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        createIfAbsent(clientConfig, topic);
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "state-" + topic);
        Map<String, Object> readerConfig = new HashMap<>(clientConfig);
        readerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaKeyValueState<>(topic,
                new KafkaConsumer<>(readerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer()),
                new DefaultStateSerializer<>(topoConf, context), new DefaultStateSerializer<>(topoConf, context));
    }

    /** Kafka topic names allow letters, digits, '.', '_' and '-': Storm's "$checkpointspout" does not fit. */
    public static String topicName(String prefix, String namespace) {
        return prefix + "." + namespace.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String required(Map<String, Object> topoConf, String key) {
        Object value = topoConf.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("topology config " + key + " is required by " + KafkaStateProvider.class.getName());
        }
        return value.toString();
    }

    /** The kafka.security/sasl/ssl keys, which the Flux file copies from its properties into the topology config. */
    private static Properties securityProperties(Map<String, Object> topoConf) {
        Properties properties = new Properties();
        for (String key : List.of(KafkaSecurity.PROTOCOL, KafkaSecurity.SASL_MECHANISM, KafkaSecurity.SASL_USERNAME,
                KafkaSecurity.SASL_PASSWORD_ENV, KafkaSecurity.TRUSTSTORE_LOCATION, KafkaSecurity.TRUSTSTORE_PASSWORD_ENV)) {
            Object value = topoConf.get(key);
            if (value != null) {
                properties.setProperty(key, value.toString());
            }
        }
        return properties;
    }

    private static void createIfAbsent(Map<String, Object> clientConfig, String topic) {
        // Compaction keeps the latest committed value per key; one partition keeps the C-before-P-tombstone order.
        NewTopic state = new NewTopic(topic, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try (Admin admin = Admin.create(clientConfig)) {
            admin.createTopics(List.of(state)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create state topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating state topic " + topic, e);
        }
    }
}
