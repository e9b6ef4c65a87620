package io.datainmotion.topology;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.TopicReader;
import io.datainmotion.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * flux/sentiment-audit.yaml rewires the sentiment topology in YAML alone (an include plus a second
 * KafkaBatchBolt on the score stream): both outputs get every scored tweet, with the same scores.
 */
class RewiredTopologyIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyScoredTweetReachesBothOutputs() throws Exception {
        Properties properties = KAFKA.shippedProperties();
        KAFKA.createTopics(LocalStorm.topicsOf(properties), 1);
        List<String> tweets = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String text = i % 2 == 0 ? "I love this sunny morning " + i : "The printer is broken again, awful " + i;
            tweets.add(JSON.writeValueAsString(Map.of("id", "a" + i, "text", text)));
        }

        FluxTopology topology = FluxTopology.load(Path.of("flux/sentiment-audit.yaml"), properties);
        Set<String> expectedBolts = new HashSet<>(
                FluxTopology.load(Path.of("flux/sentiment.yaml"), properties).topology().get_bolts().keySet());
        expectedBolts.add("audit-sink");
        assertEquals(expectedBolts, topology.topology().get_bolts().keySet());
        try (LocalStorm storm = LocalStorm.start()) {
            storm.submit(topology);
            KAFKA.produceLines(properties.getProperty("topic.tweets"), tweets);

            Map<String, String> scored = readAll(properties.getProperty("topic.sentiment"), tweets.size());
            Map<String, String> audited = readAll(properties.getProperty("topic.audit"), tweets.size());
            storm.kill(topology.name());

            assertEquals(tweets.size(), scored.size());
            assertEquals(scored, audited);
        }
    }

    /** Label and polarity by tweet id, once {@code expected} distinct ids have arrived. */
    private static Map<String, String> readAll(String topic, int expected) {
        Map<String, String> byId = new HashMap<>();
        try (TopicReader reader = KAFKA.reader(topic)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    JsonNode value = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
                    byId.put(value.get("id").asText(), value.get("sentiment").asText() + " " + value.get("polarity").asText());
                }
                return byId.size() >= expected;
            });
        }
        return byId;
    }
}
