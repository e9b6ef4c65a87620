package io.datainmotion.bolts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.batch.BatchFields;
import io.datainmotion.batch.DeadLetters;
import io.datainmotion.batch.KafkaBatchBolt;
import io.datainmotion.batch.SourceOrder;
import io.datainmotion.batch.TaskLog;
import io.datainmotion.records.Rejection;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.sensors.AlertRule;
import io.datainmotion.sensors.RejectReason;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.SensorWindows;
import io.datainmotion.sensors.ThresholdMapping;
import io.datainmotion.sensors.ThresholdedReading;
import io.datainmotion.sensors.WindowConfig;
import io.datainmotion.sensors.WindowResult;
import org.apache.storm.Config;
import org.apache.storm.state.KeyValueState;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseStatefulBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.apache.storm.utils.ObjectReader;

/**
 * Per-sensor event-time tumbling windows with exact aggregates. Each input is a batch of
 * {@link ThresholdedReading}s of the sensors this task owns, split from one source batch by
 * {@link io.datainmotion.batch.KeyedBatchRouter} (empty when the source batch holds none of them). Emits
 * the windows closed since the last checkpoint as one {@link MessageBatch} on {@value #AVERAGES} (for
 * {@code sensor-averages}), the alerts among them as one on {@value #ALERTS}, and late readings as dead
 * letters (reason {@code late}), counted.
 *
 * <h2>The same windows whichever worker dies, and when</h2>
 * Event-time windows depend on order: the reading that moves a sensor's watermark past a window end
 * closes it, and a reading whose window closed is late. A sensor's readings share a source partition
 * (records are keyed by sensor id), so the result is exact when every task applies each partition's
 * records in offset order, each once. The state records, per source partition, the position up to which
 * its ranges were applied ({@link SourceOrder}), and commits it in the same checkpoint as the windows.
 * So after any failure (a rollback of the surviving tasks, a task restored from the durable state on a
 * new worker, a restarted spout reading from its committed offsets with other batch boundaries, tuples
 * of before the failure still in flight):
 * <ul>
 *   <li>a batch the state has applied already is a replay, skipped whole or in its applied part: its
 *       readings are neither counted again nor taken for late ones;</li>
 *   <li>a batch that starts beyond the applied position is held, unacked, until the ranges before it
 *       arrive (a held batch older than the message timeout is failed: its source replays it);</li>
 *   <li>so windows close exactly as they would have without the failure, and a window emitted before a
 *       rollback is emitted again identical (keyed by sensor and window start).</li>
 * </ul>
 *
 * <p>Closed windows are emitted when a checkpoint prepares, anchored to the readings that closed them,
 * and so are the dead letters of the late readings applied since the last one; the sinks send
 * synchronously, so a checkpoint that records a window as closed, or a reading as applied, commits only
 * after the window's record or the reading's dead letter is on the broker. A dead letter emitted at
 * once could be lost with its sink's worker while the checkpoint that records its reading as applied
 * still commits: the reading's replay would then be skipped, and its letter never written. Storm's StatefulBoltExecutor acks a reading only after the
 * checkpoint that contains it has committed, so the Kafka spout commits its offset only then.
 *
 * <p>State: one {@link SensorWindows} per sensor (count, exact sum, min, max, above-threshold count
 * and a bounded de-duplication set per open window) and one position per source partition, in a
 * {@link KeyValueState} that Storm checkpoints. Memory is O(sensors × open windows), whatever the
 * window length: Storm's windowed bolts would hold every tuple of a window until it closes.
 */
public class SensorWindowBolt extends BaseStatefulBolt<KeyValueState<String, Object>> {

    public static final String AVERAGES = "averages";
    public static final String ALERTS = "alerts";
    static final String OPEN_WINDOWS_GAUGE = "sensors.windows.open";
    static final String DEDUP_ENTRIES_GAUGE = "sensors.dedup.entries";
    static final String SENSORS_GAUGE = "sensors.tracked";
    static final String HELD_GAUGE = "batches.waiting";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENSOR_KEY = "sensor/";
    private static final String POSITION_KEY = "position/";

