package io.datainmotion.bolts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.InvalidRecordException;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.sensors.AlertRule;
import io.datainmotion.sensors.RejectReason;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.SensorWindows;
import io.datainmotion.sensors.ThresholdedReading;
import io.datainmotion.sensors.WindowConfig;
import io.datainmotion.sensors.WindowResult;
import org.apache.storm.state.KeyValueState;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseStatefulBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/**
 * Per-sensor event-time tumbling windows with exact aggregates, behind a fields grouping on
 * {@code sensorId}; each input is a batch of {@link ThresholdedReading}s of the sensors this task owns
 * ({@link SensorRouting}). Emits the windows closed since the last checkpoint as one {@link MessageBatch} on
 * {@value #AVERAGES} (for {@code sensor-averages}), the alerts among them (fraction above the threshold
 * at the alert level) as one on {@value #ALERTS}, and late readings as dead letters (reason
 * {@code late}), counted.
 *
 * <p>Closed windows are emitted when a checkpoint prepares, before the checkpoint goes downstream, and
 * anchored to the readings that closed them; the sinks send synchronously, so a checkpoint that records
 * a window as closed commits only after the window's record is on the broker. One batch per checkpoint
 * makes that one round trip to the broker, not one per window: at a window boundary every sensor
 * closes a window at once.
 *
 * <h2>Why a checkpointed stateful bolt, and not Storm's windowing API or held anchors</h2>
 * Storm's windowed bolts keep every tuple of a window in memory until it closes (a window of a million
 * readings holds a million tuples) and ack them only then, so memory, {@code max.spout.pending} and the
 * message timeout all grow with the window length. Holding our own anchors has the same problem. Here
 * the state is one {@link SensorWindows} per sensor (count, exact sum, min, max, above-threshold count
 * and a bounded de-duplication set per open window: O(sensors × open windows)), kept in a
 * {@link KeyValueState} that Storm checkpoints (topology.state.checkpoint.interval.ms). Storm's
 * StatefulBoltExecutor acks a reading only after the checkpoint that contains it has committed, so the
 * Kafka spout commits its offset only then; if anything fails, every bolt's state rolls back to the last
 * commit and the spout replays what came after. With the durable
 * {@link io.datainmotion.topology.KafkaStateProvider} this holds across a worker crash and a topology
 * kill and resubmit: a window is either still open in the restored state and is completed by the
 * replay, or was closed and emitted before the commit that recorded it as closed.
 *
 * <p>De-duplication lives here, not in a separate bolt upstream, because it must roll back together
 * with the windows: the Kafka spout commits offsets periodically, so after a restart it replays readings
 * that the restored windows already contain, and only the windows' own record of counted timestamps
 * can tell. A window re-emitted after a rollback is identical (exact sum), keyed by sensor and window
 * start so a compacted topic keeps one. After a rollback, {@link ReplayOrderGuard} keeps readings still
 * in flight from overtaking the replayed ones.
 */
public class SensorWindowBolt extends BaseStatefulBolt<KeyValueState<String, SensorWindows>> {

    public static final String AVERAGES = "averages";
    public static final String ALERTS = "alerts";
    static final String OPEN_WINDOWS_GAUGE = "sensors.windows.open";
    static final String DEDUP_ENTRIES_GAUGE = "sensors.dedup.entries";
    static final String SENSORS_GAUGE = "sensors.tracked";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WindowConfig windows;
    private final AlertRule alertRule;
    private transient OutputCollector collector;
    private transient String componentId;
    private transient KeyValueState<String, SensorWindows> state;
    private transient AtomicLong openWindows;
    private transient AtomicLong dedupEntries;
    private transient AtomicLong sensors;
    /** Sensors whose state object is this bolt's own copy since the last checkpoint (see {@link #execute}). */
    private transient Set<String> copiedSinceCheckpoint;
    private transient ReplayOrderGuard replayOrder;
    /** Set when Storm rolls the state back: the gauges are recounted from the restored state. */
    private transient boolean stateSizeUnknown;
    private transient Counter accepted;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter windowsEmitted;
    private transient Counter alerts;
    private transient Counter heldBack;
    /** Window records and alerts closed since the last checkpoint, and the readings that closed them. */
    private transient MessageBatch.Builder closedWindows;
    private transient MessageBatch.Builder closedAlerts;
    private transient List<Tuple> closingReadings;

