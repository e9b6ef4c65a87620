package io.datainmotion.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.bench.BenchResults.EngineSummary;
import io.datainmotion.bench.BenchResults.FailedRun;
import io.datainmotion.bench.BenchResults.ThroughputRun;
import io.datainmotion.kafka.SensorFeed;
import io.datainmotion.sensors.WindowResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/dim bench sensors}: the sensor topology against Kafka Streams doing the same per-sensor
 * event-time windowed mean, each in a JVM of its own beside a broker in another, on fresh topics, with
 * every run's windows checked against what the topology's own window logic computes from the readings.
 */
@Command(name = "dim bench sensors", sortOptions = false,
        description = {
            "Runs the sensor topology (flux/sensors.yaml) and Kafka Streams doing the same work (parse and",
            "validate readings, threshold, per-sensor tumbling event-time windows with an exact mean, one",
            "record per closed window, alerts, at-least-once) over preloaded simulated readings. Measures",
            "readings/s, CPU per million readings, heap after GC and RSS; checks every run's windows against",
            "the topology's window logic (a wrong window fails the run). Prints a table as it goes; writes",
            "results.json and throughput.svg."})
public final class SensorBenchmark implements Callable<Integer> {

    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(300);
    private static final long POLL_MILLIS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    BenchOptions options;

    @Option(names = "--sensors", paramLabel = "N", defaultValue = "10000",
            description = "Simulated sensors, round-robin, one reading a millisecond of event time, so each reports every N ms;"
                    + " at most the allowed lateness in ms (default: ${DEFAULT-VALUE}).")
    int sensors;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the simulated temperatures (default: ${DEFAULT-VALUE}).")
    long seed;

    private final List<String> arguments;

    private SensorBenchmark(List<String> arguments) {
        this.arguments = arguments;
    }

    public static void main(String[] args) {
        BenchOptions.execute(new SensorBenchmark(List.of(args)), args);
    }

    @Override
    public Integer call() throws Exception {
        BenchSession session = BenchSession.start(Workload.SENSORS, options);
        SensorSettings work = SensorSettings.from(session.properties());
        SensorLoad load = new SensorLoad(seed, sensors, options.records, work.windows());
        long started = System.nanoTime();
        SensorLoad.Expected expected = load.expected(work.maxReadingBytes(), work.threshold(), work.alertRule());
        System.out.printf(Locale.ROOT, "Readings: %,d from %,d sensors and a closing round of %,d; %,d windows of %d s"
                        + " (lateness %d s) and %,d alerts expected (computed in %.1f s); results in %s%n",
                load.readings(), load.sensors(), load.sensors(), expected.windows().size(),
                work.windows().windowMillis() / 1000, work.windows().allowedLatenessMillis() / 1000,
                expected.alerts().size(), (System.nanoTime() - started) / 1e9, session.out());

        List<WindowCheck> checks = new ArrayList<>();
        List<FailedRun> failedRuns = new ArrayList<>();
        List<ThroughputRun> runs;
        try (BrokerProcess broker = session.startBroker()) {
            System.out.printf(Locale.ROOT, "%nThroughput: %,d preloaded readings per run; records/s = readings/s%n%s%n",
                    load.total(), ResultTable.THROUGHPUT_HEADER);
            runs = session.eachEngine("throughput", failedRuns, ResultTable::throughputRow,
                    (engine, repeat) -> run(session, broker, engine, repeat, load, expected, checks));
        }
        List<EngineSummary> summary = EngineSummaries.of(session.engines(), runs, List.of());
        Map<String, Object> settings = session.settings();
        settings.put("sensors", sensors);
        settings.put("seed", seed);
        settings.put("window_millis", work.windows().windowMillis());
        settings.put("allowed_lateness_millis", work.windows().allowedLatenessMillis());
        settings.put("expected_windows", expected.windows().size());
        settings.put("expected_alerts", expected.alerts().size());
        settings.put("readings_timed", load.readings() - expected.firstClosingReading());
        String chart = ResultTable.throughputChart(String.format(Locale.ROOT,
                        "Sensor windows, %,d readings from %,d sensors, median of runs", load.readings(), sensors),
                "readings/s, first window to the closing round's", summary);
        return session.finish(arguments, settings, runs, List.of(), checks, failedRuns, summary, Map.of("throughput.svg", chart));
    }