    /** Named settings (Flux configMethods), null until set; see {@link #requireSettings()}. */
    private Long windowSeconds;
    private Long allowedLatenessSeconds;
    private Double thresholdCelsius;
    private Double alertFraction;
    private WindowConfig windows;
    private AlertRule alertRule;
    private transient OutputCollector collector;
    private transient DeadLetters deadLetters;
    private transient TaskLog log;
    private transient long heldTimeoutNanos;
    private transient KeyValueState<String, Object> state;
    private transient AtomicLong openWindows;
    private transient AtomicLong dedupEntries;
    private transient AtomicLong sensors;
    /** Sensors whose state object is this bolt's own copy since the last checkpoint (see {@link #offer}). */
    private transient Set<String> copiedSinceCheckpoint;
    /** Batches that start beyond their partition's applied position, by partition key and range start. */
    private transient Map<String, TreeMap<Long, List<Held>>> held;
    private transient int heldCount;
    /** Set when Storm rolls the state back: the gauges are recounted from the restored state. */
    private transient boolean stateSizeUnknown;
    private transient Counter accepted;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter replayed;
    private transient Counter heldBatches;
    private transient Counter windowsEmitted;
    private transient Counter alerts;
    /** Window records and alerts closed since the last checkpoint, and the readings that closed them. */
    private transient MessageBatch.Builder closedWindows;
    private transient MessageBatch.Builder closedAlerts;
    private transient List<Tuple> closingReadings;
    /** The inputs that held the late readings whose dead letters wait in {@link #deadLetters}. */
    private transient List<Tuple> lateReadings;
    /** Windows emitted at prepares not yet committed: a rollback makes the replay emit them again. */
    private transient long emittedSinceCommit;
    private transient long replayedSinceLog;
    private transient long heldSinceLog;

    private record Held(Tuple tuple, RecordBatch<?> batch, long sinceNanos) {
    }

    /**
     * Settings come by name, as Flux {@code configMethods} ({@code withWindowSeconds},
     * {@code withAllowedLatenessSeconds}, {@code withThreshold}, {@code withAlertFraction}): all four
     * are required, so that two swapped YAML lines cannot swap two numbers. Each value is checked as it
     * is set, by the domain type that will hold it ({@link WindowConfig}, {@link ThresholdMapping},
     * {@link AlertRule}), before the other settings are known.
     */
    public SensorWindowBolt() {
    }

    /** @param seconds Flux property {@code sensors.window.seconds} */
    public SensorWindowBolt withWindowSeconds(long seconds) {
        new WindowConfig(seconds * 1000, 0);
        this.windowSeconds = seconds;
        return this;
    }

    /** @param seconds Flux property {@code sensors.allowed.lateness.seconds} */
    public SensorWindowBolt withAllowedLatenessSeconds(long seconds) {
        new WindowConfig(1, seconds * 1000);
        this.allowedLatenessSeconds = seconds;
        return this;
    }

    /** @param celsius Flux property {@code sensors.threshold}, quoted in alerts */
    public SensorWindowBolt withThreshold(double celsius) {
        new ThresholdMapping(celsius);
        this.thresholdCelsius = celsius;
        return this;
    }

    /** @param fraction Flux property {@code sensors.alert.fraction} */
    public SensorWindowBolt withAlertFraction(double fraction) {
        new AlertRule(fraction, 0.0);
        this.alertFraction = fraction;
        return this;
    }

    /**
     * Refuses a bolt missing a setting. Storm's TopologyBuilder asks every component for its
     * configuration when the topology is built, after Flux has called the configMethods: the check
     * runs there, on the submitting machine, rather than in a worker.
     */
    @Override
    public Map<String, Object> getComponentConfiguration() {
        requireSettings();
        return super.getComponentConfiguration();
    }

    private void requireSettings() {
        if (windows != null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (windowSeconds == null) {
            missing.add("withWindowSeconds");
        }
        if (allowedLatenessSeconds == null) {
            missing.add("withAllowedLatenessSeconds");
        }
        if (thresholdCelsius == null) {
            missing.add("withThreshold");
        }
        if (alertFraction == null) {
            missing.add("withAlertFraction");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs the configMethods " + missing);
        }
        windows = new WindowConfig(windowSeconds * 1000, allowedLatenessSeconds * 1000);
        alertRule = new AlertRule(alertFraction, thresholdCelsius);
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        requireSettings();
        this.collector = collector;
        this.deadLetters = new DeadLetters(context.getThisComponentId());
        this.log = TaskLog.of(SensorWindowBolt.class, topoConf, context);
        this.heldTimeoutNanos = TimeUnit.SECONDS.toNanos(
                ObjectReader.getInt(topoConf.get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS), 30));
        this.openWindows = new AtomicLong();
        this.dedupEntries = new AtomicLong();
        this.sensors = new AtomicLong();
        this.copiedSinceCheckpoint = new HashSet<>();
        this.held = new HashMap<>();
        context.registerGauge(OPEN_WINDOWS_GAUGE, (Gauge<Long>) openWindows::get);
        context.registerGauge(DEDUP_ENTRIES_GAUGE, (Gauge<Long>) dedupEntries::get);
        context.registerGauge(SENSORS_GAUGE, (Gauge<Long>) sensors::get);
        context.registerGauge(HELD_GAUGE, (Gauge<Integer>) () -> heldCount);
        this.accepted = context.registerCounter("readings.accepted");
        this.duplicates = context.registerCounter("readings.duplicate");
        this.late = context.registerCounter("readings.late");
        this.replayed = context.registerCounter("readings.replayed");
        this.heldBatches = context.registerCounter("batches.held");
        this.windowsEmitted = context.registerCounter("windows.emitted");
        this.alerts = context.registerCounter("alerts.emitted");
        clearClosedWindows();
    }

