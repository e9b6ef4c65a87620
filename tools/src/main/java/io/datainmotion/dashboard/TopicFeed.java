package io.datainmotion.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipelines' aggregated output topics (trends, dead letters, sensor windows and alerts)
 * from their beginning into a {@link DashboardState}, with a reader of its own (assigned partitions,
 * no consumer group, nothing committed), so the pipelines' groups are never touched. A topic that
 * does not exist yet is picked up once it does. The scored tweets, one record per input, are not read
 * here but by {@link LatestTweets}.
 *
 * <p>Cheap beside a busy topology, whose CPU it shares: one reader for all topics, whose fetches
 * the broker answers once {@link #FETCH_MIN_BYTES} have arrived or after {@link #FETCH_WAIT}, so it
 * wakes about once a second however fast the records come (the page is sent a snapshot every 2 s).
 */
final class TopicFeed implements Runnable {

    static final Duration FETCH_WAIT = Duration.ofSeconds(1);
    static final int FETCH_MIN_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    private static final long TOPIC_CHECK_NANOS = Duration.ofSeconds(3).toNanos();

    private final Map<String, Object> readerConfig;
    private final Supplier<Set<String>> existingTopics;
    private final Map<String, BiConsumer<DashboardState, JsonNode>> handlers = new LinkedHashMap<>();
    private final DashboardState state;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean running = true;

    TopicFeed(Map<String, Object> readerConfig, Supplier<Set<String>> existingTopics, DashboardTopics topics,
              DashboardState state) {
        this.readerConfig = new HashMap<>(readerConfig);
        this.readerConfig.put("fetch.min.bytes", FETCH_MIN_BYTES);
        this.readerConfig.put("fetch.max.wait.ms", (int) FETCH_WAIT.toMillis());
        this.existingTopics = existingTopics;
        this.state = state;
        handlers.put(topics.trends(), DashboardState::onTrendWindow);
        handlers.put(topics.deadLetters(), DashboardState::onDeadLetter);
        handlers.put(topics.sensorAverages(), DashboardState::onSensorWindow);
        handlers.put(topics.sensorAlerts(), DashboardState::onAlert);
    }

    @Override
    public void run() {
        List<String> waiting = new ArrayList<>(handlers.keySet());
        long nextTopicCheck = 0;
        try (TopicReader reader = new TopicReader(readerConfig, List.of(), true)) {
            while (running) {
                if (!waiting.isEmpty() && System.nanoTime() >= nextTopicCheck) {
                    nextTopicCheck = System.nanoTime() + TOPIC_CHECK_NANOS;
                    readNewTopics(waiting, reader);
                }
                if (reader.isEmpty()) {
                    Thread.sleep(FETCH_WAIT.toMillis());
                } else {
                    apply(reader.poll(FETCH_WAIT.multipliedBy(2)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(Iterable<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            apply(record.topic(), record.value());
        }
    }

    private void readNewTopics(List<String> waiting, TopicReader reader) {
        Set<String> existing;
        try {
            existing = existingTopics.get();
        } catch (RuntimeException e) {
            LOG.warn("cannot list topics: {}", e.getMessage());
            return;
        }
        List<String> appeared = waiting.stream().filter(existing::contains).toList();
        if (!appeared.isEmpty()) {
            reader.addFromBeginning(appeared);
            waiting.removeAll(appeared);
        }
    }

    private void apply(String topic, byte[] value) {
        applyJson(json, value, state, handlers.get(topic));
    }

    /** Hands a record's JSON to its handler; a record that is not JSON of the right shape is counted as unreadable. */
    static void applyJson(ObjectMapper json, byte[] value, DashboardState state,
                          BiConsumer<DashboardState, JsonNode> handler) {
        if (value == null) {
            state.onUnreadable();
            return;
        }
        try {
            handler.accept(state, json.readTree(value));
        } catch (IOException | RuntimeException e) {
            state.onUnreadable();
        }
    }

    void stop() {
        running = false;
    }
}
