package io.datainmotion.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.datainmotion.cluster.FluxSubmission;
import io.datainmotion.kafka.TopicSettings;
import io.datainmotion.topology.LocalStorm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Validates a Flux file, then submits it with the shaded jar.",
            "Validation is 'bin/dim validate'; the target is the running local cluster, or to the cluster a storm.yaml names, exactly as",
            "'storm jar worker/target/data-in-motion-worker-<version>.jar org.apache.storm.flux.Flux --remote' would."})
final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FLUX_FILE", description = "The Flux YAML file, e.g. flux/sentiment.yaml.")
    Path fluxFile;

    @Mixin
    FluxPropertiesOptions properties;

    @Option(names = "--storm-yaml", paramLabel = "FILE",
            description = "The storm.yaml of the cluster to submit to (default: the local cluster's).")
    Path stormYaml;

    @Option(names = "-c", paramLabel = "KEY=VALUE",
            description = "A topology setting overriding the Flux file's, as 'storm jar -c' (repeatable), "
                    + "e.g. -c topology.workers=2.")
    Map<String, String> stormOptions = new LinkedHashMap<>();

    @Option(names = "--create-topics", paramLabel = "PARTITIONS", arity = "0..1", fallbackValue = "0",
            description = "First create the topic.* topics missing on the broker, as the topics.* properties describe them"
                    + " (partitions, replication factor, configs); PARTITIONS overrides topics.partitions.")
    Integer createTopicsPartitions;

    @Option(names = "--no-topic-check",
            description = "Do not ask the broker whether the topics exist (when this machine cannot reach it).")
    boolean noTopicCheck;

    @Override
    public Integer call() {
        if (createTopicsPartitions != null) {
            if (createTopicsPartitions < 0) {
                throw new IllegalArgumentException("--create-topics needs at least 1 partition");
            }
            Properties topicProperties = properties.properties();
            if (createTopicsPartitions > 0) {
                topicProperties.setProperty(TopicSettings.PREFIX + TopicSettings.PARTITIONS, createTopicsPartitions.toString());
            }
            LocalStorm.createTopics(topicProperties.getProperty(FluxPropertiesOptions.BOOTSTRAP_PROPERTY), topicProperties);
        }
        if (!ValidateCommand.validate(fluxFile, properties, !noTopicCheck, new PrintWriter(System.err, true))) {
            System.err.println("dim submit: not submitted; fix the problems above.");
            return 1;
        }
        DbCommand.migrateIfStoring(fluxFile, properties.properties());
        Path stormConfig = ClusterFiles.stormYaml(stormYaml);
        FluxSubmission submission = new FluxSubmission(ClusterFiles.topologyJar(), stormConfig, fluxFile,
                properties.effectiveFilterFile(), stormOptions, Map.of());
        long started = System.nanoTime();
        FluxSubmission.Result result = submission.run(ClusterFiles.installation(), ClusterFiles.clientLogging(),
                Duration.ofMinutes(3));
        System.out.print(result.output());
        if (!result.ok()) {
            System.err.println("dim submit: the submission failed (exit code " + result.exitCode() + ")");
            return 1;
        }
        System.out.printf("Submitted %s in %.1f s. Watch it with 'bin/dim cluster status'; stop it with 'bin/dim kill NAME'.%n",
                fluxFile, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