    @Override
    public void initState(KeyValueState<String, Object> state) {
        this.state = state;
        Map<String, Long> positions = recountStateSize();
        log.info("state ready: {} sensors, {} open windows, applied up to {}", sensors.get(),
                openWindows.get(), positions.isEmpty() ? "nothing yet" : positions);
    }

    @Override
    public void prePrepare(long txid) {
        emittedSinceCommit += closedWindows.size();
        emitClosedWindows();
        copiedSinceCheckpoint.clear();
        failExpiredHeldBatches();
        if (replayedSinceLog > 0 || heldSinceLog > 0) {
            log.info("checkpoint {}: skipped {} replayed readings, held {} batches for an earlier range ({} held now)",
                    txid, replayedSinceLog, heldSinceLog, heldCount);
            replayedSinceLog = 0;
            heldSinceLog = 0;
        }
    }

    @Override
    public void preCommit(long txid) {
        emittedSinceCommit = 0;
    }

    @Override
    public void preRollback() {
        log.info("rolling back to the last committed checkpoint: {} windows closed since then are discarded, {} emitted "
                        + "since then will be emitted again, identical, when the replay closes them; {} batches held",
                closedWindows.size(), emittedSinceCommit, heldCount);
        clearClosedWindows();
        copiedSinceCheckpoint.clear();
        emittedSinceCommit = 0;
        stateSizeUnknown = true;
    }

    @Override
    public void execute(Tuple input) {
        if (stateSizeUnknown) {
            recountStateSize();
        }
        RecordBatch<?> batch = (RecordBatch<?>) input.getValueByField(BatchFields.BATCH);
        if (!offerInOrder(input, batch)) {
            hold(input, batch);
            return;
        }
        applyHeldBatchesOf(batch.range());
    }

    /** Applies the batch, or skips it as a replay; false if it must wait for an earlier range. */
    private boolean offerInOrder(Tuple input, RecordBatch<?> batch) {
        String positionKey = positionKey(batch.range());
        Long appliedUpTo = state.get(positionKey) instanceof Long position ? position : null;
        SourceOrder.Admission admission = SourceOrder.admit(appliedUpTo, batch);
        if (admission instanceof SourceOrder.Gap) {
            return false;
        }
        int from = admission instanceof SourceOrder.Apply apply ? apply.fromIndex() : batch.size();
        replayed.inc(from);
        replayedSinceLog += from;
        boolean closedAny = false;
        int lettersBefore = deadLetters.pending();
        for (int i = from; i < batch.size(); i++) {
            closedAny |= offer((ThresholdedReading) batch.item(i), batch.source(i), batch.original(i));
        }
        if (admission instanceof SourceOrder.Apply) {
            state.put(positionKey, batch.range().end());
        }
        if (closedAny) {
            closingReadings.add(input);
        }
        if (deadLetters.pending() > lettersBefore) {
            lateReadings.add(input);
        }
        collector.ack(input);
        return true;
    }

    private void hold(Tuple input, RecordBatch<?> batch) {
        held.computeIfAbsent(positionKey(batch.range()), k -> new TreeMap<>())
                .computeIfAbsent(batch.range().start(), s -> new ArrayList<>(1))
                .add(new Held(input, batch, System.nanoTime()));
        heldCount++;
        heldBatches.inc();
        heldSinceLog++;
    }

    /** The held batches of {@code range}'s partition that now continue its applied position, in order. */
    private void applyHeldBatchesOf(SourceRange range) {
        TreeMap<Long, List<Held>> waiting = held.get(positionKey(range));
        while (waiting != null && !waiting.isEmpty()) {
            Map.Entry<Long, List<Held>> first = waiting.firstEntry();
            Held next = first.getValue().get(0);
            if (!offerInOrder(next.tuple(), next.batch())) {
                return;
            }
            first.getValue().remove(0);
            heldCount--;
            if (first.getValue().isEmpty()) {
                waiting.pollFirstEntry();
            }
        }
    }

