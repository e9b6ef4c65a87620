package io.datainmotion.topology;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.kafka.SensorFeed;
import io.datainmotion.sensors.AlertRule;
import io.datainmotion.sensors.Fault;
import io.datainmotion.sensors.SensorSimulator;
import io.datainmotion.sensors.SensorReference;
import io.datainmotion.sensors.SimulatedMessage;
import io.datainmotion.sensors.ThresholdMapping;
import io.datainmotion.sensors.WindowAssertions;
import io.datainmotion.sensors.WindowConfig;
import io.datainmotion.sensors.WindowResult;
import io.datainmotion.testing.KafkaBrokerExtension;
import io.datainmotion.testing.SensorOutputs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * flux/sensors.yaml as shipped (only its properties differ: broker, topic names, a 5 s window) on a
 * LocalCluster against a real broker, fed a simulated stream with every fault. Every window must equal
 * the brute-force reference computed over the same messages in the order they were produced, also
 * when the topology is killed mid-stream and submitted again.
 */
class SensorTopologyIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WindowConfig WINDOWS = new WindowConfig(5_000, 1_000);
    private static final ThresholdMapping THRESHOLD = new ThresholdMapping(25.0);
    private static final AlertRule ALERTS = new AlertRule(0.5, 25.0);

    private static LocalStorm storm;

    @BeforeAll
    static void startStorm() {
        storm = LocalStorm.start();
    }

    @AfterAll
    static void stopStorm() {
        storm.close();
    }

    /** A failed test leaves its topology running; the next one submits the same name. */
    @AfterEach
    void killLeftovers() throws Exception {
        for (var summary : storm.cluster().getClusterInfo().get_topologies()) {
            storm.kill(summary.get_name());
            awaitGone(summary.get_name());
        }
    }

    @Test
    void everyWindowOfAFaultyStreamEqualsTheReference() throws Exception {
        Properties properties = properties("whole");
        List<SimulatedMessage> messages = stream(11, 6_000);
        SensorReference expected = reference(messages);
        FluxTopology topology = FluxTopology.load(Path.of("flux/sensors.yaml"), properties);

        storm.submit(topology);
        produce(properties, messages);
        SensorOutputs outputs = awaitOutputs(properties, expected);

        WindowAssertions.assertSameWindows(expected.windows(), List.copyOf(outputs.windows.values()));
        assertEquals(expected.alertKeys(), outputs.alertKeys);
        assertEquals(expected.invalid(), outputs.invalidSources.size());
        assertEquals(expected.lateMessages().size(), outputs.lateSources.size());
        assertTrue(expected.lateMessages().size() > 10 && expected.invalid() > 20, "the stream exercises late and invalid input");
        assertEquals(expected.lateMessages().stream().map(i -> messages.get(i).value()).sorted().toList(),
                outputs.latePayloads.values().stream().sorted().toList(), "a late reading's letter carries the record as produced");
    }

    @Test
    void killedMidStreamAndResubmittedEveryEmittedWindowIsStillExact() throws Exception {
        Properties properties = properties("killed");
        List<SimulatedMessage> messages = stream(12, 8_000);
        SensorReference expected = reference(messages);
        int half = messages.size() / 2;

        FluxTopology first = FluxTopology.load(Path.of("flux/sensors.yaml"), properties);
        storm.submit(first);
        produce(properties, messages.subList(0, half));
        int windowsBeforeKill;
        try (SensorOutputs outputs = outputs(properties)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO).until(() -> {
                outputs.drain();
                return outputs.windows.size() >= expected.windows().size() / 4;
            });
            windowsBeforeKill = outputs.windows.size();
        }
        storm.kill(first.name());
        awaitGone(first.name());

        produce(properties, messages.subList(half, messages.size()));
        storm.submit(FluxTopology.load(Path.of("flux/sensors.yaml"), properties));
        SensorOutputs all = awaitOutputs(properties, expected);

        assertTrue(windowsBeforeKill < expected.windows().size() / 2, "killed mid-stream: " + windowsBeforeKill);
        WindowAssertions.assertSameWindows(expected.windows(), List.copyOf(all.windows.values()));
        Map<String, WindowResult> byKey = new HashMap<>();
        expected.windows().forEach(w -> byKey.put(w.key(), w));
        for (WindowResult record : all.everyWindowRecord) {
            WindowAssertions.assertSameWindows(List.of(byKey.get(record.key())), List.of(record));
        }
        assertEquals(expected.alertKeys(), all.alertKeys);
    }

    private static List<SimulatedMessage> stream(long seed, long count) {
        // 20 sensors, one reading every 5 ms of event time: each sensor reports every 100 ms, 50 per window.
        SensorSimulator simulator = new SensorSimulator(new SensorSimulator.Settings(seed, 20, count,
                1_764_000_000_000L, 5, EnumSet.allOf(Fault.class), 0.03, 800, 8_000));
        List<SimulatedMessage> messages = new ArrayList<>();
        simulator.forEachRemaining(messages::add);
        return messages;
    }

    private static Properties properties(String run) {
        Properties properties = KAFKA.shippedProperties();
        properties.setProperty("sensors.window.seconds", Long.toString(WINDOWS.windowMillis() / 1000));
        properties.setProperty("sensors.allowed.lateness.seconds", Long.toString(WINDOWS.allowedLatenessMillis() / 1000));
        for (String topic : List.of("topic.sensor.readings", "topic.sensor.averages", "topic.sensor.alerts", "topic.deadletters")) {
            properties.setProperty(topic, properties.getProperty(topic) + "-" + run);
        }
        properties.setProperty("sensors.consumer.group", "sensors-it-" + run);
        properties.setProperty("sensors.state.topic.prefix", "sensors-it-state-" + run);
        KAFKA.createTopics(LocalStorm.topicsOf(properties), 2);
        return properties;
    }

    private static void produce(Properties properties, List<SimulatedMessage> messages) throws InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(KAFKA.bootstrapServers()))) {
            SensorFeed.send(producer, properties.getProperty("topic.sensor.readings"), messages.iterator(), 0);
        }
    }

    private static SensorReference reference(List<SimulatedMessage> messages) {
        return SensorReference.of(messages, WINDOWS, THRESHOLD, ALERTS);
    }

    private static SensorOutputs outputs(Properties properties) {
        return new SensorOutputs(KAFKA.reader(properties.getProperty("topic.sensor.averages")),
                KAFKA.reader(properties.getProperty("topic.sensor.alerts")), KAFKA.reader(properties.getProperty("topic.deadletters")));
    }

    private static SensorOutputs awaitOutputs(Properties properties, SensorReference expected) {
        SensorOutputs outputs = outputs(properties);
        try (outputs) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ZERO).alias("outputs complete")
                    .conditionEvaluationListener(condition -> {
                        if (!condition.isSatisfied() && condition.getRemainingTimeInMS() < 1_000) {
                            System.err.println(outputs.progress(expected));
                        }
                    })
                    .until(() -> outputs.complete(expected));
        }
        return outputs;
    }

    private static void awaitGone(String topologyName) {
        await().atMost(Duration.ofSeconds(180)).until(() -> storm.cluster().getClusterInfo().get_topologies().stream()
                .noneMatch(summary -> summary.get_name().equals(topologyName)));
    }
}
