package io.datainmotion.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetSampleTest {

    private static final TopicPartition TWEETS_0 = new TopicPartition("tweets", 0);
    private static final TopicPartition TWEETS_1 = new TopicPartition("tweets", 1);
    private static final TopicPartition OUT_0 = new TopicPartition("out", 0);

    @Test
    void ratesComeFromTwoSamplesAndLagIsSummedOverPartitions() {
        OffsetSample first = new OffsetSample(10_000, Map.of(TWEETS_0, 100L, TWEETS_1, 50L, OUT_0, 0L),
                Map.of("pipeline", Map.of(TWEETS_0, 80L, TWEETS_1, 50L)));
        OffsetSample second = new OffsetSample(12_000, Map.of(TWEETS_0, 300L, TWEETS_1, 250L, OUT_0, 100L),
                Map.of("pipeline", Map.of(TWEETS_0, 280L, TWEETS_1, 150L)));

        OffsetSample.Health health = second.healthSince(first);
        assertEquals(12_000, health.sampledAt());
        assertEquals(List.of(new OffsetSample.TopicFlow("out", 100, 50.0, 0.0),
                new OffsetSample.TopicFlow("tweets", 550, 200.0, 150.0)), health.topics());
        assertEquals(List.of(new OffsetSample.GroupLag("pipeline", "tweets", 20 + 100, 150.0)), health.groups());
    }

    @Test
    void theFirstSampleHasLagButNoRates() {
        OffsetSample only = new OffsetSample(1, Map.of(TWEETS_0, 10L), Map.of("g", Map.of(TWEETS_0, 4L)));
        OffsetSample.Health health = only.healthSince(null);
        assertEquals(List.of(new OffsetSample.TopicFlow("tweets", 10, 0, 0)), health.topics());
        assertEquals(List.of(new OffsetSample.GroupLag("g", "tweets", 6, 0)), health.groups());
    }

    @Test
    void aTopicThatStartedOverHasNoNegativeRate() {
        OffsetSample before = new OffsetSample(0, Map.of(TWEETS_0, 1_000L), Map.of());
        OffsetSample after = new OffsetSample(1_000, Map.of(TWEETS_0, 10L), Map.of());
        assertEquals(0.0, after.healthSince(before).topics().get(0).inPerSecond());
    }
}
