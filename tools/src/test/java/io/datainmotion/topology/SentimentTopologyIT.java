package io.datainmotion.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.TopicReader;
import io.datainmotion.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped flux/sentiment.yaml, as shipped (only its properties point elsewhere), on a
 * LocalCluster against a real broker: every valid tweet is scored, clear cases get the expected
 * label, and every malformed record is dead-lettered with its reason and source offset.
 */
class SentimentTopologyIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> POSITIVE = List.of(
            "I love this new phone, it is wonderful",
            "What a great day, thank you all so much!",
            "The concert was amazing and the crowd was fantastic",
            "So happy and proud of my team today",
            "This is the best coffee I have ever had");
    private static final List<String> NEGATIVE = List.of(
            "I hate waiting in this terrible queue",
            "The service was awful and the food was disgusting",
            "Worst experience ever, I am so angry",
            "My flight got cancelled, this is horrible",
            "Sad and disappointed by the ending");
    private static final List<String> NEUTRAL = List.of(
            "The meeting is at 3pm in room 204",
            "The train leaves from platform 9",
            "Version 2.1 was released on Tuesday",
            "The museum opens at 10 on Sundays",
            "Our office moves to the fourth floor next month");

    @Test
    void scoresEveryValidTweetAndDeadLettersEveryMalformedOne() throws Exception {
        Properties properties = KAFKA.shippedProperties();
        properties.setProperty("trends.idle.flush.seconds", "2");
        KAFKA.createTopics(LocalStorm.topicsOf(properties), 1);

        Map<String, String> expectedLabels = new LinkedHashMap<>();
        List<byte[]> records = new ArrayList<>();
        Map<Integer, String> expectedReasonsByRecord = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String label = switch (i % 3) {
                case 0 -> "positive";
                case 1 -> "negative";
                default -> "neutral";
            };
            List<String> texts = label.equals("positive") ? POSITIVE : label.equals("negative") ? NEGATIVE : NEUTRAL;
            String id = "t" + i;
            expectedLabels.put(id, label);
            records.add(JSON.writeValueAsBytes(Map.of("id", id, "text", texts.get(i % texts.size()) + " #n" + i,
                    "created_at", 1_764_000_000_000L + i * 1000L)));
            if (i % 20 == 0) {
                records.add(malformed(i, expectedReasonsByRecord, records.size()));
            }
        }
        records.add(null);
        expectedReasonsByRecord.put(records.size() - 1, "null-value");
        records.add(new byte[] {'h', 'i', ' ', (byte) 0xC3, (byte) 0x28});
        expectedReasonsByRecord.put(records.size() - 1, "invalid-utf8");
        records.add("x".repeat(20_000).getBytes(StandardCharsets.UTF_8));
        expectedReasonsByRecord.put(records.size() - 1, "too-large");

        FluxTopology topology = FluxTopology.load(Path.of("flux/sentiment.yaml"), properties);
        try (LocalStorm storm = LocalStorm.start()) {
            storm.submit(topology);
            KAFKA.produce(properties.getProperty("topic.tweets"), records);

            List<ConsumerRecord<String, byte[]>> scored = new ArrayList<>();
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            List<ConsumerRecord<String, byte[]>> trends = new ArrayList<>();
            try (TopicReader sentimentReader = KAFKA.reader(properties.getProperty("topic.sentiment"));
                 TopicReader deadReader = KAFKA.reader(properties.getProperty("topic.deadletters"));
                 TopicReader trendsReader = KAFKA.reader(properties.getProperty("topic.trends"))) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO).until(() ->
                        KafkaBrokerExtension.drain(sentimentReader, scored) >= expectedLabels.size()
                                & KafkaBrokerExtension.drain(deadReader, dead) >= expectedReasonsByRecord.size()
                                & KafkaBrokerExtension.drain(trendsReader, trends) >= 5);
            }
            storm.kill(topology.name());

            Map<String, JsonNode> byId = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : scored) {
                JsonNode value = JSON.readTree(record.value());
                assertEquals(value.get("id").asText(), record.key(), "key is the tweet id");
                double polarity = value.get("polarity").asDouble();
                assertTrue(polarity >= -1 && polarity <= 1, "polarity in [-1, 1]: " + value);
                assertTrue(value.get("scored_at").asLong() > 0, "scored_at: " + value);
                assertEquals("tweets", value.get("source_topic").asText());
                byId.put(value.get("id").asText(), value);
            }
            assertEquals(expectedLabels.keySet(), byId.keySet());
            expectedLabels.forEach((id, label) ->
                    assertEquals(label, byId.get(id).get("sentiment").asText(), () -> "label of " + byId.get(id)));

            List<String> reasons = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : dead) {
                JsonNode letter = JSON.readTree(record.value());
                assertEquals("validate", letter.get("component").asText());
                assertFalse(letter.get("detail").asText().isBlank(), "detail: " + letter);
                assertEquals("tweets", letter.get("source").get("topic").asText());
                reasons.add(letter.get("reason").asText());
            }
            List<String> expectedReasons = new ArrayList<>(expectedReasonsByRecord.values());
            expectedReasons.sort(null);
            reasons.sort(null);
            assertEquals(expectedReasons, reasons);

            assertTrendsMatchTheScoredTweets(byId.values(), trends);
        }
    }

    /** Recomputes every one-minute window from the scored output and compares it field by field. */
    private static void assertTrendsMatchTheScoredTweets(Collection<JsonNode> scored,
            List<ConsumerRecord<String, byte[]>> trendRecords) throws Exception {
        Map<Long, List<JsonNode>> byWindow = new TreeMap<>();
        for (JsonNode tweet : scored) {
            byWindow.computeIfAbsent(tweet.get("created_at").asLong() / 60_000 * 60_000, w -> new ArrayList<>()).add(tweet);
        }
        assertEquals(byWindow.size(), trendRecords.size(), "one record per window");
        for (ConsumerRecord<String, byte[]> record : trendRecords) {
            JsonNode window = JSON.readTree(record.value());
            long start = window.get("window_start").asLong();
            assertEquals(Long.toString(start), record.key());
            assertEquals(start + 60_000, window.get("window_end").asLong());
            List<JsonNode> tweets = byWindow.get(start);
            JsonNode overall = window.get("overall");
            assertEquals(tweets.size(), overall.get("count").asLong());
            for (String label : List.of("positive", "negative", "neutral")) {
                assertEquals(tweets.stream().filter(t -> t.get("sentiment").asText().equals(label)).count(),
                        overall.get(label).asLong(), label + " in window " + start);
            }
            double mean = tweets.stream().mapToDouble(t -> t.get("polarity").asDouble()).sum() / tweets.size();
            assertEquals(mean, overall.get("mean_polarity").asDouble(), 1e-9);
            List<String> expectedTop = tweets.stream().map(t -> t.get("tweet").asText().replaceAll(".*#", ""))
                    .sorted().limit(10).toList();
            List<String> top = new ArrayList<>();
            window.get("hashtags").forEach(h -> top.add(h.get("hashtag").asText()));
            assertEquals(expectedTop, top, "each tweet has its own hashtag, so ties are broken by name");
        }
    }

    private static byte[] malformed(int i, Map<Integer, String> expectedReasons, int index) {
        String[][] cases = {
            {"{\"id\": \"m%d\", \"text\": \"unterminated", "invalid-json"},
            {"{\"id\": \"m%d\", \"text\": 42}", "invalid-field"},
            {"{\"id\": \"m%d\", \"text\": \"   \"}", "empty-text"},
            {"[\"m%d\"]", "invalid-json"},
            {"{\"id\": \"m%d\", \"text\": \"ok\"} trailing", "invalid-json"},
        };
        String[] chosen = cases[(i / 20) % cases.length];
        expectedReasons.put(index, chosen[1]);
        return String.format(chosen[0], i).getBytes(StandardCharsets.UTF_8);
    }
}
