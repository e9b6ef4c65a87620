package io.datainmotion.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.datainmotion.topology.FluxTopology;
import picocli.CommandLine.Option;

/** The properties a Flux file is built with, as local, validate and submit take them. */
final class FluxPropertiesOptions {

    static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap.servers";

    @Option(names = "--filter", paramLabel = "PROPERTIES",
            description = "Properties substituted into the Flux file (default: flux/local.properties).")
    Path filter;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, overriding " + BOOTSTRAP_PROPERTY + " from the properties.")
    String bootstrap;

    Path filterFile() {
        return filterOrDefault(filter);
    }

    /** The given properties file, or the shipped flux/local.properties. */
    static Path filterOrDefault(Path filter) {
        return filter != null ? filter : ProjectHome.resolve("flux/local.properties");
    }

    Properties properties() {
        Properties properties = FluxTopology.properties(filterFile());
        if (bootstrap != null) {
            properties.setProperty(BOOTSTRAP_PROPERTY, bootstrap);
        }
        return properties;
    }

    /**
     * A properties file for a JVM that reads one (Flux's {@code --filter}): the given file itself, or a
     * temporary copy with the override, deleted when this JVM exits.
     */
    Path effectiveFilterFile() {
        if (bootstrap == null) {
            return filterFile();
        }
        try {
            Path copy = Files.createTempFile("dim-flux-", ".properties");
            copy.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(copy)) {
                properties().store(out, "bin/dim: " + filterFile() + " with --bootstrap " + bootstrap);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the properties with --bootstrap", e);
        }
    }
}
