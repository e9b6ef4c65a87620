package io.datainmotion.dashboard;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the newest scored tweets, the ones the page lists, and skips the rest: twitter_sentiment holds
 * one record per input tweet, and reading them all would take CPU from the topology that writes them
 * (the counts come from the trend windows instead). Called periodically from one thread.
 */
final class LatestTweets implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> readerConfig;
    private final String topic;
    private final Supplier<Set<String>> existingTopics;
    private final DashboardState state;
    private final ObjectMapper json = new ObjectMapper();
    private TopicReader reader;

    LatestTweets(Map<String, Object> readerConfig, String topic, Supplier<Set<String>> existingTopics,
                 DashboardState state) {
        this.readerConfig = new HashMap<>(readerConfig);
        // A few dozen records per partition are all it keeps.
        this.readerConfig.put("max.partition.fetch.bytes", 64 << 10);
        this.readerConfig.put("client.id", readerConfig.get("client.id") + "-latest-tweets");
        this.topic = topic;
        this.existingTopics = existingTopics;
        this.state = state;
    }

    /** Lists what the topic gained since the last call, at most its newest {@link DashboardState#LATEST_TWEETS} per partition. */
    void read() {
        if (reader == null) {
            if (!existingTopics.get().contains(topic)) {
                return;
            }
            reader = new TopicReader(readerConfig, List.of(topic), true);
        }
        reader.skipToLast(DashboardState.LATEST_TWEETS);
        for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
            TopicFeed.applyJson(json, record.value(), state, DashboardState::onScoredTweet);
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
