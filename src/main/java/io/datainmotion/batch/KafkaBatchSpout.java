package io.datainmotion.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import io.datainmotion.records.RecordBatch;
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

/**
 * Reads one Kafka topic at least once and emits what each poll returns for a partition as one tuple:
 * a {@link RecordBatch} of the raw values ({@code byte[]}, null for a tombstone) in the field
 * {@value BatchFields#BATCH}, and its partition number in {@value BatchFields#PARTITION} (a fields grouping on it keeps
 * each partition's batches in order on one task). The batch is its own message id: when its tuple tree fails or times out, the same
 * records are emitted again (immediately the first time, then with a doubling delay up to
 * {@value #MAX_RETRY_DELAY_MS} ms), and offsets are committed, every commit period and on
 * deactivate, only up to the first batch not yet acked. {@code topology.max.spout.pending} therefore
 * counts batches, each at most {@code max.poll.records} records.
 *
 * <p>Partitions are assigned by task: task i of n reads the partitions whose index modulo n is i, and
 * partitions added to the topic are picked up within {@value #PARTITION_REFRESH_MS} ms. A partition
 * without a committed offset starts where the consumer's {@code auto.offset.reset} says, or at a
 * time given with {@link #withStartTimestamp}. Each batch carries the {@link SourceRange} of positions
 * it covers: the batches of a partition chain without a gap from where reading began, and offsets are
 * committed at batch boundaries.
 *
 * <p>Metrics: {@code records.emitted}, {@code records.replayed}, {@code batches.replayed},
 * {@code records.acked} and the gauge {@code records.lag} (records
 * behind the end of the assigned partitions, as of the last poll).
 */
public class KafkaBatchSpout extends BaseRichSpout {


    /** {@link #withStartTimestamp} off: a partition without a committed offset starts at auto.offset.reset. */
    public static final long NO_START_TIMESTAMP = -1;
    static final long MAX_RETRY_DELAY_MS = 10_000;
    static final long PARTITION_REFRESH_MS = 10_000;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(10);

    private final Properties consumerProperties;
    private final String topic;
    private final long commitPeriodMs;
    private long startTimestampMs = NO_START_TIMESTAMP;

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
    private transient Map<RecordBatch<byte[]>, Integer> attempts;
    private transient long nextCommitNanos;
    private transient long nextRefreshNanos;
    private transient Counter emitted;
    private transient Counter replayedRecords;
    private transient Counter replayedBatches;
    private transient Counter acked;
    private transient volatile long lag;
    private transient TaskLog log;
    private transient TaskLog.Tally replays;

    private record Retry(long dueNanos, RecordBatch<byte[]> batch) {}

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
        this.replays = log.tally("replaying failed or timed-out batches");
        this.consumer = consumer;
        this.collector = collector;
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
        context.registerGauge("records.lag", (Gauge<Long>) () -> lag);
        long now = System.nanoTime();
        this.nextCommitNanos = now + commitPeriodMs * 1_000_000;
        this.nextRefreshNanos = now;
    }

    @Override
    public void nextTuple() {
        long now = System.nanoTime();
        if (now >= nextRefreshNanos) {
            assignPartitions();
            nextRefreshNanos = now + PARTITION_REFRESH_MS * 1_000_000;
        }
        if (now >= nextCommitNanos) {
            commit();
            nextCommitNanos = now + commitPeriodMs * 1_000_000;
        }
        Retry due = retries.peek();
        if (due != null && due.dueNanos() <= now) {
            retries.poll();
            replayedBatches.inc();
            replayedRecords.inc(due.batch().size());
            collector.emit(BatchFields.tuple(due.batch()), due.batch());
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
            builder.add(record.value(), record.offset());
        }
        RecordBatch<byte[]> batch = builder.build();
        nextStart.put(number, end);
        ledger.emitted(number, start, end);
        emitted.inc(batch.size());
        collector.emit(BatchFields.tuple(batch), batch);
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition partition : assigned) {
            total += consumer.currentLag(partition).orElse(0);
        }
        lag = total;
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
        RecordBatch<byte[]> batch = (RecordBatch<byte[]>) messageId;
        attempts.remove(batch);
        acked.inc(batch.size());
        ledger.acked(batch.partition(), batch.range().start());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fail(Object messageId) {
        RecordBatch<byte[]> batch = (RecordBatch<byte[]>) messageId;
        int attempt = attempts.merge(batch, 1, Integer::sum);
        long delayMs = attempt == 1 ? 0 : Math.min(MAX_RETRY_DELAY_MS, 1L << Math.min(attempt, 20));
        retries.add(new Retry(System.nanoTime() + delayMs * 1_000_000, batch));
        replays.add(batch.size(), batch.range() + ", attempt " + (attempt + 1) + " in " + delayMs + " ms");
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
    }
}
