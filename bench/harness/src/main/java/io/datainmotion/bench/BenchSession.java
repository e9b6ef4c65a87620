package io.datainmotion.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.datainmotion.bench.BenchResults.EngineSummary;
import io.datainmotion.bench.BenchResults.FailedRun;
import io.datainmotion.bench.BenchResults.Footprint;
import io.datainmotion.bench.BenchResults.LatencyRun;
import io.datainmotion.bench.BenchResults.ThroughputRun;
import io.datainmotion.kafka.KafkaClients;
import io.datainmotion.topology.FluxTopology;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * One invocation of an engine benchmark ({@code bin/dim bench sentiment|sensors}): the topology and its
 * properties, the output directory, the engines' JVMs, interleaved rounds over the engines, and the
 * results written at the end. What a benchmark measures in each run is its own.
 */
final class BenchSession {

    private static final Duration DEAD_LETTER_SCAN = Duration.ofSeconds(30);

    private final Workload workload;
    private final BenchOptions options;
    private final Path home;
    private final Path flux;
    private final Properties properties;
    private final List<EngineKind> engines;
    private final String startedAt;
    private final Path out;
    private final Machine machine = Machine.current();
    private final JvmLauncher jvm;

    private BenchSession(Workload workload, BenchOptions options, Path home, Properties properties, String startedAt, Path out) {
        this.workload = workload;
        this.options = options;
        this.home = home;
        this.flux = options.fluxFile != null ? options.fluxFile.toAbsolutePath() : home.resolve(workload.fluxFile());
        this.properties = properties;
        this.engines = options.engineNames == null ? workload.engines()
                : options.engineNames.stream().map(workload::engine).toList();
        this.startedAt = startedAt;
        this.out = out;
        this.jvm = JvmLauncher.current(home);
    }

    /** Checks the common options, reads the topology's properties and creates the output directory. */
    static BenchSession start(Workload workload, BenchOptions options) throws IOException {
        if (options.records < 2 || options.repeats < 1 || options.timeoutSeconds < 1) {
            throw new IllegalArgumentException("need --records >= 2, --repeats >= 1, --timeout >= 1");
        }
        Path home = Path.of(System.getProperty("dim.home", ".")).toAbsolutePath().normalize();
        Path local = home.resolve("flux/local.properties");
        Properties properties = options.filter == null ? FluxTopology.properties(local)
                : FluxTopology.properties(local, options.filter);
        String startedAt = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = options.outDir != null ? options.outDir : home.resolve("target/bench/" + workload.id() + "-" + startedAt);
        BenchSession session = new BenchSession(workload, options, home, properties, startedAt, out);
        Files.createDirectories(out);
        Machine machine = session.machine;
        System.out.printf(Locale.ROOT, "Machine: %d processors, %s, %,d MB, %s; load average %.2f%n",
                machine.processors(), machine.cpuModel(), machine.memoryMb(), machine.java(), Machine.loadAverage());
        return session;
    }

    Path home() {
        return home;
    }

    Path flux() {
        return flux;
    }

    /** flux/local.properties, with --filter over it: what the topology runs with and the peers read. */
    Properties properties() {
        return properties;
    }

    List<EngineKind> engines() {
        return engines;
    }

    Path out() {
        return out;
    }

    JvmLauncher jvm() {
        return jvm;
    }

    BrokerProcess startBroker() throws IOException, InterruptedException {
        BrokerProcess broker = BrokerProcess.start(jvm, options.brokerHeap, out.resolve("broker.log"));
        System.out.println("Broker on " + broker.bootstrapServers() + " (pid " + broker.pid() + ")");
        return broker;
    }

    @FunctionalInterface
    interface EngineRun<R> {
        R run(EngineKind engine, int repeat) throws IOException, InterruptedException;
    }

    /** Every engine once per repeat, interleaved, each result printed as a table row as it comes. */
    <R> List<R> eachEngine(String phase, List<FailedRun> failedRuns, Function<R, String> row, EngineRun<R> run)
            throws IOException, InterruptedException {
        List<R> results = new ArrayList<>();
        for (int repeat = 1; repeat <= options.repeats; repeat++) {
            for (EngineKind engine : engines) {
                try {
                    R result = run.run(engine, repeat);
                    results.add(result);
                    System.out.println(row.apply(result));
                } catch (RuntimeException e) {
                    // One run's failure (engine died, timeout, wrong output) should not cost the others' figures.
                    System.out.printf(Locale.ROOT, "%-10s %3d FAILED: %s%n", engine.id(), repeat, e.getMessage());
                    failedRuns.add(new FailedRun(phase, engine.id(), repeat, String.valueOf(e.getMessage())));
                }
            }
        }
        return results;
    }

    /** When a run that starts now must have finished (--timeout), in {@link System#nanoTime()}. */
    long runDeadline() {
        return System.nanoTime() + Duration.ofSeconds(options.timeoutSeconds).toNanos();
    }

