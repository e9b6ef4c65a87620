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
import io.datainmotion.batch.DeadLetters;
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

    /** Named settings (Flux configMethods); see {@link #SimulatedSensorSpout()} for which are required. */
    private Long seed;
    private Integer sensors;
    private long count;
    private Double readingsPerSecond;
    private String faults = "";
    private double faultRate;
    private long disorderMillis;
    private long lateDelayMillis;
    private transient SpoutOutputCollector collector;
    private transient SensorSimulator simulator;
    private transient Map<Long, RecordBatch<byte[]>> inFlight;
    private transient Queue<Long> toRetry;
    private transient long nextSequence;
    private transient long startNanos;

    /**
     * Settings come by name, as Flux {@code configMethods}: {@code withSeed}, {@code withSensors} and
     * {@code withReadingsPerSecond} are required; {@code withCount} (default 0: endless),
     * {@code withFaults} (default none), {@code withFaultRate}, {@code withDisorderMillis} and
     * {@code withLateDelayMillis} (default 0) are not.
     */
    public SimulatedSensorSpout() {
    }

    public SimulatedSensorSpout withSeed(long seed) {
        this.seed = seed;
        return this;
    }

    public SimulatedSensorSpout withSensors(int sensors) {
        if (sensors <= 0) {
            throw new IllegalArgumentException("sensors must be positive, got " + sensors);
        }
        this.sensors = sensors;
        return this;
    }

    /** @param count messages of clean readings to generate; 0 for an endless stream */
    public SimulatedSensorSpout withCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        this.count = count;
        return this;
    }

    public SimulatedSensorSpout withReadingsPerSecond(double readingsPerSecond) {
        if (!(readingsPerSecond > 0)) {
            throw new IllegalArgumentException("readings per second must be positive, got " + readingsPerSecond);
        }
        this.readingsPerSecond = readingsPerSecond;
        return this;
    }

    /** @param faults comma-separated {@link Fault} names as on the command line ("" for none) */
    public SimulatedSensorSpout withFaults(String faults) {
        parseFaults(faults);
        this.faults = faults;
        return this;
    }

    public SimulatedSensorSpout withFaultRate(double faultRate) {
        if (!(faultRate >= 0.0 && faultRate <= 1.0)) {
            throw new IllegalArgumentException("fault rate must be in [0, 1], got " + faultRate);
        }
        this.faultRate = faultRate;
        return this;
    }

    public SimulatedSensorSpout withDisorderMillis(long disorderMillis) {
        this.disorderMillis = nonNegative("disorder", disorderMillis);
        return this;
    }

    public SimulatedSensorSpout withLateDelayMillis(long lateDelayMillis) {
        this.lateDelayMillis = nonNegative("late delay", lateDelayMillis);
        return this;
    }

    private static long nonNegative(String what, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + millis + " ms");
        }
        return millis;
    }

    /**
     * Refuses a spout missing a required setting. Storm's TopologyBuilder asks every component for its
     * configuration when the topology is built, after Flux has called the configMethods: the check
     * runs there, on the submitting machine, rather than in a worker.
     */
    @Override
    public Map<String, Object> getComponentConfiguration() {
        settings(0);
        return super.getComponentConfiguration();
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
        List<String> missing = new ArrayList<>();
        if (seed == null) {
            missing.add("withSeed");
        }
        if (sensors == null) {
            missing.add("withSensors");
        }
        if (readingsPerSecond == null) {
            missing.add("withReadingsPerSecond");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs the configMethods " + missing);
        }
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
        // The Kafka spout's streams, so that the graph wired for it takes this spout unchanged; this one
        // never gives a batch up, so nothing goes out on it.
        DeadLetters.declare(declarer);
    }
}
