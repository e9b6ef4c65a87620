package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingSpoutCollector;
import io.datainmotion.testing.RecordingSpoutCollector.Emitted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.storm.generated.Grouping;
import org.apache.storm.generated.NullStruct;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaBatchSpoutTest {

    private static final String TOPIC = "tweets";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);

    private final RecordingSpoutCollector recorder = new RecordingSpoutCollector();
    private final List<Emitted> emitted = recorder.emitted;
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final Contexts.Context context = Contexts.forComponent("tweets");
    private final KafkaBatchSpout spout = new KafkaBatchSpout(properties(), TOPIC, 60_000);

    private static Properties properties() {
        Properties properties = new Properties();
        properties.put("group.id", "test");
        return properties;
    }

    @BeforeEach
    void open() {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            partitions.add(new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node}));
        }
        consumer.updatePartitions(TOPIC, partitions);
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, P2, 0L));
        // Task 0 of 2 reads partitions 0 and 2.
        when(context.context().getThisTaskIndex()).thenReturn(0);
        when(context.context().getComponentTasks("tweets")).thenReturn(List.of(7, 8));
        spout.open(consumer, context.context(), recorder.collector());
    }

    private void send(TopicPartition partition, long offset, String value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, partition.partition(), offset, null,
                value.getBytes(StandardCharsets.UTF_8)));
    }

    private RecordBatch<?> batch(int index) {
        return (RecordBatch<?>) emitted.get(index).values().get(0);
    }

    @Test
    void withAStartTimestampAPartitionWithoutACommitStartsAtThatTimeAndACommittedOneResumes() {
        MockConsumer<byte[], byte[]> timed = spy(new MockConsumer<>("earliest"));
        Node node = new Node(0, "localhost", 9092);
        timed.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node}),
                new PartitionInfo(TOPIC, 1, node, new Node[] {node}, new Node[] {node})));
        timed.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        timed.updateEndOffsets(Map.of(P0, 10L, P1, 10L));
        // The group's commit and the broker's answer by time, which MockConsumer does not keep or implement
        doReturn(Map.of(P1, new OffsetAndMetadata(3))).when(timed).committed(anySet());
        doReturn(Map.of(P0, new OffsetAndTimestamp(7, 1_700_000_000_000L))).when(timed).offsetsForTimes(anyMap());
        Contexts.Context single = Contexts.forComponent("tweets");
        when(single.context().getComponentTasks("tweets")).thenReturn(List.of(7));
        KafkaBatchSpout fromTime = new KafkaBatchSpout(properties(), TOPIC, 60_000).withStartTimestamp(1_700_000_000_000L);
        fromTime.open(timed, single.context(), recorder.collector());

        fromTime.nextTuple();

        assertEquals(7, timed.position(P0), "uncommitted: the first offset at the time");
        // committed: not looked up by time, left where the consumer resumes the group's commit
        verify(timed).offsetsForTimes(Map.of(P0, 1_700_000_000_000L));
    }

    @Test
    void readsOnlyItsOwnPartitionsAndEmitsEachPollsRecordsOfAPartitionAsOneBatch() {
        spout.nextTuple();
        assertEquals(Set.of(P0, P2), consumer.assignment());
        send(P0, 0, "a");
        send(P0, 1, "b");
        send(P2, 5, "c");
        spout.nextTuple();

        assertEquals(2, emitted.size());
        RecordBatch<?> first = emitted.stream().map(e -> (RecordBatch<?>) e.values().get(0))
                .filter(b -> b.partition() == 0).findFirst().orElseThrow();
        assertEquals(2, first.size());
        assertEquals(0, first.offset(0));
        assertArrayEquals("b".getBytes(StandardCharsets.UTF_8), (byte[]) first.item(1));
        assertEquals(null, first.key(0));
        emitted.forEach(e -> assertTrue(e.messageId() == e.values().get(0), "the batch is its own message id"));
        assertEquals(3, context.count("records.emitted"));
    }

    @Test
    void eachAssignedPartitionHasALagGaugeThatReportsNothingUntilItsLagIsKnown() {
        assertEquals(null, context.gauge("records.lag.tweets-0"), "not assigned yet");
        spout.nextTuple();
        assertTrue(context.gauges().containsKey("records.lag.tweets-0"));
        assertTrue(context.gauges().containsKey("records.lag.tweets-2"));
        assertTrue(!context.gauges().containsKey("records.lag.tweets-1"), "partition 1 is the other task's");

        consumer.updateEndOffsets(Map.of(P0, 10L, P2, 4L));
        send(P0, 0, "a");
        send(P0, 1, "b");
        send(P2, 0, "c");
        spout.nextTuple();

        assertEquals(8L, context.gauge("records.lag.tweets-0"));
        assertEquals(3L, context.gauge("records.lag.tweets-2"));
        assertEquals(11L, context.gauge("records.lag"));
    }

    @Test
    void eachRecordsKeyAndTimestampGoOnWithItsValue() {
        spout.nextTuple();
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, 1_764_000_000_000L, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                5, 1, "sensor-1".getBytes(StandardCharsets.UTF_8), "a".getBytes(StandardCharsets.UTF_8),
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty()));
        spout.nextTuple();

        RecordBatch<?> read = batch(0);
        assertArrayEquals("sensor-1".getBytes(StandardCharsets.UTF_8), read.key(0));
        assertEquals(1_764_000_000_000L, read.timestamp(0));
        assertEquals(1_764_000_000_000L, read.source(0).timestamp());
    }

    @Test
    void commitsOnlyUpToTheFirstBatchNotYetAcked() {
        spout.nextTuple();
        send(P0, 0, "a");
        spout.nextTuple();
        send(P0, 1, "b");
        send(P0, 2, "c");
        spout.nextTuple();
        assertEquals(2, emitted.size());

        spout.ack(emitted.get(1).messageId());
        spout.deactivate();
        assertEquals(new OffsetAndMetadata(0), consumer.committed(Set.of(P0)).get(P0),
                "the batch at offset 0 is still in flight: a restart must read it again");

        spout.ack(emitted.get(0).messageId());
        spout.deactivate();
        assertEquals(new OffsetAndMetadata(3), consumer.committed(Set.of(P0)).get(P0));
        assertEquals(3, context.count("records.acked"));
    }

    @Test
    void aFailedBatchIsEmittedAgainWithTheSameRecordsAndIdAndCounted() {
        spout.nextTuple();
        send(P2, 0, "a");
        send(P2, 1, "b");
        spout.nextTuple();
        Object id = emitted.get(0).messageId();

        spout.fail(id);
        spout.nextTuple();

        assertEquals(2, emitted.size());
        assertTrue(emitted.get(1).messageId() == id);
        assertEquals(batch(0), batch(1));
        assertEquals(1, context.count("batches.replayed"));
        assertEquals(2, context.count("records.replayed"));
        spout.ack(id);
        spout.deactivate();
        assertEquals(new OffsetAndMetadata(2), consumer.committed(Set.of(P2)).get(P2));
    }

    @Test
    void aBatchThatKeepsFailingWaitsLongerBeforeEachReplay() {
        spout.nextTuple();
        send(P0, 0, "a");
        spout.nextTuple();
        Object id = emitted.get(0).messageId();
        spout.fail(id);
        spout.nextTuple();
        assertEquals(2, emitted.size(), "the first replay is immediate");

        spout.fail(id);
        spout.fail(id);
        spout.nextTuple();
        long waitedFor = emitted.size();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            spout.nextTuple();
            return emitted.size() == 3;
        });
        assertEquals(2, waitedFor, "a third attempt is delayed, not emitted on the next call");
    }

    /** A spout of one task over P0 with a retry limit, its dead-letter stream wired to a sink. */
    private KafkaBatchSpout limitedTo(int maxRetries, Contexts.Context single) {
        when(single.context().getComponentTasks("tweets")).thenReturn(List.of(7));
        when(single.context().getThisTargets()).thenReturn(
                Map.of(DeadLetters.STREAM, Map.of("deadletter-sink", Grouping.shuffle(new NullStruct()))));
        KafkaBatchSpout limited = new KafkaBatchSpout(properties(), TOPIC, 60_000).withMaxRetries(maxRetries);
        limited.open(consumer, single.context(), recorder.collector());
        limited.nextTuple();
        return limited;
    }

    /** Fails the batch's latest emit and calls nextTuple until the spout emits something again. */
    private void failAndAwaitNextEmit(KafkaBatchSpout target, Object messageId) {
        int before = emitted.size();
        target.fail(messageId);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(KafkaBatchSpout.MAX_RETRY_DELAY_MS / 1000 + 5))
                .pollInterval(Duration.ofMillis(1)).until(() -> {
                    target.nextTuple();
                    return emitted.size() > before;
                });
    }

    @Test
    void withoutALimitAFailingBatchIsReplayedAgainAndAgainAndNeverDeadLettered() {
        spout.nextTuple();
        send(P0, 0, "a");
        spout.nextTuple();
        Object id = emitted.get(0).messageId();

        for (int failure = 1; failure <= 8; failure++) {
            failAndAwaitNextEmit(spout, id);
        }

        assertEquals(9, recorder.on("default").size());
        assertTrue(recorder.on("default").stream().allMatch(e -> e.messageId() == id));
        assertTrue(recorder.on(DeadLetters.STREAM).isEmpty());
        assertEquals(8, context.count("batches.replayed"));
        assertEquals(0, context.count("records.deadlettered"));
    }

    @Test
    void aBatchFailingOnceMoreThanTheLimitIsDeadLetteredThenPassesItsRangeOnEmpty() throws Exception {
        Contexts.Context single = Contexts.forComponent("tweets");
        KafkaBatchSpout limited = limitedTo(2, single);
        send(P0, 0, "a");
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "key".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF}));
        limited.nextTuple();
        Object id = emitted.get(0).messageId();
        RecordBatch<?> original = batch(0);

        failAndAwaitNextEmit(limited, id);
        failAndAwaitNextEmit(limited, id);
        assertEquals(3, recorder.on("default").size(), "replayed up to the limit");
        assertTrue(recorder.on(DeadLetters.STREAM).isEmpty());
        failAndAwaitNextEmit(limited, id);

        assertEquals(3, recorder.on("default").size(), "not replayed a third time");
        List<Emitted> letters = recorder.on(DeadLetters.STREAM);
        assertEquals(1, letters.size());
        assertTrue(letters.get(0).messageId() != id, "the letters are tracked on their own");
        MessageBatch written = (MessageBatch) letters.get(0).values().get(0);
        assertEquals(List.of("tweets-0-0", "tweets-0-1"), written.keys());
        com.fasterxml.jackson.databind.JsonNode first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(written.messages().get(0));
        assertEquals(KafkaBatchSpout.RETRIES_EXHAUSTED, first.get("reason").asText());
        assertEquals("a", first.get("payload").asText());
        assertEquals("tweets", first.get("component").asText());
        assertEquals(0, first.get("source").get("partition").asInt());
        assertEquals(0, first.get("source").get("offset").asLong());
        com.fasterxml.jackson.databind.JsonNode second = new com.fasterxml.jackson.databind.ObjectMapper().readTree(written.messages().get(1));
        assertEquals("base64", second.get("payload_encoding").asText());
        assertEquals(1, second.get("source").get("offset").asLong());

        limited.deactivate();
        assertEquals(new OffsetAndMetadata(0), consumer.committed(Set.of(P0)).get(P0), "held at the batch while its letters are in flight");

        limited.ack(letters.get(0).messageId());
        assertEquals(2, single.count("records.deadlettered"));
        List<Emitted> onDefault = recorder.on("default");
        assertEquals(4, onDefault.size());
        RecordBatch<?> rangeOnly = (RecordBatch<?>) onDefault.get(3).values().get(0);
        assertTrue(rangeOnly.isEmpty());
        assertEquals(original.range(), rangeOnly.range());
        assertEquals(0, onDefault.get(3).values().get(1), "the partition field, for the fields grouping");
        limited.deactivate();
        assertEquals(new OffsetAndMetadata(0), consumer.committed(Set.of(P0)).get(P0), "and while its range is in flight");

        limited.ack(onDefault.get(3).messageId());
        limited.deactivate();
        assertEquals(new OffsetAndMetadata(2), consumer.committed(Set.of(P0)).get(P0));
        assertEquals(0, single.count("records.acked"), "given up, not processed");
    }

    @Test
    void deadLettersTheSinkFailsAreSentAgainNotGivenUp() {
        Contexts.Context single = Contexts.forComponent("tweets");
        KafkaBatchSpout limited = limitedTo(0, single);
        send(P0, 0, "a");
        limited.nextTuple();
        failAndAwaitNextEmit(limited, emitted.get(0).messageId());
        Object letters = recorder.on(DeadLetters.STREAM).get(0).messageId();

        failAndAwaitNextEmit(limited, letters);
        failAndAwaitNextEmit(limited, letters);

        assertEquals(3, recorder.on(DeadLetters.STREAM).size());
        assertTrue(recorder.on(DeadLetters.STREAM).stream().allMatch(e -> e.messageId() == letters));
        assertEquals(1, recorder.on("default").size(), "the range goes on only once the letters are written");
    }

    @Test
    void aRetryLimitWithoutADeadLetterStreamIsRefusedAtOpen() {
        Contexts.Context single = Contexts.forComponent("tweets");
        when(single.context().getComponentTasks("tweets")).thenReturn(List.of(7));
        KafkaBatchSpout limited = new KafkaBatchSpout(properties(), TOPIC, 60_000).withMaxRetries(3);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> limited.open(consumer, single.context(), recorder.collector()));
        assertTrue(refused.getMessage().contains("deadletters"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spout.withMaxRetries(-2));
    }

    @Test
    void aGroupIdIsRequiredBecauseOffsetsAreCommitted() {
        assertThrows(IllegalArgumentException.class, () -> new KafkaBatchSpout(new Properties(), TOPIC, 1000));
    }
}
