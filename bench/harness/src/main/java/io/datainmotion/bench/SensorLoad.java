package io.datainmotion.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.Outcome;
import io.datainmotion.sensors.AlertRule;
import io.datainmotion.sensors.ReadingParser;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.SensorSimulator;
import io.datainmotion.sensors.SimulatedMessage;
import io.datainmotion.sensors.ThresholdMapping;
import io.datainmotion.sensors.WindowAggregator;
import io.datainmotion.sensors.WindowConfig;
import io.datainmotion.sensors.WindowResult;

/**
 * The readings of a sensors run: {@code readings} clean simulated readings ({@link SensorSimulator}, one
 * a millisecond of event time, round-robin over the sensors, from an epoch-aligned window start), then
 * a closing round: one reading per sensor, in the same order, a window and the allowed lateness after
 * the last window with data, so every window with data closes, in the topology (whose watermark is per
 * sensor) and in Kafka Streams (whose stream time is per partition) alike.
 *
 * <p>Each sensor reports once every {@code sensors} ms, which must be at most the allowed lateness
 * (and so at most a window): then every sensor has readings in the first window, the first window
 * closes with the same reading in both engines, and no window is closed in either before the closing
 * round unless it is in both. So both engines start emitting with reading {@link Expected#firstClosingReading()}
 * and emit the first window of the closing round with reading {@link #readings()}; the throughput
 * between those two marks ({@link WindowedThroughput}) means the same for both.
 */
final class SensorLoad {

    /** 2025-11-24 16:00 UTC: a round minute, so windows of whole seconds start on it. */
    private static final long EPOCH_ALIGNED_START = 1_764_000_000_000L;
    private static final long INTERVAL_MILLIS = 1;
    private static final double CLOSING_TEMPERATURE = 20.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final int sensors;
    private final long readings;
    private final WindowConfig windows;
    private final long startMillis;

    SensorLoad(long seed, int sensors, long readings, WindowConfig windows) {
        if (sensors < 1 || readings < 1) {
            throw new IllegalArgumentException("need at least one sensor and one reading");
        }
        long roundMillis = sensors * INTERVAL_MILLIS;
        if (roundMillis > windows.allowedLatenessMillis() || roundMillis > windows.windowMillis()) {
            throw new IllegalArgumentException(sensors + " sensors report every " + roundMillis
                    + " ms; that must be at most the allowed lateness (" + windows.allowedLatenessMillis()
                    + " ms) and the window (" + windows.windowMillis() + " ms)");
        }
        this.seed = seed;
        this.sensors = sensors;
        this.readings = readings;
        this.windows = windows;
        this.startMillis = windows.windowStart(EPOCH_ALIGNED_START);
    }

    int sensors() {
        return sensors;
    }

    /** The simulated readings, before the closing round. */
    long readings() {
        return readings;
    }

    /** Every record of the input topic: the readings and the closing round. */
    long total() {
        return readings + sensors;
    }

    /** Every record of the input topic, keyed by sensor id, in order; the same on every call. */
    Iterator<SimulatedMessage> messages() {
        SensorSimulator simulator = new SensorSimulator(SensorSimulator.Settings.clean(seed, sensors, readings,
                startMillis, INTERVAL_MILLIS));
        long lastReading = startMillis + (readings - 1) * INTERVAL_MILLIS;
        long closingRound = windows.windowStart(lastReading) + windows.windowMillis() + windows.allowedLatenessMillis();
        Stream<SimulatedMessage> closing = IntStream.range(0, sensors).mapToObj(sensor ->
                closingReading(SensorSimulator.sensorId(sensor), closingRound + sensor * INTERVAL_MILLIS));
        return Stream.concat(StreamSupport.stream(Spliterators.spliteratorUnknownSize(simulator, Spliterator.ORDERED), false),
                closing).iterator();
    }

    private static SimulatedMessage closingReading(String sensorId, long timestamp) {
        return new SimulatedMessage(sensorId, JSON.createObjectNode().put("sensorId", sensorId).put("timestamp", timestamp)
                .put("temperature", CLOSING_TEMPERATURE).toString());
    }

    /**
     * What the topology's window logic ({@link WindowAggregator}, the same per-sensor windows as the
     * window bolt) makes of the readings: every window closed, keyed as on the averages topic; the alerts;
     * the index of the first reading that closes a window; the windows the closing round closes.
     */
    record Expected(Map<String, WindowResult> windows, Set<String> alerts, long firstClosingReading,
                    Set<String> closedByClosingRound) {}

    Expected expected(int maxReadingBytes, ThresholdMapping threshold, AlertRule alertRule) {
        ReadingParser parser = new ReadingParser(maxReadingBytes);
        WindowAggregator aggregator = new WindowAggregator(windows);
        Map<String, WindowResult> closed = new HashMap<>();
        Set<String> alerts = new HashSet<>();
        Set<String> closedByClosingRound = new HashSet<>();
        long firstClosing = -1;
        long index = 0;
        for (Iterator<SimulatedMessage> messages = messages(); messages.hasNext(); index++) {
            if (!(parser.parse(messages.next().value()) instanceof Outcome.Accepted<SensorReading> valid)) {
                throw new IllegalStateException("the simulator made an invalid reading at " + index);
            }
            double celsius = valid.value().temperatureCelsius();
            for (WindowResult window : aggregator.offer(valid.value(), threshold.map(celsius) == 1.0).closedWindows()) {
                closed.put(window.key(), window);
                alertRule.evaluate(window).ifPresent(alert -> alerts.add(alert.key()));
                if (index >= readings) {
                    closedByClosingRound.add(window.key());
                }
                if (firstClosing < 0) {
                    firstClosing = index;
                }
            }
        }
        if (firstClosing >= readings) {
            throw new IllegalArgumentException("no window closes before the closing round: " + readings
                    + " readings span less than a window and the allowed lateness; use more --records");
        }
        return new Expected(closed, alerts, firstClosing, closedByClosingRound);
    }
}
