package io.datainmotion.cli;

import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.datainmotion.kafka.ConsumerGroupOffsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "reset-offsets", mixinStandardHelpOptions = true,
        description = {"Moves a consumer group's committed offsets to the first record at or after a time (to the end"
                + " of a partition without one), as kafka-consumer-groups.sh --reset-offsets --to-datetime does:"
                + " the topology then reprocesses from there, or skips ahead.",
            "Prints the plan; changes nothing without --execute. Kafka refuses while the group is active:"
                + " kill (or deactivate) the topology first."})
final class ResetOffsetsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GROUP", description = "The consumer group, e.g. dim-sentiment.")
    String group;

    @Option(names = "--to-time", paramLabel = "TIME", required = true,
            description = "ISO-8601 instant (2026-01-31T12:00:00Z) or epoch milliseconds.")
    String time;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Only this topic (repeatable; default: every topic the group has committed to).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--execute", description = "Commit the new offsets (default: a dry run).")
    boolean execute;

    @Override
    public Integer call() {
        Instant instant = instant();
        PrintWriter out = spec.commandLine().getOut();
        try (ConsumerGroupOffsets offsets = new ConsumerGroupOffsets(kafka.admin())) {
            List<ConsumerGroupOffsets.Reset> plan = offsets.resetToTime(group, topics, instant, execute);
            if (plan.isEmpty()) {
                throw new IllegalArgumentException("consumer group " + group + " has committed no offsets; name its topics with --topic");
            }
            out.printf("%-28s %9s %14s %14s%n", "TOPIC", "PARTITION", "FROM", "TO");
            for (ConsumerGroupOffsets.Reset reset : plan) {
                out.printf("%-28s %9d %14s %14d%n", reset.partition().topic(), reset.partition().partition(),
                        reset.from() < 0 ? "-" : Long.toString(reset.from()), reset.to());
            }
            out.println(execute ? "Committed for group " + group + "." : "Dry run: nothing changed; add --execute to commit.");
        } finally {
            out.flush();
        }
        return 0;
    }

    private Instant instant() {
        try {
            return time.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(time)) : Instant.parse(time);
        } catch (DateTimeException | NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--to-time must be an ISO-8601 instant or epoch milliseconds, got " + time);
        }
    }
}
