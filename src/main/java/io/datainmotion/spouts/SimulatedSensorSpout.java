package io.datainmotion.spouts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Collectors;

import io.datainmotion.bolts.KafkaFields;
import io.datainmotion.sensors.Fault;
import io.datainmotion.sensors.SensorSimulator;
import io.datainmotion.sensors.SimulatedMessage;
import org.apache.storm.spout.SpoutOutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichSpout;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Values;

/**
 * Simulated sensors inside the topology, for running the sensor pipeline without Kafka: emits the same
 * fields as storm-kafka-client's default record translator (topic {@value #TOPIC}, partition 0, the
 * message's sequence number as offset, key, value as UTF-8 bytes), so that replacing the KafkaSpout
 * by this one is a YAML change only.
 *
 * <p>Reliable: every message is emitted with its sequence number as message id and kept until acked;
 * a failed one is emitted again, before any new message. {@code topology.max.spout.pending} bounds the
 * number kept. It has no durable position: a restarted spout starts a new run, with event times from
 * the moment it opens. Readings are paced at {@code readingsPerSecond}, and event time advances at the
 * same rate.
 */
public class SimulatedSensorSpout extends BaseRichSpout {

    public static final String TOPIC = "simulated-sensors";

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
    private transient Map<Long, SimulatedMessage> inFlight;
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
        if (!dueNow() || !simulator.hasNext()) {
            return;
        }
        long sequence = nextSequence++;
        SimulatedMessage message = simulator.next();
        inFlight.put(sequence, message);
        emit(sequence, message);
    }

    private boolean dueNow() {
        double elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
        return nextSequence < elapsedSeconds * readingsPerSecond + 1;
    }

    private void emit(long sequence, SimulatedMessage message) {
        byte[] value = message.value().getBytes(StandardCharsets.UTF_8);
        collector.emit(new Values(TOPIC, 0, sequence, message.key(), value), sequence);
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
        declarer.declare(new Fields(KafkaFields.TOPIC, KafkaFields.PARTITION, KafkaFields.OFFSET, KafkaFields.KEY,
                KafkaFields.VALUE));
    }
}
