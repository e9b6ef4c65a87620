package io.datainmotion.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.Rejection;
import io.datainmotion.records.SourceRange;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.storm.spout.SpoutOutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichSpout;
import org.apache.storm.tuple.Values;

/**
 * Reads one Kafka topic at least once and emits what each poll returns for a partition as one tuple:
 * a {@link RecordBatch} of the raw values ({@code byte[]}, null for a tombstone), with each record's key
 * and timestamp, in the field
 * {@value BatchFields#BATCH}, and its partition number in {@value BatchFields#PARTITION} (a fields grouping on it keeps
 * each partition's batches in order on one task). The batch is its own message id: when its tuple tree fails or times out, the same
 * records are emitted again (immediately the first time, then with a doubling delay up to
 * {@value #MAX_RETRY_DELAY_MS} ms), and offsets are committed, every commit period and on
 * deactivate, only up to the first batch not yet acked. {@code topology.max.spout.pending} therefore
 * counts batches, each at most {@code max.poll.records} records.
 *
 * <p>Replays are unlimited unless {@link #withMaxRetries} sets a limit. A batch that fails once more
 * than that is given up: its records go, as one {@link io.datainmotion.records.MessageBatch} of dead
 * letters with reason {@value #RETRIES_EXHAUSTED}, on the {@value DeadLetters#STREAM} stream; once
 * that tuple is acked (the letters are written) the spout emits the batch again without its records,
 * with the same {@link SourceRange}, so that stages keeping each partition in order move past it; its
 * ack lets the offset be committed like any other batch's.
 *
 * <p>Partitions are assigned by task: task i of n reads the partitions whose index modulo n is i, and
 * partitions added to the topic are picked up within {@value #PARTITION_REFRESH_MS} ms. A partition
 * without a committed offset starts where the consumer's {@code auto.offset.reset} says, or at a
 * time given with {@link #withStartTimestamp}. Each batch carries the {@link SourceRange} of positions
 * it covers: the batches of a partition chain without a gap from where reading began, and offsets are
 * committed at batch boundaries.
 *
 * <p>Metrics: {@code records.emitted}, {@code records.replayed}, {@code batches.replayed},
 * {@code records.acked}, the gauge {@code records.lag} (records
 * behind the end of the assigned partitions, as of the last poll), and per assigned partition the gauge
 * {@code records.lag.<topic>-<partition>} (Kafka's name for a partition; Storm's own KafkaSpout reports
 * the same figure as {@code kafkaOffset.<topic>/partition_<n>/spoutLag}). A partition's gauge is
 * registered when the partition is assigned and reports nothing (null) while its lag is unknown (before
 * the consumer has fetched from it) or the partition is not in the task's assignment.
 */
public class KafkaBatchSpout extends BaseRichSpout {


    /** {@link #withStartTimestamp} off: a partition without a committed offset starts at auto.offset.reset. */
    public static final long NO_START_TIMESTAMP = -1;
    /** {@link #withMaxRetries} off: a failed batch is replayed until it is acked. */
    public static final int UNLIMITED_RETRIES = -1;
    /** The reason of the dead letters of a batch given up after {@link #withMaxRetries} replays. */
    public static final String RETRIES_EXHAUSTED = "retries-exhausted";
    static final long MAX_RETRY_DELAY_MS = 10_000;
    static final long PARTITION_REFRESH_MS = 10_000;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(10);

    private final Properties consumerProperties;
    private final String topic;
    private final long commitPeriodMs;
    private long startTimestampMs = NO_START_TIMESTAMP;
    private int maxRetries = UNLIMITED_RETRIES;

    private transient Consumer<byte[], byte[]> consumer;
    private transient SpoutOutputCollector collector;
    private transient int taskIndex;
    private transient int taskCount;
    /** This task's partitions, kept here: the consumer's {@code assignment()} copies its set on every call. */
    private transient List<TopicPartition> assigned;
    private transient OffsetLedger ledger;
    private transient Map<Integer, Long> committed;
    /** Per partition, where the next batch starts: the end of the last one emitted. */
    private transient Map<Integer, Long> nextStart;
    /** Per partition, the committed position, or where reading began: the start of a {@code resumesCommitted} batch. */
    private transient Map<Integer, Long> resumePosition;
    private transient PriorityQueue<Retry> retries;
    /** Failures so far, per message id still in flight that has failed: a batch or its {@link GivenUp} letters. */
    private transient Map<Object, Integer> attempts;
    private transient long nextCommitNanos;
    private transient long nextRefreshNanos;
    private transient Counter emitted;
    private transient Counter replayedRecords;
    private transient Counter replayedBatches;
    private transient Counter acked;
    private transient Counter deadLettered;
    private transient String componentId;
    private transient volatile long lag;
    /** Per partition read, its lag as of the last poll: replaced whole, since the metrics reporter reads it. */
    private transient volatile Map<Integer, Long> partitionLag;
    private transient TopologyContext context;
    private transient Set<Integer> lagGauges;
    private transient TaskLog log;
    private transient TaskLog.Tally replays;
    private transient TaskLog.Tally givenUp;

