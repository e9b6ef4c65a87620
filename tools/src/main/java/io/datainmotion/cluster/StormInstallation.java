package io.datainmotion.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jars of a Storm 2.8.3 installation, which Maven resolves into {@code target/storm-cluster}
 * (build-support/storm-cluster/pom.xml): no Storm binary distribution is published to Maven Central.
 */
public record StormInstallation(Path directory) {

    public static StormInstallation of(Path projectHome) {
        return new StormInstallation(projectHome.resolve("target/storm-cluster").toAbsolutePath().normalize());
    }

    /** ZooKeeper, Nimbus, Supervisor and the Storm command-line tools: storm-server's closure plus storm-core. */
    public String daemonClasspath() {
        Path file = directory.resolve("daemon-classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the project first (mvn -B package)");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** What Storm puts on every worker's classpath before the topology jar: storm-client's closure. */
    public Path libWorker() {
        Path dir = directory.resolve("lib-worker");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: build the project first (mvn -B package)");
        }
        return dir;
    }

    /** The classpath {@code storm jar} gives a submitting client, without the topology jar. */
    public String clientClasspath() {
        return libWorker() + "/*";
    }
}
