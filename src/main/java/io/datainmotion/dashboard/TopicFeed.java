package io.datainmotion.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
 * Reads the pipelines' output topics from their beginning into a {@link DashboardState}, with
 * readers of its own (assigned partitions, no consumer group, nothing committed), so the pipelines'
 * groups are never touched. A topic that does not exist yet is picked up once it does.
 */
final class TopicFeed implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    private static final Duration IDLE = Duration.ofMillis(50);
    private static final long TOPIC_CHECK_NANOS = Duration.ofSeconds(3).toNanos();

    private final Map<String, Object> readerConfig;
    private final Supplier<Set<String>> existingTopics;
    private final Map<String, BiConsumer<DashboardState, JsonNode>> handlers = new LinkedHashMap<>();
    private final DashboardState state;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean running = true;

    TopicFeed(Map<String, Object> readerConfig, Supplier<Set<String>> existingTopics, DashboardTopics topics,
              DashboardState state) {
        this.readerConfig = readerConfig;
        this.existingTopics = existingTopics;
        this.state = state;
        handlers.put(topics.sentiment(), DashboardState::onScoredTweet);
        handlers.put(topics.trends(), DashboardState::onTrendWindow);
        handlers.put(topics.deadLetters(), DashboardState::onDeadLetter);
        handlers.put(topics.sensorAverages(), DashboardState::onSensorWindow);
        handlers.put(topics.sensorAlerts(), DashboardState::onAlert);
    }

    @Override
    public void run() {
        List<TopicReader> readers = new ArrayList<>();
        List<String> waiting = new ArrayList<>(handlers.keySet());
        long nextTopicCheck = 0;
        try {
            while (running) {
                if (!waiting.isEmpty() && System.nanoTime() >= nextTopicCheck) {
                    nextTopicCheck = System.nanoTime() + TOPIC_CHECK_NANOS;
                    openReadersForNewTopics(waiting, readers);
                }
                // Without waiting on each reader in turn: a quiet topic must not slow the reading of a busy one.
                int read = 0;
                for (TopicReader reader : readers) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ZERO)) {
                        apply(record);
                        read++;
                    }
                }
                if (read == 0) {
                    Thread.sleep(IDLE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        } finally {
            readers.forEach(TopicReader::close);
        }
    }

    private void openReadersForNewTopics(List<String> waiting, List<TopicReader> readers) {
        Set<String> existing;
        try {
            existing = existingTopics.get();
        } catch (RuntimeException e) {
            LOG.warn("cannot list topics: {}", e.getMessage());
            return;
        }
        for (String topic : List.copyOf(waiting)) {
            if (existing.contains(topic)) {
                readers.add(new TopicReader(readerConfig, List.of(topic), true));
                waiting.remove(topic);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            state.onUnreadable();
            return;
        }
        try {
            handlers.get(record.topic()).accept(state, json.readTree(record.value()));
        } catch (IOException | RuntimeException e) {
            state.onUnreadable();
        }
    }

    void stop() {
        running = false;
    }
}
