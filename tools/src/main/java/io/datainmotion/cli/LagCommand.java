package io.datainmotion.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.datainmotion.kafka.ConsumerGroupOffsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {"Committed offset, log end offset and lag per partition of a consumer group (of every group"
                + " without GROUP), as kafka-consumer-groups.sh --describe shows them.",
            "The topologies' groups are sentiment.consumer.group and sensors.consumer.group (dim-sentiment, dim-sensors)."})
final class LagCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GROUP", description = "The consumer group (default: all).")
    String group;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConsumerGroupOffsets offsets = new ConsumerGroupOffsets(kafka.admin())) {
            List<String> groups = group != null ? List.of(group) : offsets.groups();
            out.printf("%-24s %-28s %9s %14s %14s %10s%n", "GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG");
            long total = 0;
            for (String name : groups) {
                List<ConsumerGroupOffsets.PartitionLag> partitions = offsets.lag(name);
                if (partitions.isEmpty() && group != null) {
                    throw new IllegalArgumentException("consumer group " + group + " has committed no offsets on " + kafka.bootstrap);
                }
                for (ConsumerGroupOffsets.PartitionLag p : partitions) {
                    out.printf("%-24s %-28s %9d %14d %14d %10d%n", p.group(), p.partition().topic(),
                            p.partition().partition(), p.committed(), p.end(), p.lag());
                    total += p.lag();
                }
            }
            out.println("total lag " + total);
        } finally {
            out.flush();
        }
        return 0;
    }
}
