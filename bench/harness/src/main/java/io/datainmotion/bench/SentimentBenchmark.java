package io.datainmotion.bench;

import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongFunction;

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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/dim bench sentiment}: the sentiment topology against a plain Kafka loop, Kafka Streams and
 * Flink doing the same work, each in a JVM of its own beside a broker in another, on fresh topics.
 */
@Command(name = "dim bench sentiment", sortOptions = false,
        description = {
            "Runs the sentiment topology and the same work (parse, score, write JSON,",
            "at-least-once) in a KafkaConsumer->KafkaProducer loop, Kafka Streams and Flink.",
            "Measures sustained throughput and CPU over preloaded records, end-to-end",
            "latency at a fixed offered rate, heap after GC and RSS. Each engine runs in a",
            "JVM of its own on fresh topics, the broker in another. Prints a table as it",
            "goes; writes results.json, throughput.svg and latency.svg."})
public final class SentimentBenchmark implements Callable<Integer> {

    private static final Path DEV_SET = Path.of("../shared/data/tweeteval-sentiment-val.jsonl");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(300);
    private static final long PROGRESS_MILLIS = 2000;
    private static final long POLL_MILLIS = 250;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--engines", split = ",", paramLabel = "ENGINE", defaultValue = "storm,loop,streams,flink",
            description = "Engines to run, in this order, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> engineNames;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
            description = "Records preloaded for each throughput run (default: ${DEFAULT-VALUE}; 1000000 for full runs).")
    int records;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "10000",
            description = "Offered rate of the latency runs, records/s (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long each latency run sends (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds at the offered rate before each latency run measures, its backlog drained first (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "1",
            description = "Rounds over all engines, interleaved (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--phases", split = ",", paramLabel = "PHASE", defaultValue = "throughput,latency",
            description = "throughput, latency or both (default: ${DEFAULT-VALUE}).")
    List<String> phases;

    @Option(names = "--tweets", paramLabel = "FILE",
            description = "Tweets to cycle: JSON lines with a text, or plain lines (default: ../shared/data/tweeteval-sentiment-val.jsonl when present, else the bundled sample).")
    Path tweetsFile;

    @Option(names = "--flux", paramLabel = "FILE", defaultValue = "flux/sentiment.yaml",
            description = "Our topology (default: ${DEFAULT-VALUE}).")
    Path fluxFile;

    @Option(names = "--filter", paramLabel = "PROPERTIES",
            description = "Flux properties over flux/local.properties (topology settings, sentiment.scorer; the peers use the same scorer and linger).")
    Path filter;

    @Option(names = "--engine-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "-Xmx of every engine's JVM (default: ${DEFAULT-VALUE}).")
    String engineHeap;

    @Option(names = "--broker-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "-Xmx of the broker's JVM (default: ${DEFAULT-VALUE}).")
    String brokerHeap;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "One more option for every engine's JVM (repeatable), e.g. --jvm-option=-XX:+UseParallelGC.")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--jfr",
            description = "Record a JFR profile (settings=profile) of every engine JVM, as ENGINE.jfr in its run's directory.")
    boolean jfr;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Longest any one engine run may take before the benchmark gives up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where results, charts and logs go (default: target/bench/sentiment-TIMESTAMP).")
    Path outDir;

    private final List<String> arguments;
    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SentimentBenchmark(List<String> arguments) {
        this.arguments = arguments;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SentimentBenchmark(List.of(args)));
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandName() + ": " + e.getMessage()
                    + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("dim.home", ".")).toAbsolutePath().normalize();
        List<EngineKind> engines = engineNames.stream().map(EngineKind::of).toList();
        checkSettings();
        Path flux = home.resolve(fluxFile);
        Properties properties = filter == null
                ? FluxTopology.properties(home.resolve("flux/local.properties"))
                : FluxTopology.properties(home.resolve("flux/local.properties"), filter);
        EngineSettings.from(properties); // fails now, in one line, on properties the peers cannot run with
        Path devSet = home.resolve(DEV_SET).normalize();
        TweetLoad tweets = tweetsFile != null ? TweetLoad.fromFile(tweetsFile)
                : Files.isReadable(devSet) ? TweetLoad.fromFile(devSet) : TweetLoad.bundledSample();
        String startedAt = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = outDir != null ? outDir : home.resolve("target/bench/sentiment-" + startedAt);
        Files.createDirectories(out);
        Machine machine = Machine.current();
        System.out.printf(Locale.ROOT, "Machine: %d processors, %s, %,d MB, %s; load average %.2f%n",
                machine.processors(), machine.cpuModel(), machine.memoryMb(), machine.java(), Machine.loadAverage());
        System.out.printf(Locale.ROOT, "Tweets: %,d distinct texts from %s; scorer %s; results in %s%n",
                tweets.distinctTexts(), tweets.source(), properties.getProperty("sentiment.scorer"), out);

        List<ThroughputRun> throughputRuns = new ArrayList<>();
        List<LatencyRun> latencyRuns = new ArrayList<>();
        List<FailedRun> failedRuns = new ArrayList<>();
        JvmLauncher jvm = JvmLauncher.current(home);
        try (BrokerProcess broker = BrokerProcess.start(jvm, brokerHeap, out.resolve("broker.log"))) {
            System.out.println("Broker on " + broker.bootstrapServers() + " (pid " + broker.pid() + ")");
            if (phases.contains("throughput")) {
                System.out.printf(Locale.ROOT, "%nThroughput: %,d preloaded records per run%n%s%n", records, ResultTable.THROUGHPUT_HEADER);
                throughputRuns.addAll(eachEngine("throughput", engines, failedRuns, ResultTable::throughputRow,
                        (engine, repeat) -> throughputRun(jvm, broker, engine, repeat, flux, properties, tweets, out)));
            }
            if (phases.contains("latency")) {
                System.out.printf(Locale.ROOT, "%nLatency: %,d records/s offered for %d s after %d s of warm-up%n%s%n",
                        rate, durationSeconds, warmupSeconds, ResultTable.LATENCY_HEADER);
                latencyRuns.addAll(eachEngine("latency", engines, failedRuns, ResultTable::latencyRow,
                        (engine, repeat) -> latencyRun(jvm, broker, engine, repeat, flux, properties, tweets, out)));
            }
        }
        List<EngineSummary> summary = EngineSummaries.of(engines, throughputRuns, latencyRuns);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("engines", engineNames);
        settings.put("records", records);
        settings.put("offered_rate", rate);
        settings.put("latency_seconds", durationSeconds);
        settings.put("latency_warmup_seconds", warmupSeconds);
        settings.put("repeats", repeats);
        settings.put("tweets", tweets.source());
        settings.put("scorer", properties.getProperty("sentiment.scorer"));
        settings.put("flux", fluxFile.toString());
        settings.put("filter", filter == null ? null : filter.toString());
        settings.put("engine_heap", engineHeap);
        settings.put("engine_jvm_options", jvmOptions);
        settings.put("jfr", jfr);
        settings.put("broker_heap", brokerHeap);
        String command = String.join(" ", "bin/dim bench sentiment", String.join(" ", arguments)).strip();
        BenchResults results = new BenchResults(command, startedAt, machine, settings, throughputRuns, latencyRuns,
                failedRuns, summary);
        json.writeValue(out.resolve("results.json").toFile(), results);
        Files.writeString(out.resolve("throughput.svg"), ResultTable.throughputChart(summary, throughputRuns));
        Files.writeString(out.resolve("latency.svg"), ResultTable.latencyChart(latencyRuns, rate));
        System.out.printf(Locale.ROOT, "%nSummary (medians over runs; storm÷engine > 1 means the topology did better)%n");
        ResultTable.summary(summary).forEach(System.out::println);
        failedRuns.forEach(f -> System.out.printf(Locale.ROOT, "FAILED %s %s #%d: %s%n", f.phase(), f.engine(), f.repeat(), f.reason()));
        System.out.println("\nWrote " + out.resolve("results.json") + ", throughput.svg, latency.svg and the logs beside them.");
        return failedRuns.isEmpty() ? 0 : 1;
    }

    @FunctionalInterface
    private interface EngineRun<R> {
        R run(EngineKind engine, int repeat) throws IOException, InterruptedException;
    }

    /** Every engine once per repeat, interleaved, each result printed as a table row as it comes. */
    private <R> List<R> eachEngine(String phase, List<EngineKind> engines, List<FailedRun> failedRuns,
                                   Function<R, String> row, EngineRun<R> run) throws IOException, InterruptedException {
        List<R> results = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (EngineKind engine : engines) {
                try {
                    R result = run.run(engine, repeat);
                    results.add(result);
                    System.out.println(row.apply(result));
                } catch (RuntimeException e) {
                    // One run's failure (engine died, timeout) should not cost the others' figures.
                    System.out.printf(Locale.ROOT, "%-10s %3d FAILED: %s%n", engine.id(), repeat, e.getMessage());
                    failedRuns.add(new FailedRun(phase, engine.id(), repeat, String.valueOf(e.getMessage())));
                }
            }
        }
        return results;
    }

    private static void deleteTopics(BrokerProcess broker, EngineTopics topics) {
        String problem = broker.deleteTopics(topics.all());
        if (problem != null) {
            System.out.printf(Locale.ROOT, "  (topics of %s left on the broker: %s)%n", topics.input(), problem);
        }
    }

    private void checkSettings() {
        List<String> unknown = phases.stream().filter(p -> !List.of("throughput", "latency").contains(p)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown phase(s) " + unknown + "; known: throughput, latency");
        }
        if (records < 2 || rate < 1 || durationSeconds < 1 || warmupSeconds < 0 || repeats < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("need --records >= 2, --rate >= 1, --duration >= 1, --warmup >= 0, --repeats >= 1, --timeout >= 1");
        }
    }

    private List<String> engineJvmOptions(EngineKind engine, Path runDir) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + engineHeap));
        if (jfr) {
            options.add("-XX:StartFlightRecording:settings=profile,dumponexit=true,filename="
                    + runDir.resolve(engine.id() + ".jfr"));
        }
        options.addAll(jvmOptions);
        return options;
    }

    private ThroughputRun throughputRun(JvmLauncher jvm, BrokerProcess broker, EngineKind engine, int repeat, Path flux,
                                        Properties properties, TweetLoad tweets, Path out) throws IOException, InterruptedException {
        String runId = "throughput-" + engine.id() + "-" + repeat;
        EngineTopics topics = prepareTopics(broker, runId);
        Path runDir = out.resolve(runId);
        preload(broker, topics.input(), tweets);
        Path runProperties = writeProperties(runDir, properties, broker, topics);
        double loadBefore = Machine.loadAverage();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        try (EngineProcess process = EngineProcess.start(jvm, engine, engineJvmOptions(engine, runDir), flux, runProperties, runDir);
             TopicScan scan = new TopicScan(broker.bootstrapServers())) {
            TopicScan.Outputs outputs = null;
            Progress progress = new Progress(engine.id() + " #" + repeat, records);
            while (outputs == null) {
                process.sampleCpu();
                checkRunning(process, scan, topics, deadline);
                long produced = scan.size(topics.output());
                progress.report(produced, process, "out");
                if (produced >= records) {
                    TopicScan.Outputs read = scan.read(topics.output(), SCAN_TIMEOUT);
                    outputs = read.distinctIds() >= records ? read : null;
                }
                if (outputs == null) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
            long rss = process.peakRssBytes();
            EngineMain.HeapStats heap = process.stop();
            Throughput throughput = Throughput.of(outputs.appendMillis());
            double cpuWindow = process.cpu().cpuSecondsBetween(throughput.firstMillis(), throughput.lastMillis());
            ThroughputRun run = new ThroughputRun(engine.id(), repeat, records, outputs.duplicates(),
                    throughput.recordsPerSecond(), throughput.spanMillis(), cpuWindow,
                    cpuWindow / outputs.appendMillis().length * 1_000_000, footprint(process, heap, rss),
                    loadBefore, Machine.loadAverage());
            deleteTopics(broker, topics);
            return run;
        }
    }

    private LatencyRun latencyRun(JvmLauncher jvm, BrokerProcess broker, EngineKind engine, int repeat, Path flux,
                                  Properties properties, TweetLoad tweets, Path out) throws IOException, InterruptedException {
        String runId = "latency-" + engine.id() + "-" + repeat;
        EngineTopics topics = prepareTopics(broker, runId);
        Path runDir = out.resolve(runId);
        Path runProperties = writeProperties(runDir, properties, broker, topics);
        double loadBefore = Machine.loadAverage();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long total = (long) rate * durationSeconds;
        Map<String, Object> producerConfig = KafkaClients.producer(broker.bootstrapServers());
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (EngineProcess process = EngineProcess.start(jvm, engine, engineJvmOptions(engine, runDir), flux, runProperties, runDir);
             TopicScan scan = new TopicScan(broker.bootstrapServers());
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            long outputsBefore = awaitFirstOutput(process, scan, producer, topics, tweets, deadline);
            // Warm-up at the offered rate, then wait until its backlog is gone: a cold JVM falls behind
            // in its first seconds, and that backlog would otherwise delay the measured records too.
            long warmupRecords = (long) rate * warmupSeconds;
            Progress warmup = new Progress(engine.id() + " #" + repeat + " warm-up", warmupRecords);
            sendAtRate(process, scan, producer, topics, warmupRecords,
                    i -> tweets.record("warmup-" + i, i, System.currentTimeMillis()), warmup, outputsBefore, deadline);
            outputsBefore += warmupRecords;
            long startMillis = System.currentTimeMillis();
            Progress measured = new Progress(engine.id() + " #" + repeat, total);
            sendAtRate(process, scan, producer, topics, total, i -> tweets.record(i, System.currentTimeMillis()),
                    measured, outputsBefore, deadline);
            long rss = process.peakRssBytes();
            EngineMain.HeapStats heap = process.stop();
            TopicScan.Outputs outputs = scan.read(topics.output(), SCAN_TIMEOUT);
            long[] latencies = new long[outputs.appendMillis().length];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = outputs.appendMillis()[i] - outputs.createdMillis()[i];
            }
            LatencyRun run = new LatencyRun(engine.id(), repeat, rate, total, outputs.appendMillis().length,
                    outputs.duplicates(), LatencySummary.of(latencies),
                    LatencyTimeline.perSecond(outputs.createdMillis(), latencies, startMillis),
                    footprint(process, heap, rss), loadBefore, Machine.loadAverage());
            deleteTopics(broker, topics);
            return run;
        }
    }

    /**
     * Sends {@code count} records at the offered rate, paced against the clock, then waits until the
     * output topic holds {@code outputsBefore + count} records (every one of them processed).
     */
    private void sendAtRate(EngineProcess process, TopicScan scan, KafkaProducer<String, String> producer,
                            EngineTopics topics, long count, LongFunction<String> record, Progress progress,
                            long outputsBefore, long deadline) throws InterruptedException {
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        long startNanos = System.nanoTime();
        long sent = 0;
        while (sent < count) {
            long due = Math.min(count, (System.nanoTime() - startNanos) * rate / 1_000_000_000L + 1);
            for (; sent < due; sent++) {
                producer.send(new ProducerRecord<>(topics.input(), record.apply(sent)), (metadata, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    }
                });
            }
            if (progress.due()) {
                process.sampleCpu();
                checkRunning(process, scan, topics, deadline);
                progress.report(scan.size(topics.output()) - outputsBefore, process, "out, " + sent + " sent");
            }
            LockSupport.parkNanos(200_000);
        }
        producer.flush();
        if (sendFailure.get() != null) {
            throw new IllegalStateException("sending to " + topics.input() + " failed", sendFailure.get());
        }
        long received;
        while ((received = scan.size(topics.output()) - outputsBefore) < count) {
            process.sampleCpu();
            checkRunning(process, scan, topics, deadline);
            progress.report(received, process, "out, all sent");
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Sends a probe record every half second until the engine's first output appears; returns how many were sent. */
    private static int awaitFirstOutput(EngineProcess process, TopicScan scan, KafkaProducer<String, String> producer,
                                        EngineTopics topics, TweetLoad tweets, long runDeadline) throws InterruptedException {
        long deadline = Math.min(runDeadline, System.nanoTime() + READY_TIMEOUT.toNanos());
        int probes = 0;
        while (scan.size(topics.output()) == 0) {
            process.sampleCpu();
            checkRunning(process, scan, topics, deadline);
            producer.send(new ProducerRecord<>(topics.input(), tweets.record("probe-" + probes, probes, System.currentTimeMillis())));
            producer.flush();
            probes++;
            Thread.sleep(500);
        }
        // Probes still in flight arrive later; wait for all of them so the count of real outputs is exact.
        while (scan.size(topics.output()) < probes) {
            checkRunning(process, scan, topics, deadline);
            Thread.sleep(100);
        }
        return probes;
    }

    private static void checkRunning(EngineProcess process, TopicScan scan, EngineTopics topics, long deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the engine's JVM exited early; see " + process.log());
        }
        long deadLetters = scan.size(topics.deadLetters());
        if (deadLetters > 0) {
            throw new IllegalStateException(deadLetters + " record(s) went to " + topics.deadLetters()
                    + ": the engine rejects valid input; see " + process.log());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the run did not finish within --timeout; see " + process.log());
        }
    }

    private static EngineTopics prepareTopics(BrokerProcess broker, String runId) {
        EngineTopics topics = EngineTopics.forRun(runId);
        broker.createTopics(List.of(topics.input(), topics.deadLetters(), topics.trends()), false);
        broker.createTopics(List.of(topics.output()), true);
        return topics;
    }

    private void preload(BrokerProcess broker, String topic, TweetLoad tweets) {
        Map<String, Object> config = KafkaClients.producer(broker.bootstrapServers());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            long now = System.currentTimeMillis();
            for (long i = 0; i < records && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, tweets.record(i, now)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preloading " + topic + " failed: " + failure.get().getMessage(), failure.get());
        }
        System.out.printf(Locale.ROOT, "  preloaded %,d records into %s in %.1f s%n", records, topic, (System.nanoTime() - started) / 1e9);
    }

    private static Path writeProperties(Path runDir, Properties flux, BrokerProcess broker, EngineTopics topics) throws IOException {
        Properties run = new Properties();
        run.putAll(flux);
        run.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
        run.setProperty("topic.tweets", topics.input());
        run.setProperty("topic.sentiment", topics.output());
        run.setProperty("topic.deadletters", topics.deadLetters());
        run.setProperty("topic.trends", topics.trends());
        run.setProperty("sentiment.consumer.group", topics.group());
        run.setProperty("kafka.spout.first.poll.offset.strategy", "EARLIEST");
        Files.createDirectories(runDir);
        Path file = runDir.resolve("flux.properties");
        try (OutputStream stream = Files.newOutputStream(file)) {
            run.store(stream, "Flux properties of this run, written by bin/dim bench");
        }
        return file;
    }

    private static Footprint footprint(EngineProcess process, EngineMain.HeapStats heap, long rssBytes) {
        double mb = 1024.0 * 1024.0;
        return new Footprint(process.cpu().totalCpuSeconds(), heap.peakHeapAfterGc() / mb, heap.heapAfterFullGc() / mb,
                rssBytes < 0 ? -1 : rssBytes / mb);
    }

    /** A progress line every couple of seconds while an engine runs. */
    private static final class Progress {
        private final String label;
        private final long target;
        private long lastMillis = System.currentTimeMillis();
        private long lastCount;

        Progress(String label, long target) {
            this.label = label;
            this.target = target;
        }

        boolean due() {
            return System.currentTimeMillis() - lastMillis >= PROGRESS_MILLIS;
        }

        void report(long count, EngineProcess process, String what) {
            long now = System.currentTimeMillis();
            if (now - lastMillis < PROGRESS_MILLIS) {
                return;
            }
            double perSecond = (count - lastCount) * 1000.0 / (now - lastMillis);
            System.out.printf(Locale.ROOT, "  %-18s %,9d / %,d %s  %,8.0f/s  CPU %6.1f s  load %.1f%n", label, count, target,
                    what, perSecond, process.cpu().totalCpuSeconds(), Machine.loadAverage());
            lastMillis = now;
            lastCount = count;
        }
    }
}
