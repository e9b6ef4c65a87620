package io.datainmotion.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Accounts for every input record of a pipeline run: each (partition, offset) of the input topic must
 * appear in the output topic or in the dead-letter topic. Counts what arrived once, what arrived
 * more than once (allowed under at-least-once, reported) and what never arrived (lost).
 */
public final class DeliveryReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Identity of an input record. */
    public record Source(int partition, long offset) {}

    private final String name;
    private final Map<Source, Integer> outputs = new HashMap<>();
    private final Map<Source, Integer> deadLetters = new HashMap<>();
    private final Map<Source, JsonNode> lastOutput = new HashMap<>();
    private final Map<Source, String> reasons = new HashMap<>();
    private final List<ConsumerRecord<String, byte[]>> outputBuffer = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> deadBuffer = new ArrayList<>();
    private final TopicReader outputReader;
    private final TopicReader deadReader;
    private final String inputTopic;

    public DeliveryReport(String name, KafkaBrokerExtension kafka, String inputTopic, String outputTopic,
            String deadLetterTopic) {
        this.name = name;
        this.inputTopic = inputTopic;
        this.outputReader = kafka.reader(outputTopic);
        this.deadReader = kafka.reader(deadLetterTopic);
    }

    /** Reads what arrived since the last call; returns how many input records are accounted for. */
    public int poll() throws IOException {
        outputBuffer.clear();
        deadBuffer.clear();
        KafkaBrokerExtension.drain(outputReader, outputBuffer);
        KafkaBrokerExtension.drain(deadReader, deadBuffer);
        for (ConsumerRecord<String, byte[]> record : outputBuffer) {
            JsonNode value = JSON.readTree(record.value());
            Source source = new Source(value.get("source_partition").asInt(), value.get("source_offset").asLong());
            if (!value.get("source_topic").asText().equals(inputTopic)) {
                throw new AssertionError("output from an unexpected topic: " + value);
            }
            outputs.merge(source, 1, Integer::sum);
            lastOutput.put(source, value);
        }
        for (ConsumerRecord<String, byte[]> record : deadBuffer) {
            JsonNode value = JSON.readTree(record.value());
            JsonNode from = value.get("source");
            Source source = new Source(from.get("partition").asInt(), from.get("offset").asLong());
            deadLetters.merge(source, 1, Integer::sum);
            reasons.put(source, value.get("reason").asText());
        }
        return accountedFor();
    }

    public int accountedFor() {
        Map<Source, Boolean> seen = new HashMap<>();
        outputs.keySet().forEach(s -> seen.put(s, true));
        deadLetters.keySet().forEach(s -> seen.put(s, true));
        return seen.size();
    }

    public Map<Source, JsonNode> outputs() {
        return lastOutput;
    }

    public Map<Source, String> deadLetterReasons() {
        return reasons;
    }

    /** Input records that reached both the output and the dead-letter topic: never expected. */
    public List<Source> inBoth() {
        return outputs.keySet().stream().filter(deadLetters::containsKey).toList();
    }

    public int lost(int sent) {
        return sent - accountedFor();
    }

    public long duplicates() {
        return outputs.values().stream().mapToLong(n -> n - 1).sum()
                + deadLetters.values().stream().mapToLong(n -> n - 1).sum();
    }

    /** The figures of this run, printed and written to target/reliability/NAME.json for docs/reliability.md. */
    public Map<String, Object> summary(int sent) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("test", name);
        figures.put("sent", sent);
        figures.put("scored", outputs.size());
        figures.put("dead_lettered", deadLetters.size());
        figures.put("duplicates", duplicates());
        figures.put("lost", lost(sent));
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name + ".json").toFile(), figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("RELIABILITY " + figures);
        return figures;
    }

    public void close() {
        outputReader.close();
        deadReader.close();
    }
}
