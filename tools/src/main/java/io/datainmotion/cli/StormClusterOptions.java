package io.datainmotion.cli;

import java.nio.file.Path;

import io.datainmotion.cluster.StormClusterClient;
import picocli.CommandLine.Option;

/** Which Storm cluster a command talks to: the local one bin/dim started, or the one a storm.yaml names. */
final class StormClusterOptions {

    @Option(names = "--storm-yaml", paramLabel = "FILE",
            description = "The storm.yaml of the cluster (default: the local cluster's).")
    Path stormYaml;

    StormClusterClient connect() {
        return StormClusterClient.connect(ClusterFiles.stormYaml(stormYaml));
    }
}