    /** A message id due to be emitted (again) at {@code dueNanos}: a {@link RecordBatch} or a {@link GivenUp}. */
    private record Retry(long dueNanos, Object messageId) {}

    /** The message id of the dead letters of a batch given up: the batch, and its letters, built once. */
    private record GivenUp(RecordBatch<byte[]> batch, MessageBatch letters) {}

    /**
     * @param consumerProperties the consumer's settings (bootstrap.servers, group.id, security,
     *     max.poll.records, auto.offset.reset); deserializers and auto commit are the spout's own
     * @param topic the topic to read
     * @param commitPeriodMs how often acked offsets are committed
     */
    public KafkaBatchSpout(Properties consumerProperties, String topic, long commitPeriodMs) {
        if (consumerProperties.getProperty(ConsumerConfig.GROUP_ID_CONFIG, "").isBlank()) {
            throw new IllegalArgumentException("the consumer properties need a group.id: offsets are committed");
        }
        if (commitPeriodMs <= 0) {
            throw new IllegalArgumentException("commitPeriodMs must be positive, got " + commitPeriodMs);
        }
        this.consumerProperties = consumerProperties;
        this.topic = topic;
        this.commitPeriodMs = commitPeriodMs;
    }

    /**
     * Flux config method: a partition the consumer group has no committed offset for starts at its first
     * record with a timestamp at or after this time (epoch milliseconds), or at its end if there is
     * none; {@value #NO_START_TIMESTAMP} leaves it to {@code auto.offset.reset}. Committed offsets
     * always win, so a restarted topology resumes where it was.
     */
    public KafkaBatchSpout withStartTimestamp(long epochMillis) {
        this.startTimestampMs = epochMillis;
        return this;
    }

