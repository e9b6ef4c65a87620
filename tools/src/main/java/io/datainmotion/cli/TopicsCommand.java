package io.datainmotion.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.tools.TopicCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/dim topics}: Kafka's own topic tool ({@code kafka-topics.sh}, through its
 * {@link TopicCommand.TopicService}) on an admin client that carries the topologies' security settings,
 * which the tool itself would only take from a file; config changes, which that tool no longer makes,
 * go through the admin API as {@code kafka-configs.sh} would.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Creates, lists, describes and alters Kafka topics, as kafka-topics.sh does.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class, TopicsCommand.Describe.class,
                TopicsCommand.Alter.class})
final class TopicsCommand implements Runnable {

    private static final long TIMEOUT_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: create, list, describe or alter");
    }

    private static void runTool(KafkaOptions kafka, List<String> arguments, ToolAction action) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrap));
        args.addAll(arguments);
        TopicCommand.TopicCommandOptions options = new TopicCommand.TopicCommandOptions(args.toArray(String[]::new));
        options.checkArgs();
        try (TopicCommand.TopicService service = new TopicCommand.TopicService(Admin.create(kafka.admin()))) {
            action.run(service, options);
        }
        System.out.flush();
    }

    @FunctionalInterface
    private interface ToolAction {
        void run(TopicCommand.TopicService service, TopicCommand.TopicCommandOptions options) throws Exception;
    }

    private static List<String> configArguments(Map<String, String> configs) {
        List<String> args = new ArrayList<>();
        configs.forEach((key, value) -> args.addAll(List.of("--config", key + "=" + value)));
        return args;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a topic.")
    static final class Create implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", paramLabel = "TOPIC")
        String topic;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "1", description = "Partitions (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
                description = "Copies of each partition on different brokers (default: ${DEFAULT-VALUE}).")
        short replicationFactor;

        @Option(names = "--config", paramLabel = "KEY=VALUE",
                description = "A topic config, e.g. cleanup.policy=compact or min.insync.replicas=2 (repeatable).")
        Map<String, String> configs = new LinkedHashMap<>();

        @Option(names = "--if-not-exists", description = "Do nothing when the topic exists.")
        boolean ifNotExists;

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>(List.of("--create", "--topic", topic,
                    "--partitions", Integer.toString(partitions), "--replication-factor", Short.toString(replicationFactor)));
            args.addAll(configArguments(configs));
            if (ifNotExists) {
                args.add("--if-not-exists");
            }
            runTool(kafka, args, (service, options) -> service.createTopic(options));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the topics, one per line.")
    static final class ListTopics implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--exclude-internal", description = "Leave out Kafka's internal topics.")
        boolean excludeInternal;

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>(List.of("--list"));
            if (excludeInternal) {
                args.add("--exclude-internal");
            }
            runTool(kafka, args, (service, options) -> service.listTopics(options));
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Partitions, leaders, replicas, in-sync replicas and configs of the topics (all, or those matching TOPIC).")
    static final class Describe implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", arity = "0..1", paramLabel = "TOPIC", description = "A topic name or regular expression.")
        String topic;

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>(List.of("--describe"));
            if (topic != null) {
                args.addAll(List.of("--topic", topic));
            }
            runTool(kafka, args, (service, options) -> service.describeTopic(options));
            return 0;
        }
    }

    @Command(name = "alter", mixinStandardHelpOptions = true,
            description = {"Adds partitions to a topic and sets or removes its configs.",
                "Adding partitions moves keys to other partitions: per-key order holds only for records written after."})
    static final class Alter implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TOPIC")
        String topic;

        @Option(names = "--partitions", paramLabel = "N", description = "The new number of partitions (only ever more).")
        Integer partitions;

        @Option(names = "--config", paramLabel = "KEY=VALUE", description = "Set a topic config (repeatable).")
        Map<String, String> configs = new LinkedHashMap<>();

        @Option(names = "--delete-config", paramLabel = "KEY", description = "Return a config to the broker's default (repeatable).")
        List<String> deletedConfigs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (partitions == null && configs.isEmpty() && deletedConfigs.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "nothing to alter: give --partitions, --config or --delete-config");
            }
            if (partitions != null) {
                runTool(kafka, List.of("--alter", "--topic", topic, "--partitions", partitions.toString()),
                        (service, options) -> service.alterTopic(options));
            }
            if (!configs.isEmpty() || !deletedConfigs.isEmpty()) {
                alterConfigs();
            }
            return 0;
        }

        private void alterConfigs() throws Exception {
            List<AlterConfigOp> operations = new ArrayList<>();
            configs.forEach((key, value) -> operations.add(
                    new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
            deletedConfigs.forEach(key -> operations.add(
                    new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE)));
            try (Admin admin = Admin.create(kafka.admin())) {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), operations))
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("cannot alter the configs of " + topic + ": " + Dim.oneLine(e.getCause()), e);
            }
            spec.commandLine().getOut().println("Altered the configs of " + topic + ": " + configs
                    + (deletedConfigs.isEmpty() ? "" : ", back to default: " + deletedConfigs));
            spec.commandLine().getOut().flush();
        }
    }
}
