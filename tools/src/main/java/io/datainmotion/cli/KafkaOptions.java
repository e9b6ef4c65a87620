package io.datainmotion.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.batch.KafkaSecurity;
import io.datainmotion.topology.FluxTopology;
import picocli.CommandLine.Option;

/** The broker options every command that talks to Kafka shares. */
final class KafkaOptions {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = DEFAULT_BOOTSTRAP,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--client-properties", paramLabel = "PROPERTIES",
            description = "Take the client security settings (kafka.security.protocol, kafka.sasl.*, kafka.ssl.*) from these"
                    + " topology properties, as the topologies do; passwords come from the environment variables they name"
                    + " (default: plaintext).")
    Path clientProperties;

    Map<String, Object> admin() {
        return secured(KafkaClients.admin(bootstrap));
    }

    Map<String, Object> producer() {
        return secured(KafkaClients.producer(bootstrap));
    }

    Map<String, Object> reader() {
        return secured(KafkaClients.reader(bootstrap));
    }

    private Map<String, Object> secured(Map<String, Object> config) {
        Properties properties = clientProperties == null ? new Properties() : FluxTopology.properties(clientProperties);
        config.putAll(KafkaSecurity.fromProperties(properties, System.getenv()));
        return config;
    }
}