    /**
     * Flux config method: how many times a failed or timed-out batch is replayed before its records are
     * dead-lettered ({@value #RETRIES_EXHAUSTED}) and its partition moves on; {@value #UNLIMITED_RETRIES}
     * (the default) replays it until it succeeds. A limit needs the spout's {@value DeadLetters#STREAM}
     * stream wired to a dead-letter sink, or the spout refuses to open: letters nobody receives would
     * be acked at once, and the records lost.
     */
    public KafkaBatchSpout withMaxRetries(int maxRetries) {
        if (maxRetries < UNLIMITED_RETRIES) {
            throw new IllegalArgumentException("maxRetries must be " + UNLIMITED_RETRIES + " (unlimited) or at least 0, got " + maxRetries);
        }
        this.maxRetries = maxRetries;
        return this;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        Properties settings = new Properties();
        settings.putAll(consumerProperties);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.log = TaskLog.of(KafkaBatchSpout.class, conf, context);
        open(new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer()), context, collector);
        log.info("reading topic {} as consumer group {} (task {} of {}), committing every {} ms", topic,
                settings.getProperty(ConsumerConfig.GROUP_ID_CONFIG), taskIndex + 1, taskCount, commitPeriodMs);
    }

    void open(Consumer<byte[], byte[]> consumer, TopologyContext context, SpoutOutputCollector collector) {
        if (log == null) {
            log = TaskLog.of(KafkaBatchSpout.class, Map.of(), context);
        }
        if (maxRetries != UNLIMITED_RETRIES && context.getThisTargets().getOrDefault(DeadLetters.STREAM, Map.of()).isEmpty()) {
            throw new IllegalStateException("spout " + context.getThisComponentId() + " has a retry limit (" + maxRetries
                    + ") but its " + DeadLetters.STREAM + " stream goes nowhere: wire it to a dead-letter sink");
        }
        this.replays = log.tally("replaying failed or timed-out batches");
        this.givenUp = log.tally("records dead-lettered (" + RETRIES_EXHAUSTED + ")");
        this.componentId = context.getThisComponentId();
        this.consumer = consumer;
        this.collector = collector;
        this.context = context;
        this.taskIndex = context.getThisTaskIndex();
        this.taskCount = context.getComponentTasks(context.getThisComponentId()).size();
        this.assigned = List.of();
        this.ledger = new OffsetLedger();
        this.committed = new HashMap<>();
        this.nextStart = new HashMap<>();
        this.resumePosition = new HashMap<>();
        this.retries = new PriorityQueue<>(Comparator.comparingLong(Retry::dueNanos));
        this.attempts = new IdentityHashMap<>();
        this.emitted = context.registerCounter("records.emitted");
        this.replayedRecords = context.registerCounter("records.replayed");
        this.replayedBatches = context.registerCounter("batches.replayed");
        this.acked = context.registerCounter("records.acked");
        this.deadLettered = context.registerCounter("records.deadlettered");
        context.registerGauge("records.lag", (Gauge<Long>) () -> lag);
        this.partitionLag = Map.of();
        this.lagGauges = new HashSet<>();
        long now = System.nanoTime();
        this.nextCommitNanos = now + commitPeriodMs * 1_000_000;
        this.nextRefreshNanos = now;
    }

    @Override
    public void nextTuple() {
        long now = System.nanoTime();
        if (now >= nextRefreshNanos) {
            assignPartitions();
            // An idle partition's lag is otherwise never read: no poll returns its records.
            updateLag();
            nextRefreshNanos = now + PARTITION_REFRESH_MS * 1_000_000;
        }
        if (now >= nextCommitNanos) {
            commit();
            nextCommitNanos = now + commitPeriodMs * 1_000_000;
        }
        Retry due = retries.peek();
        if (due != null && due.dueNanos() <= now) {
            retries.poll();
            emitAgain(due.messageId());
            return;
        }
        if (assigned.isEmpty()) {
            return;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (TopicPartition partition : records.partitions()) {
            emit(partition, records.records(partition));
        }
        if (!records.isEmpty()) {
            updateLag();
        }
    }

    private void emit(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        int number = partition.partition();
        long start = nextStart.get(number);
        long end = records.get(records.size() - 1).offset() + 1;
        SourceRange range = new SourceRange(partition.topic(), number, start, end, start == resumePosition.get(number));
        RecordBatch.Builder<byte[]> builder = RecordBatch.builder(range, records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            builder.add(record.value(), record.offset(), record.key(), record.timestamp());
        }
        RecordBatch<byte[]> batch = builder.build();
        nextStart.put(number, end);
        ledger.emitted(number, start, end);
        emitted.inc(batch.size());
        collector.emit(BatchFields.tuple(batch), batch);
    }

    @SuppressWarnings("unchecked")
    private void emitAgain(Object messageId) {
        if (messageId instanceof GivenUp letters) {
            collector.emit(DeadLetters.STREAM, new Values(letters.letters()), letters);
        } else {
            RecordBatch<byte[]> batch = (RecordBatch<byte[]>) messageId;
            replayedBatches.inc();
            replayedRecords.inc(batch.size());
            collector.emit(BatchFields.tuple(batch), batch);
        }
    }

    private void updateLag() {
        long total = 0;
        Map<Integer, Long> byPartition = new HashMap<>();
        for (TopicPartition partition : assigned) {
            OptionalLong behind = consumer.currentLag(partition);
            if (behind.isPresent()) {
                byPartition.put(partition.partition(), behind.getAsLong());
                total += behind.getAsLong();
            }
        }
        partitionLag = Map.copyOf(byPartition);
        lag = total;
    }

    private void registerLagGauge(int partition) {
        if (lagGauges.add(partition)) {
            context.registerGauge("records.lag." + topic + "-" + partition, (Gauge<Long>) () -> partitionLag.get(partition));
        }
    }

    private void assignPartitions() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        List<TopicPartition> mine = new ArrayList<>();
        for (PartitionInfo info : partitions == null ? List.<PartitionInfo>of() : partitions) {
            if (info.partition() % taskCount == taskIndex) {
                mine.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (!assigned.containsAll(mine)) {
            consumer.assign(mine);
            List<TopicPartition> added = mine.stream().filter(p -> !assigned.contains(p)).toList();
            if (startTimestampMs != NO_START_TIMESTAMP) {
                seekToStartTimestamp(added);
            }
            for (TopicPartition partition : added) {
                long position = consumer.position(partition);
                nextStart.put(partition.partition(), position);
                resumePosition.put(partition.partition(), position);
                registerLagGauge(partition.partition());
            }
            log.info("partitions assigned: {} of topic {} ({} in all; was {})",
                    mine.stream().map(TopicPartition::partition).sorted().toList(), topic,
                    partitions == null ? 0 : partitions.size(),
                    assigned.stream().map(TopicPartition::partition).sorted().toList());
            assigned = List.copyOf(mine);
        }
    }

    private void seekToStartTimestamp(List<TopicPartition> added) {
        Map<TopicPartition, OffsetAndMetadata> committedOffsets = consumer.committed(new java.util.HashSet<>(added));
        Map<TopicPartition, Long> uncommitted = new HashMap<>();
        for (TopicPartition partition : added) {
            if (committedOffsets.get(partition) == null) {
                uncommitted.put(partition, startTimestampMs);
            }
        }
        if (uncommitted.isEmpty()) {
            return;
        }
        consumer.offsetsForTimes(uncommitted).forEach((partition, found) -> {
            if (found == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, found.offset());
            }
        });
        log.info("partitions {} without a committed offset start at timestamp {}",
                uncommitted.keySet().stream().map(TopicPartition::partition).sorted().toList(),
                java.time.Instant.ofEpochMilli(startTimestampMs));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void ack(Object messageId) {
        attempts.remove(messageId);
        if (messageId instanceof GivenUp letters) {
            // The letters are written: what is left of the batch is its range, for the stages downstream.
            deadLettered.inc(letters.letters().size());
            givenUp.add(letters.letters().size(), letters.batch().range() + " after " + maxRetries + " retries");
            RecordBatch<byte[]> rangeOnly = RecordBatch.<byte[]>derivedFrom(letters.batch(), 0).build();
            collector.emit(BatchFields.tuple(rangeOnly), rangeOnly);
            return;
        }
        RecordBatch<byte[]> batch = (RecordBatch<byte[]>) messageId;
        acked.inc(batch.size());
        ledger.acked(batch.partition(), batch.range().start());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fail(Object messageId) {
        int attempt = attempts.merge(messageId, 1, Integer::sum);
        long delayMs = attempt == 1 ? 0 : Math.min(MAX_RETRY_DELAY_MS, 1L << Math.min(attempt, 20));
        long dueNanos = System.nanoTime() + delayMs * 1_000_000;
        if (messageId instanceof GivenUp letters) {
            // The dead-letter sink failed: the letters are sent again, however often, since giving them
            // up too would lose the records.
            retries.add(new Retry(dueNanos, letters));
            replays.add(0, letters.batch().range() + ": its dead letters, attempt " + (attempt + 1) + " in " + delayMs + " ms");
            return;
        }
        RecordBatch<byte[]> batch = (RecordBatch<byte[]>) messageId;
        if (maxRetries != UNLIMITED_RETRIES && attempt > maxRetries && !batch.isEmpty()) {
            attempts.remove(batch);
            retries.add(new Retry(System.nanoTime(), giveUp(batch)));
            return;
        }
        retries.add(new Retry(dueNanos, batch));
        replays.add(batch.size(), batch.range() + ", attempt " + (attempt + 1) + " in " + delayMs + " ms");
    }

    private GivenUp giveUp(RecordBatch<byte[]> batch) {
        DeadLetters letters = new DeadLetters(componentId);
        Rejection rejection = new Rejection(RETRIES_EXHAUSTED,
                "its batch " + batch.range() + " failed or timed out " + (maxRetries + 1) + " times");
        for (int i = 0; i < batch.size(); i++) {
            letters.add(batch.source(i), batch.original(i), rejection);
        }
        return new GivenUp(batch, letters.take());
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Map.Entry<Integer, Long> entry : ledger.committable().entrySet()) {
            Long previous = committed.get(entry.getKey());
            if (previous == null || previous < entry.getValue()) {
                offsets.put(new TopicPartition(topic, entry.getKey()), new OffsetAndMetadata(entry.getValue()));
            }
        }
        if (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets);
            } catch (InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                // Nothing is lost: the acked offsets stay in the ledger and go with the next commit.
                log.warn("commit of {} failed, retried in {} ms: {}", committedOffsets(offsets), commitPeriodMs, e.toString());
                return;
            }
            offsets.forEach((partition, offset) -> {
                committed.put(partition.partition(), offset.offset());
                resumePosition.put(partition.partition(), offset.offset());
            });
            log.debug("committed {}", committedOffsets(offsets));
        }
    }

    private static Map<Integer, Long> committedOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<Integer, Long> byPartition = new java.util.TreeMap<>();
        offsets.forEach((partition, offset) -> byPartition.put(partition.partition(), offset.offset()));
        return byPartition;
    }

    @Override
    public void deactivate() {
        commit();
    }

    @Override
    public void close() {
        try {
            commit();
        } finally {
            consumer.close();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(BatchFields.FIELDS);
        DeadLetters.declare(declarer);
    }
}
