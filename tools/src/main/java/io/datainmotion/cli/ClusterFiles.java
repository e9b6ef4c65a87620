package io.datainmotion.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.datainmotion.cluster.ProcessCluster;
import io.datainmotion.cluster.StormInstallation;

/** Where the local cluster, the Storm jars and the topology jar of this project are. */
final class ClusterFiles {

    private ClusterFiles() {}

    static Path clusterDir() {
        return ProjectHome.resolve("target/storm-cluster/run");
    }

    static StormInstallation installation() {
        return StormInstallation.of(ProjectHome.path());
    }

    static Path loggingTemplates() {
        return ProjectHome.resolve("config/storm-cluster");
    }

    /** Logging for JVMs bin/dim starts in the foreground of a command (submission). */
    static Path clientLogging() {
        return ProjectHome.resolve("config/log4j2-dim.xml");
    }

    /** The shaded jar `mvn package` builds: what `storm jar` takes. */
    static Path topologyJar() {
        try (Stream<Path> jars = Files.list(ProjectHome.resolve("worker/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("data-in-motion-worker-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no worker/target/data-in-motion-worker-*.jar: build it with mvn -B package"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list worker/target/", e);
        }
    }

    /** The storm.yaml given, or else that of the local cluster bin/dim started. */
    static Path stormYaml(Path given) {
        if (given != null) {
            return given;
        }
        return ProcessCluster.find(clusterDir()).map(ProcessCluster::stormYaml).orElseThrow(() ->
                new IllegalStateException("no local cluster is running (start one with 'bin/dim cluster start') "
                        + "and no --storm-yaml names another"));
    }

    /** A path as the user would type it from the project directory. */
    static String shown(Path path) {
        Path home = ProjectHome.path();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(home) ? home.relativize(absolute).toString() : absolute.toString();
    }
}
