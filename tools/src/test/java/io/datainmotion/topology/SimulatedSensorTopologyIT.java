package io.datainmotion.topology;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.TopicReader;
import io.datainmotion.sensors.WindowResult;
import io.datainmotion.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * flux/sensors-simulated.yaml as shipped (only properties differ) on a LocalCluster: the simulator's
 * windows reach sensor-averages. Its event time starts when the spout opens, so the check is what is
 * certain without knowing that instant: 5 sensors each reading every 5 ms fill every 1 s window with
 * exactly 200 readings, except each sensor's first, which starts mid-window.
 */
class SimulatedSensorTopologyIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void simulatedSensorsFillEveryWindowExactly() throws Exception {
        Properties properties = KAFKA.shippedProperties();
        properties.setProperty("sensors.window.seconds", "1");
        properties.setProperty("sensors.allowed.lateness.seconds", "0");
        properties.setProperty("sensors.simulated.sensors", "5");
        properties.setProperty("sensors.simulated.readings.per.second", "1000");
        properties.setProperty("sensors.simulated.count", "4000");
        properties.setProperty("sensors.simulated.faults", "duplicate");
        properties.setProperty("sensors.simulated.fault.rate", "0.05");
        KAFKA.createTopics(LocalStorm.topicsOf(properties), 1);
        FluxTopology topology = FluxTopology.load(Path.of("flux/sensors-simulated.yaml"), properties);

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (LocalStorm storm = LocalStorm.start();
             TopicReader averages = KAFKA.reader(properties.getProperty("topic.sensor.averages"))) {
            storm.submit(topology);
            // 4,000 readings over 5 sensors span 4 s of event time: at least 3 windows close per sensor.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO)
                    .until(() -> KafkaBrokerExtension.drain(averages, records) >= 15);
            storm.kill(topology.name());
        }

        Map<String, List<WindowResult>> bySensor = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            WindowResult window = JSON.readValue(record.value(), WindowResult.class);
            assertEquals(window.key(), record.key());
            assertEquals(1_000, window.windowEnd() - window.windowStart());
            assertTrue(window.minTemperature() <= window.meanTemperature() && window.meanTemperature() <= window.maxTemperature());
            bySensor.computeIfAbsent(window.sensorId(), k -> new ArrayList<>()).add(window);
        }
        assertEquals(5, bySensor.size());
        bySensor.values().forEach(windows -> {
            windows.sort((a, b) -> Long.compare(a.windowStart(), b.windowStart()));
            assertTrue(windows.get(0).count() <= 200, "first window " + windows.get(0));
            windows.subList(1, windows.size()).forEach(w -> assertEquals(200, w.count(), w::toString));
        });
    }
}