    EngineProcess startEngine(EngineKind engine, Path runDir, Path runProperties) throws IOException {
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + options.engineHeap));
        if (options.jfr) {
            jvmOptions.add("-XX:StartFlightRecording:settings=profile,dumponexit=true,filename="
                    + runDir.resolve(engine.id() + ".jfr"));
        }
        jvmOptions.addAll(options.jvmOptions);
        return EngineProcess.start(jvm, workload, engine, jvmOptions, flux, runProperties, runDir);
    }

    /**
     * Writes the Flux properties of one run: the session's, pointed at the broker, reading its input from
     * the start, with {@code runSettings} (the run's topics and group) over them.
     */
    Path writeProperties(Path runDir, BrokerProcess broker, Map<String, String> runSettings) throws IOException {
        Properties run = new Properties();
        run.putAll(properties);
        run.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
        run.setProperty("kafka.spout.first.poll.offset.strategy", "EARLIEST");
        run.putAll(runSettings);
        Files.createDirectories(runDir);
        Path file = runDir.resolve("flux.properties");
        try (OutputStream stream = Files.newOutputStream(file)) {
            run.store(stream, "Flux properties of this run, written by bin/dim bench");
        }
        return file;
    }

    /** Deletes a finished run's topics, all named after it ({@link EngineTopics#forRun}). */
    static void deleteRunTopics(BrokerProcess broker, String runId) {
        String problem = broker.deleteTopicsStartingWith(runId + "-");
        if (problem != null) {
            System.out.printf(Locale.ROOT, "  (topics of %s left on the broker: %s)%n", runId, problem);
        }
    }

    /** Fails the run when the engine died, sent anything to dead letters (all input is valid) or ran out of time. */
    static void checkRunning(EngineProcess process, TopicScan scan, String deadLetters, long deadline) {
        checkRunning(process, deadline);
        String letters = deadLetters(scan, deadLetters);
        if (letters != null) {
            throw new IllegalStateException(letters + "; see " + process.log());
        }
    }

    /** Fails the run when the engine died or ran out of time. */
    static void checkRunning(EngineProcess process, long deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the engine's JVM exited early; see " + process.log());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the run did not finish within --timeout; see " + process.log());
        }
    }

    /** How many records went to dead letters and what the first one says, or null when none did. */
    static String deadLetters(TopicScan scan, String deadLetters) {
        long rejected = scan.size(deadLetters);
        if (rejected == 0) {
            return null;
        }
        // The topic goes with the broker at the end: the failure keeps what the first letter said.
        List<String> letters = new ArrayList<>();
        scan.forEach(deadLetters, DEAD_LETTER_SCAN, record -> letters.add(new String(record.value(), StandardCharsets.UTF_8)));
        return rejected + " record(s) went to " + deadLetters + ": the engine rejects valid input; the first: " + letters.get(0);
    }

    /** A producer that preloads an input topic quickly: large batches, a little linger. */
    static Map<String, Object> preloadProducer(BrokerProcess broker) {
        Map<String, Object> config = KafkaClients.producer(broker.bootstrapServers());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return config;
    }

    static Footprint footprint(EngineProcess process, EngineMain.HeapStats heap, long rssBytes) {
        double mb = 1024.0 * 1024.0;
        return new Footprint(process.cpu().totalCpuSeconds(), heap.peakHeapAfterGc() / mb, heap.heapAfterFullGc() / mb,
                rssBytes < 0 ? -1 : rssBytes / mb);
    }

    /** The options every benchmark records in results.json; the benchmark adds its own after them. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("engines", engines.stream().map(EngineKind::id).toList());
        settings.put("records", options.records);
        settings.put("repeats", options.repeats);
        settings.put("flux", flux.toString());
        settings.put("filter", options.filter == null ? null : options.filter.toString());
        settings.put("engine_heap", options.engineHeap);
        settings.put("engine_jvm_options", options.jvmOptions);
        settings.put("jfr", options.jfr);
        settings.put("broker_heap", options.brokerHeap);
        return settings;
    }

    /**
     * Writes results.json and the charts ({@code charts}: file name to SVG), prints the summary and the
     * failed runs; returns the exit code: 1 if any run failed.
     */
    int finish(List<String> arguments, Map<String, Object> settings, List<ThroughputRun> throughputRuns,
               List<LatencyRun> latencyRuns, List<WindowCheck> windowChecks, List<FailedRun> failedRuns,
               List<EngineSummary> summary, Map<String, String> charts) throws IOException {
        String command = String.join(" ", "bin/dim bench " + workload.id(), String.join(" ", arguments)).strip();
        BenchResults results = new BenchResults(command, startedAt, machine, settings, throughputRuns, latencyRuns,
                windowChecks, failedRuns, summary);
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("results.json").toFile(), results);
        for (Map.Entry<String, String> chart : charts.entrySet()) {
            Files.writeString(out.resolve(chart.getKey()), chart.getValue());
        }
        System.out.printf(Locale.ROOT, "%nSummary (medians over runs; storm÷engine > 1 means the topology did better)%n");
        ResultTable.summary(summary).forEach(System.out::println);
        failedRuns.forEach(f -> System.out.printf(Locale.ROOT, "FAILED %s %s #%d: %s%n", f.phase(), f.engine(), f.repeat(), f.reason()));
        System.out.println("\nWrote " + out.resolve("results.json") + ", " + String.join(", ", charts.keySet())
                + " and the logs beside them.");
        return failedRuns.isEmpty() ? 0 : 1;
    }
}
