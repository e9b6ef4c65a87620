package io.datainmotion.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.datainmotion.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Prints each record value of TOPIC on its own line, as it arrives (with --print-key and"
                + " --print-metadata, its key, partition, offset and timestamp too).",
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

    @Option(names = "--print-key", description = "Print each record's key before its value (\"null\" without a key).")
    boolean printKey;

    @Option(names = "--key-separator", paramLabel = "SEP", defaultValue = "\t",
            description = "Between the key and the value with --print-key (default: a tab), as produce --key-separator reads them.")
    String keySeparator;

    @Option(names = "--print-metadata",
            description = "Start each line with the record's partition, offset and timestamp: 'partition=P offset=O timestamp=ISO-8601 '.")
    boolean printMetadata;

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
        try (TopicReader reader = new TopicReader(kafka.reader(), List.of(topic), fromBeginning)) {
            long lastRecord = System.nanoTime();
            while (max == null || printed < max) {
                boolean any = false;
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    out.println(line(record));
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

    private String line(ConsumerRecord<String, byte[]> record) {
        StringBuilder line = new StringBuilder();
        if (printMetadata) {
            line.append("partition=").append(record.partition()).append(" offset=").append(record.offset())
                    .append(" timestamp=").append(Instant.ofEpochMilli(record.timestamp())).append(' ');
        }
        if (printKey) {
            line.append(record.key()).append(keySeparator);
        }
        return line.append(record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8)).toString();
    }
}
