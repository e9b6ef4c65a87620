package io.datainmotion.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.datainmotion.kafka.TopicReader;
import io.datainmotion.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code bin/dim simulate-sensors} against a real broker: what --print shows is what lands, keyed by sensor. */
class SimulateSensorsCommandIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void publishesEveryReadingKeyedBySensorId() {
        KAFKA.createTopics(List.of("readings"), 2);
        String[] stream = {"--sensors", "4", "--count", "60", "--rate", "2000", "--seed", "3", "--start", "1764000000000"};
        List<String> printed = run(concat(stream, "--print")).lines().toList();

        run(concat(stream, "--bootstrap", KAFKA.bootstrapServers(), "--topic", "readings"));

        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (TopicReader reader = KAFKA.reader("readings")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> KafkaBrokerExtension.drain(reader, received) >= printed.size());
        }
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : received) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertEquals("{\"sensorId\":\"" + record.key() + "\"", value.substring(0, value.indexOf(',')));
            values.add(value);
        }
        values.sort(null);
        List<String> expected = new ArrayList<>(printed);
        expected.sort(null);
        assertEquals(expected, values);
    }

    private static String run(String... args) {
        DimRunner dim = new DimRunner();
        assertEquals(0, dim.run(args), dim::err);
        return dim.out();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        String[] withCommand = new String[all.length + 1];
        withCommand[0] = "simulate-sensors";
        System.arraycopy(all, 0, withCommand, 1, all.length);
        return withCommand;
    }
}
