package io.datainmotion.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.kafka.KafkaTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Sends each line of FILE (or standard input) as one record, without a key, to TOPIC.")
final class ProduceCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to write to.")
    String topic;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", description = "Lines to send (default: standard input).")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!KafkaTopics.list(KafkaClients.admin(kafka.bootstrap)).contains(topic)) {
            throw new IllegalArgumentException("topic " + topic + " does not exist on " + kafka.bootstrap);
        }
        long sent = 0;
        try (BufferedReader in = file != null
                    ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
             KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(kafka.bootstrap))) {
            String line;
            while ((line = in.readLine()) != null) {
                producer.send(new ProducerRecord<>(topic, line)).get(30, TimeUnit.SECONDS);
                sent++;
            }
        }
        spec.commandLine().getErr().println("sent " + sent + " records to " + topic);
        return 0;
    }
}