    private ThroughputRun run(BenchSession session, BrokerProcess broker, EngineKind engine, int repeat, SensorLoad load,
                              SensorLoad.Expected expected, List<WindowCheck> checks) throws IOException, InterruptedException {
        String runId = "sensors-" + engine.id() + "-" + repeat;
        EngineTopics topics = EngineTopics.forRun(runId);
        broker.createTopics(List.of(topics.input(), topics.deadLetters()), false);
        // Stamped by the broker: Kafka Streams gives its results their windows' event time, a year or
        // more in the past, which the broker's 7-day time retention would delete within minutes.
        broker.createTopics(List.of(topics.output(), topics.sideOutput()), true);
        Path runDir = session.out().resolve(runId);
        preload(broker, topics.input(), load);
        Path runProperties = session.writeProperties(runDir, broker, Map.of(
                "topic.sensor.readings", topics.input(), "topic.sensor.averages", topics.output(),
                "topic.sensor.alerts", topics.sideOutput(), "topic.deadletters", topics.deadLetters(),
                "sensors.consumer.group", topics.group(), "sensors.state.topic.prefix", runId + "-state"));
        double loadBefore = Machine.loadAverage();
        long deadline = session.runDeadline();
        int expectedWindows = expected.windows().size();
        try (EngineProcess process = session.startEngine(engine, runDir, runProperties);
             TopicScan scan = new TopicScan(broker.bootstrapServers())) {
            Progress progress = new Progress(engine.id() + " #" + repeat, expectedWindows);
            List<WindowResult> windows = new ArrayList<>();
            List<WindowedThroughput.Output> timings = new ArrayList<>();
            while (true) {
                process.sampleCpu();
                // Dead letters fail the run too, but only after the window check: it tells whether they cost windows.
                BenchSession.checkRunning(process, deadline);
                long produced = scan.size(topics.output());
                progress.report(produced, process, "windows");
                if (produced >= expectedWindows && scan.size(topics.sideOutput()) >= expected.alerts().size()) {
                    windows.clear();
                    timings.clear();
                    scan.forEach(topics.output(), SCAN_TIMEOUT, record -> {
                        WindowResult window = readWindow(record.value());
                        windows.add(window);
                        timings.add(new WindowedThroughput.Output(window.key(), record.timestamp()));
                    });
                    if (windows.stream().map(WindowResult::key).distinct().count() >= expectedWindows) {
                        break;
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
            // Checked before the engine stops: every window and alert is on the broker already, and a
            // failed stop must not hide whether the output was right.
            Set<String> alerts = new HashSet<>();
            List<String> alertRecords = new ArrayList<>();
            scan.forEach(topics.sideOutput(), SCAN_TIMEOUT, record -> alertRecords.add(record.key()));
            alerts.addAll(alertRecords);
            WindowCheck check = WindowCheck.of(engine.id(), repeat, expected.windows(), windows, expected.alerts(), alerts);
            checks.add(check);
            if (!check.passed()) {
                throw new IllegalStateException("wrong output: " + check.problem() + " (" + windows.size() + " window and "
                        + alertRecords.size() + " alert records read); see " + process.log());
            }
            String deadLetters = BenchSession.deadLetters(scan, topics.deadLetters());
            if (deadLetters != null) {
                throw new IllegalStateException(deadLetters + " (the windows were right); see " + process.log());
            }
            long rss = process.peakRssBytes();
            EngineMain.HeapStats heap = process.stop();
            WindowedThroughput throughput = WindowedThroughput.of(timings, expected.closedByClosingRound(),
                    load.readings() - expected.firstClosingReading());
            double cpuWindow = process.cpu().cpuSecondsBetween(throughput.firstMillis(), throughput.lastMillis());
            ThroughputRun run = new ThroughputRun(engine.id(), repeat, load.readings(), check.duplicates(),
                    throughput.readingsPerSecond(), throughput.spanMillis(), cpuWindow,
                    cpuWindow / throughput.readings() * 1_000_000, BenchSession.footprint(process, heap, rss),
                    loadBefore, Machine.loadAverage());
            BenchSession.deleteRunTopics(broker, runId);
            return run;
        }
    }

    private static void preload(BrokerProcess broker, String topic, SensorLoad load) throws InterruptedException {
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(BenchSession.preloadProducer(broker))) {
            SensorFeed.send(producer, topic, load.messages(), 0);
        }
        System.out.printf(Locale.ROOT, "  preloaded %,d readings into %s in %.1f s%n", load.total(), topic,
                (System.nanoTime() - started) / 1e9);
    }

    private static WindowResult readWindow(byte[] value) {
        try {
            return JSON.readValue(value, WindowResult.class);
        } catch (IOException e) {
            throw new IllegalStateException("a window record is not WindowResult JSON: " + e.getMessage(), e);
        }
    }
}
