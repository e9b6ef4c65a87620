package io.datainmotion.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.TopicReader;
import io.datainmotion.sensors.SensorReference;
import io.datainmotion.sensors.WindowResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Everything the sensor topology wrote to its output topics so far, read back as it arrives. */
public final class SensorOutputs implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The latest record of each window key. */
    public final Map<String, WindowResult> windows = new HashMap<>();
    /** Every window record, repeats included. */
    public final List<WindowResult> everyWindowRecord = new ArrayList<>();
    public final Set<String> alertKeys = new TreeSet<>();
    /** Dead letters by source "partition-offset": a replay may send one twice. */
    public final Set<String> invalidSources = new HashSet<>();
    public final Set<String> lateSources = new HashSet<>();
    /** The payload of each late letter by its source: what the letter says was read there. */
    public final Map<String, String> latePayloads = new HashMap<>();

    private final TopicReader averages;
    private final TopicReader alerts;
    private final TopicReader letters;
    private final List<ConsumerRecord<String, byte[]>> pending = new ArrayList<>();

    public SensorOutputs(TopicReader averages, TopicReader alerts, TopicReader letters) {
        this.averages = averages;
        this.alerts = alerts;
        this.letters = letters;
    }

    /** Reads what arrived since the last call. */
    public void drain() throws IOException {
        KafkaBrokerExtension.drain(averages, pending);
        for (ConsumerRecord<String, byte[]> record : pending) {
            WindowResult window = JSON.readValue(record.value(), WindowResult.class);
            assertEquals(window.key(), record.key());
            everyWindowRecord.add(window);
            windows.put(window.key(), window);
        }
        pending.clear();
        KafkaBrokerExtension.drain(alerts, pending);
        pending.forEach(record -> alertKeys.add(record.key()));
        pending.clear();
        KafkaBrokerExtension.drain(letters, pending);
        for (ConsumerRecord<String, byte[]> record : pending) {
            JsonNode letter = JSON.readTree(record.value());
            String source = letter.get("source").get("partition").asInt() + "-" + letter.get("source").get("offset").asLong();
            boolean late = letter.get("reason").asText().equals("late");
            (late ? lateSources : invalidSources).add(source);
            if (late) {
                latePayloads.put(source, letter.get("payload").asText());
            }
        }
        pending.clear();
    }

    /** Whether every output the reference expects has arrived (windows and alerts leave through separate sinks). */
    public boolean complete(SensorReference expected) throws IOException {
        drain();
        return windows.size() >= expected.windows().size() && alertKeys.size() >= expected.alertKeys().size()
                && invalidSources.size() >= expected.invalid() && lateSources.size() >= expected.lateMessages().size();
    }

    public String progress(SensorReference expected) {
        return String.format("windows %d/%d, alerts %d/%d, invalid %d/%d, late %d/%d", windows.size(),
                expected.windows().size(), alertKeys.size(), expected.alertKeys().size(), invalidSources.size(),
                expected.invalid(), lateSources.size(), expected.lateMessages().size());
    }

    /** The first {@code limit} windows the reference expects that have not arrived, by key. */
    public List<String> missingWindows(SensorReference expected, int limit) {
        return expected.windows().stream().map(WindowResult::key).filter(key -> !windows.containsKey(key))
                .sorted().limit(limit).toList();
    }

    @Override
    public void close() {
        averages.close();
        alerts.close();
        letters.close();
    }
}
