package io.datainmotion.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.datainmotion.kafka.KafkaTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Sends each line of FILE (or standard input) as one record to TOPIC, without a key unless"
                + " --key-separator splits each line into key and value.",
            "Sends asynchronously (acks=all, idempotent) and stops at the first record the broker refuses,"
                + " after the ones already sent are acknowledged."})
final class ProduceCommand implements Callable<Integer> {

    /** Bytes per partition batched into one request: a few lines per request would cap the rate. */
    private static final int BATCH_BYTES = 256 * 1024;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to write to.")
    String topic;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", description = "Lines to send (default: standard input).")
    Path file;

    @Option(names = "--key-separator", paramLabel = "SEP",
            description = "Each line is KEY SEP VALUE, split at the first SEP; a line without it is an error.")
    String keySeparator;

    @Override
    public Integer call() throws Exception {
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw new IllegalArgumentException("--key-separator must not be empty");
        }
        if (!KafkaTopics.list(kafka.admin()).contains(topic)) {
            throw new IllegalArgumentException("topic " + topic + " does not exist on " + kafka.bootstrap);
        }
        Map<String, Object> config = kafka.producer();
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long lineNumber = 0;
        long started = System.nanoTime();
        try (BufferedReader in = file != null
                    ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
             KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String line = in.readLine(); line != null && failure.get() == null; line = in.readLine()) {
                lineNumber++;
                producer.send(record(line, lineNumber), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sent " + acknowledged.get() + " records to " + topic
                    + ", then the broker refused one: " + Dim.oneLine(failure.get()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        spec.commandLine().getErr().printf("sent %d records to %s in %.1f s (%,.0f records/s)%n", acknowledged.get(), topic,
                seconds, acknowledged.get() / seconds);
        return 0;
    }

    private ProducerRecord<String, String> record(String line, long lineNumber) {
        if (keySeparator == null) {
            return new ProducerRecord<>(topic, line);
        }
        int split = line.indexOf(keySeparator);
        if (split < 0) {
            throw new IllegalArgumentException("line " + lineNumber + " has no key separator '" + keySeparator + "'");
        }
        return new ProducerRecord<>(topic, line.substring(0, split), line.substring(split + keySeparator.length()));
    }
}
