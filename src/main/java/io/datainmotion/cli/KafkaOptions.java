package io.datainmotion.cli;

import picocli.CommandLine.Option;

/** The broker option every command that talks to Kafka shares. */
final class KafkaOptions {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = DEFAULT_BOOTSTRAP,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;
}