    /** A batch held longer than the message timeout has timed out at its source, which replays it: let it go. */
    private void failExpiredHeldBatches() {
        long now = System.nanoTime();
        int expired = 0;
        for (TreeMap<Long, List<Held>> waiting : held.values()) {
            for (Iterator<List<Held>> lists = waiting.values().iterator(); lists.hasNext(); ) {
                List<Held> batches = lists.next();
                for (Iterator<Held> it = batches.iterator(); it.hasNext(); ) {
                    Held candidate = it.next();
                    if (now - candidate.sinceNanos() > heldTimeoutNanos) {
                        collector.fail(candidate.tuple());
                        it.remove();
                        expired++;
                    }
                }
                if (batches.isEmpty()) {
                    lists.remove();
                }
            }
        }
        held.values().removeIf(TreeMap::isEmpty);
        heldCount -= expired;
        if (expired > 0) {
            log.info("failed {} batches held longer than the message timeout: their source replays them", expired);
        }
    }

    /** Applies one reading to its sensor's windows; true if that closed a window. */
    private boolean offer(ThresholdedReading thresholded, SourceRecord source, byte[] original) {
        SensorReading reading = thresholded.reading();
        String key = SENSOR_KEY + reading.sensorId();
        // A state may return the very object it holds as committed (Storm's in-memory one does): changing
        // it in place would survive a rollback. So the first change after a checkpoint works on a copy.
        SensorWindows stored = state.get(key) instanceof SensorWindows windowsOfSensor ? windowsOfSensor : null;
        SensorWindows sensor = stored == null ? new SensorWindows(reading.sensorId())
                : copiedSinceCheckpoint.contains(key) ? stored : stored.copy();
        int windowsBefore = sensor.openWindowCount();
        long entriesBefore = sensor.dedupEntryCount();
        List<WindowResult> closed = new ArrayList<>(1);
        switch (sensor.offer(reading, thresholded.above(), windows, closed)) {
            case ACCEPTED -> {
                state.put(key, sensor);
                copiedSinceCheckpoint.add(key);
                if (stored == null) {
                    sensors.incrementAndGet();
                }
                openWindows.addAndGet(sensor.openWindowCount() - windowsBefore);
                dedupEntries.addAndGet(sensor.dedupEntryCount() - entriesBefore);
                accepted.inc();
                closed.forEach(this::addClosedWindow);
                return !closed.isEmpty();
            }
            case DUPLICATE -> duplicates.inc();
            case LATE -> {
                late.inc();
                deadLetters.add(source, original,
                        new Rejection(RejectReason.LATE.code(), "window " + windows.windowStart(reading.timestamp())
                                + " of " + reading.sensorId() + " was already closed and emitted"));
            }
            default -> throw new IllegalStateException("unhandled outcome");
        }
        return false;
    }

    private static String positionKey(SourceRange range) {
        return POSITION_KEY + range.topic() + "/" + range.partition();
    }

    private void addClosedWindow(WindowResult window) {
        closedWindows.add(window.key(), text(window));
        alertRule.evaluate(window).ifPresent(alert -> closedAlerts.add(alert.key(), text(alert)));
    }

    private void emitClosedWindows() {
        deadLetters.emit(collector, lateReadings);
        if (!closedWindows.isEmpty()) {
            windowsEmitted.inc(closedWindows.size());
            collector.emit(AVERAGES, closingReadings, new Values(closedWindows.build()));
        }
        if (!closedAlerts.isEmpty()) {
            alerts.inc(closedAlerts.size());
            collector.emit(ALERTS, closingReadings, new Values(closedAlerts.build()));
        }
        clearClosedWindows();
    }

    /** Starts anew: an emitted batch keeps its anchors and messages. */
    private void clearClosedWindows() {
        closedWindows = new MessageBatch.Builder();
        closedAlerts = new MessageBatch.Builder();
        closingReadings = new ArrayList<>();
        deadLetters.discard();
        lateReadings = new ArrayList<>();
    }

    /** Recounts the gauges in one pass over the state (a full copy of it); returns the partitions' positions. */
    private Map<String, Long> recountStateSize() {
        long windowCount = 0;
        long entryCount = 0;
        long sensorCount = 0;
        Map<String, Long> positions = new TreeMap<>();
        for (Map.Entry<String, Object> entry : state) {
            if (entry.getValue() instanceof SensorWindows sensor) {
                windowCount += sensor.openWindowCount();
                entryCount += sensor.dedupEntryCount();
                sensorCount++;
            } else if (entry.getValue() instanceof Long position) {
                positions.put(entry.getKey().substring(POSITION_KEY.length()), position);
            }
        }
        openWindows.set(windowCount);
        dedupEntries.set(entryCount);
        sensors.set(sensorCount);
        stateSizeUnknown = false;
        return positions;
    }

    private static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declareStream(AVERAGES, new Fields(KafkaBatchBolt.MESSAGES));
        declarer.declareStream(ALERTS, new Fields(KafkaBatchBolt.MESSAGES));
        DeadLetters.declare(declarer);
    }
}
