package io.datainmotion.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Prints each record value of TOPIC on its own line, as it arrives.",
            "Reads every partition without joining a consumer group, so it never moves a pipeline's offsets."})
final class ConsumeCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Stop after this many seconds without a new record (default: never).")
    Double timeoutSeconds;

    @Override
    public Integer call() {
        if (max != null && max <= 0) {
            throw new IllegalArgumentException("--max must be positive");
        }
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        long idleLimitNanos = timeoutSeconds == null ? Long.MAX_VALUE : (long) (timeoutSeconds * 1e9);
        try (TopicReader reader = new TopicReader(KafkaClients.reader(kafka.bootstrap), List.of(topic), fromBeginning)) {
            long lastRecord = System.nanoTime();
            while (max == null || printed < max) {
                boolean any = false;
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    out.println(record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8));
                    any = true;
                    printed++;
                    if (max != null && printed >= max) {
                        break;
                    }
                }
                out.flush();
                if (any) {
                    lastRecord = System.nanoTime();
                } else if (System.nanoTime() - lastRecord >= idleLimitNanos) {
                    break;
                }
            }
        }
        return 0;
    }
}
