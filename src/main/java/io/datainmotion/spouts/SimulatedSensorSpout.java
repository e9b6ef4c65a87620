package io.datainmotion.spouts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Collectors;

import io.datainmotion.batch.BatchFields;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;
import io.datainmotion.sensors.Fault;
import io.datainmotion.sensors.SensorSimulator;
import org.apache.storm.spout.SpoutOutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichSpout;

/**
 * Simulated sensors inside the topology, for running the sensor pipeline without Kafka: emits the same
 * fields as {@link io.datainmotion.batch.KafkaBatchSpout}: a {@link RecordBatch} of messages (topic {@value #TOPIC},
 * partition 0, each message's sequence number as its offset, the value as UTF-8 bytes), so that
 * replacing the Kafka spout by this one is a YAML change only.
 *
 * <p>Each call emits the messages that are due as one batch (at most {@value #MAX_BATCH}), with the
 * sequence number of its first as message id, kept until acked; a failed batch is emitted again,
 * before any new message. {@code topology.max.spout.pending} bounds the number of batches kept. It has
 * no durable position: a restarted spout starts a new run, with event times from the moment it opens. Readings are paced at {@code readingsPerSecond}, and event time advances at the
 * same rate.
 */
public class SimulatedSensorSpout extends BaseRichSpout {

    public static final String TOPIC = "simulated-sensors";
    /** At most this many messages per batch, when the spout is behind its rate. */
    static final int MAX_BATCH = 500;

    private final long seed;
    private final int sensors;
    private final long count;
    private final double readingsPerSecond;
    private final String faults;
    private final double faultRate;
    private final long disorderMillis;
    private final long lateDelayMillis;
    private transient SpoutOutputCollector collector;
    private transient SensorSimulator simulator;
    private transient Map<Long, RecordBatch<byte[]>> inFlight;
    private transient Queue<Long> toRetry;
    private transient long nextSequence;
    private transient long startNanos;

    /**
     * @param faults comma-separated {@link Fault} names as on the command line ("" for none)
     * @param count  messages of clean readings to generate; 0 for an endless stream
     */
    public SimulatedSensorSpout(long seed, int sensors, long count, double readingsPerSecond, String faults,
                                double faultRate, long disorderMillis, long lateDelayMillis) {
        if (!(readingsPerSecond > 0)) {
            throw new IllegalArgumentException("readings per second must be positive, got " + readingsPerSecond);
        }
        this.seed = seed;
        this.sensors = sensors;
        this.count = count;
        this.readingsPerSecond = readingsPerSecond;
        this.faults = faults;
        this.faultRate = faultRate;
        this.disorderMillis = disorderMillis;
        this.lateDelayMillis = lateDelayMillis;
        settings(0); // refuses bad settings when the topology is built, not in a worker
    }

    /** Parses a comma-separated list of fault names; blank means none. */
    public static Set<Fault> parseFaults(String names) {
        if (names == null || names.isBlank()) {
            return EnumSet.noneOf(Fault.class);
        }
        return Arrays.stream(names.split(",")).map(Fault::fromCliName)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Fault.class)));
    }

    private SensorSimulator.Settings settings(long startMillis) {
        long intervalMillis = Math.max(1, Math.round(1000.0 / readingsPerSecond));
        return new SensorSimulator.Settings(seed, sensors, count, startMillis, intervalMillis, parseFaults(faults),
                faultRate, disorderMillis, lateDelayMillis);
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.simulator = new SensorSimulator(settings(System.currentTimeMillis()));
        this.inFlight = new HashMap<>();
        this.toRetry = new ArrayDeque<>();
        this.startNanos = System.nanoTime();
    }

    @Override
    public void nextTuple() {
        Long retry = toRetry.poll();
        if (retry != null) {
            emit(retry, inFlight.get(retry));
            return;
        }
        long due = Math.min(dueMessages(), MAX_BATCH);
        if (due <= 0 || !simulator.hasNext()) {
            return;
        }
        long first = nextSequence;
        List<byte[]> values = new ArrayList<>((int) due);
        for (long i = 0; i < due && simulator.hasNext(); i++) {
            values.add(simulator.next().value().getBytes(StandardCharsets.UTF_8));
        }
        nextSequence += values.size();
        RecordBatch.Builder<byte[]> batch = RecordBatch.builder(new SourceRange(TOPIC, 0, first, nextSequence, first == 0), values.size());
        for (int i = 0; i < values.size(); i++) {
            batch.add(values.get(i), first + i);
        }
        RecordBatch<byte[]> built = batch.build();
        inFlight.put(first, built);
        emit(first, built);
    }

    /** Messages whose time has come at the configured rate and are not emitted yet. */
    private long dueMessages() {
        double elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
        return (long) (elapsedSeconds * readingsPerSecond) + 1 - nextSequence;
    }

    private void emit(long firstSequence, RecordBatch<byte[]> batch) {
        collector.emit(BatchFields.tuple(batch), firstSequence);
    }

    @Override
    public void ack(Object messageId) {
        inFlight.remove((Long) messageId);
    }

    @Override
    public void fail(Object messageId) {
        toRetry.add((Long) messageId);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(BatchFields.FIELDS);
    }
}