    /**
     * @param windowSeconds          Flux property {@code sensors.window.seconds}
     * @param allowedLatenessSeconds {@code sensors.allowed.lateness.seconds}
     * @param thresholdCelsius       {@code sensors.threshold}, quoted in alerts
     * @param alertFraction          {@code sensors.alert.fraction}
     */
    public SensorWindowBolt(long windowSeconds, long allowedLatenessSeconds, double thresholdCelsius, double alertFraction) {
        this.windows = new WindowConfig(windowSeconds * 1000, allowedLatenessSeconds * 1000);
        this.alertRule = new AlertRule(alertFraction, thresholdCelsius);
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.componentId = context.getThisComponentId();
        this.openWindows = new AtomicLong();
        this.dedupEntries = new AtomicLong();
        this.sensors = new AtomicLong();
        this.copiedSinceCheckpoint = new HashSet<>();
        this.replayOrder = new ReplayOrderGuard();
        context.registerGauge(OPEN_WINDOWS_GAUGE, (Gauge<Long>) openWindows::get);
        context.registerGauge(DEDUP_ENTRIES_GAUGE, (Gauge<Long>) dedupEntries::get);
        context.registerGauge(SENSORS_GAUGE, (Gauge<Long>) sensors::get);
        this.accepted = context.registerCounter("readings.accepted");
        this.duplicates = context.registerCounter("readings.duplicate");
        this.late = context.registerCounter("readings.late");
        this.windowsEmitted = context.registerCounter("windows.emitted");
        this.alerts = context.registerCounter("alerts.emitted");
        this.heldBack = context.registerCounter("readings.held.back");
        clearClosedWindows();
    }

    @Override
    public void initState(KeyValueState<String, SensorWindows> state) {
        this.state = state;
        recountStateSize();
    }

    @Override
    public void prePrepare(long txid) {
        emitClosedWindows();
        copiedSinceCheckpoint.clear();
        replayOrder.prepared();
    }

    @Override
    public void preCommit(long txid) {
        replayOrder.committed();
    }

    @Override
    public void preRollback() {
        // The restored state has these windows open again: the replay closes them anew.
        clearClosedWindows();
        copiedSinceCheckpoint.clear();
        replayOrder.rolledBack();
        stateSizeUnknown = true;
    }

    @Override
    public void execute(Tuple input) {
        if (stateSizeUnknown) {
            recountStateSize();
        }
        @SuppressWarnings("unchecked")
        RecordBatch<ThresholdedReading> readings = (RecordBatch<ThresholdedReading>) input.getValueByField(SensorFields.READINGS);
        boolean closedAny = false;
        boolean admitted = true;
        for (int i = 0; i < readings.size() && admitted; i++) {
            SourceRecord source = readings.source(i);
            SensorReading reading = readings.item(i).reading();
            admitted = replayOrder.admit(reading.sensorId(), source);
            if (admitted) {
                closedAny |= offer(input, reading, readings.item(i).above(), source);
            }
        }
        if (closedAny) {
            closingReadings.add(input);
        }
        if (admitted) {
            collector.ack(input);
        } else {
            // The readings before the held-back one are counted; when the batch is replayed, the
            // windows' de-duplication recognises them.
            heldBack.inc();
            collector.fail(input);
        }
    }

    /** Applies one reading to its sensor's windows; true if that closed a window. */
    private boolean offer(Tuple input, SensorReading reading, boolean above, SourceRecord source) {
        String sensorId = reading.sensorId();
        // A state may return the very object it holds as committed (Storm's in-memory one does): changing
        // it in place would survive a rollback. So the first change after a checkpoint works on a copy.
        SensorWindows stored = state.get(sensorId);
        SensorWindows sensor = stored == null ? new SensorWindows(sensorId)
                : copiedSinceCheckpoint.contains(sensorId) ? stored : stored.copy();
        int windowsBefore = sensor.openWindowCount();
        long entriesBefore = sensor.dedupEntryCount();
        List<WindowResult> closed = new ArrayList<>(1);
        switch (sensor.offer(reading, above, windows, closed)) {
            case ACCEPTED -> {
                state.put(sensorId, sensor);
                copiedSinceCheckpoint.add(sensorId);
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
                DeadLetters.emit(collector, input, componentId, source, json(reading),
                        new InvalidRecordException(RejectReason.LATE.code(), "window " + windows.windowStart(reading.timestamp())
                                + " of " + sensorId + " was already closed and emitted"));
            }
            default -> throw new IllegalStateException("unhandled outcome");
        }
        return false;
    }

    private void addClosedWindow(WindowResult window) {
        closedWindows.add(window.key(), text(window));
        alertRule.evaluate(window).ifPresent(alert -> closedAlerts.add(alert.key(), text(alert)));
    }

    private void emitClosedWindows() {
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
    }

    private void recountStateSize() {
        long windowCount = 0;
        long entryCount = 0;
        long sensorCount = 0;
        for (Map.Entry<String, SensorWindows> entry : state) {
            windowCount += entry.getValue().openWindowCount();
            entryCount += entry.getValue().dedupEntryCount();
            sensorCount++;
        }
        openWindows.set(windowCount);
        dedupEntries.set(entryCount);
        sensors.set(sensorCount);
        stateSizeUnknown = false;
    }

    private static byte[] json(SensorReading reading) {
        return text(Map.of("sensorId", reading.sensorId(), "timestamp", reading.timestamp(),
                "temperature", reading.temperatureCelsius(), "unit", "C")).getBytes(StandardCharsets.UTF_8);
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
