package io.datainmotion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import io.datainmotion.bench.BenchResults.EngineSummary;
import io.datainmotion.bench.BenchResults.FailedRun;
import io.datainmotion.bench.BenchResults.LatencyRun;
import io.datainmotion.bench.BenchResults.ThroughputRun;
import io.datainmotion.kafka.KafkaClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    private static final long POLL_MILLIS = 250;

    @Mixin
    BenchOptions options;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "10000",
            description = "Offered rate of the latency runs, records/s (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long each latency run sends (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds at the offered rate before each latency run measures, its backlog drained first (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--phases", split = ",", paramLabel = "PHASE", defaultValue = "throughput,latency",
            description = "throughput, latency or both (default: ${DEFAULT-VALUE}).")
    List<String> phases;

    @Option(names = "--tweets", paramLabel = "FILE",
            description = "Tweets to cycle: JSON lines with a text, or plain lines (default: ../shared/data/tweeteval-sentiment-val.jsonl when present, else the bundled sample).")
    Path tweetsFile;

    private final List<String> arguments;

    private SentimentBenchmark(List<String> arguments) {
        this.arguments = arguments;
    }

    public static void main(String[] args) {
        BenchOptions.execute(new SentimentBenchmark(List.of(args)), args);
    }

    @Override
    public Integer call() throws Exception {
        checkSettings();
        BenchSession session = BenchSession.start(Workload.SENTIMENT, options);
        Properties properties = session.properties();
        EngineSettings.from(properties); // fails now, in one line, on properties the peers cannot run with
        Path devSet = session.home().resolve(DEV_SET).normalize();
        TweetLoad tweets = tweetsFile != null ? TweetLoad.fromFile(tweetsFile)
                : Files.isReadable(devSet) ? TweetLoad.fromFile(devSet) : TweetLoad.bundledSample();
        System.out.printf(Locale.ROOT, "Tweets: %,d distinct texts from %s; scorer %s; results in %s%n",
                tweets.distinctTexts(), tweets.source(), properties.getProperty("sentiment.scorer"), session.out());

        List<ThroughputRun> throughputRuns = new ArrayList<>();
        List<LatencyRun> latencyRuns = new ArrayList<>();
        List<FailedRun> failedRuns = new ArrayList<>();
        try (BrokerProcess broker = session.startBroker()) {
            if (phases.contains("throughput")) {
                System.out.printf(Locale.ROOT, "%nThroughput: %,d preloaded records per run%n%s%n", options.records, ResultTable.THROUGHPUT_HEADER);
                throughputRuns.addAll(session.eachEngine("throughput", failedRuns, ResultTable::throughputRow,
                        (engine, repeat) -> throughputRun(session, broker, engine, repeat, tweets)));
            }
            if (phases.contains("latency")) {
                System.out.printf(Locale.ROOT, "%nLatency: %,d records/s offered for %d s after %d s of warm-up%n%s%n",
                        rate, durationSeconds, warmupSeconds, ResultTable.LATENCY_HEADER);
                latencyRuns.addAll(session.eachEngine("latency", failedRuns, ResultTable::latencyRow,
                        (engine, repeat) -> latencyRun(session, broker, engine, repeat, tweets)));
            }
        }
        List<EngineSummary> summary = EngineSummaries.of(session.engines(), throughputRuns, latencyRuns);
        Map<String, Object> settings = session.settings();
        settings.put("offered_rate", rate);
        settings.put("latency_seconds", durationSeconds);
        settings.put("latency_warmup_seconds", warmupSeconds);
        settings.put("tweets", tweets.source());
        settings.put("scorer", properties.getProperty("sentiment.scorer"));
        Map<String, String> charts = new LinkedHashMap<>();
        charts.put("throughput.svg", ResultTable.throughputChart(String.format(Locale.ROOT,
                "Sentiment work, %,d records, median of runs", options.records), "records/s, first to last output record", summary));
        charts.put("latency.svg", ResultTable.latencyChart(latencyRuns, rate));
        return session.finish(arguments, settings, throughputRuns, latencyRuns, List.of(), failedRuns, summary, charts);
    }

    private void checkSettings() {
        List<String> unknown = phases.stream().filter(p -> !List.of("throughput", "latency").contains(p)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown phase(s) " + unknown + "; known: throughput, latency");
        }
        if (rate < 1 || durationSeconds < 1 || warmupSeconds < 0) {
            throw new IllegalArgumentException("need --rate >= 1, --duration >= 1, --warmup >= 0");
        }
    }

    private ThroughputRun throughputRun(BenchSession session, BrokerProcess broker, EngineKind engine, int repeat,
                                        TweetLoad tweets) throws IOException, InterruptedException {
        String runId = "throughput-" + engine.id() + "-" + repeat;
        EngineTopics topics = prepareTopics(broker, runId);
        Path runDir = session.out().resolve(runId);
        preload(broker, topics.input(), tweets);
        Path runProperties = session.writeProperties(runDir, broker, runSettings(topics));
        double loadBefore = Machine.loadAverage();
        long deadline = session.runDeadline();
        int records = options.records;
        try (EngineProcess process = session.startEngine(engine, runDir, runProperties);
             TopicScan scan = new TopicScan(broker.bootstrapServers())) {
            TopicScan.Outputs outputs = null;
            Progress progress = new Progress(engine.id() + " #" + repeat, records);
            while (outputs == null) {
                process.sampleCpu();
                BenchSession.checkRunning(process, scan, topics.deadLetters(), deadline);
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
            writeOutputsPerSecond(runDir.resolve("outputs-per-second.csv"), outputs.appendMillis());
            double cpuWindow = process.cpu().cpuSecondsBetween(throughput.firstMillis(), throughput.lastMillis());
            ThroughputRun run = new ThroughputRun(engine.id(), repeat, records, outputs.duplicates(),
                    throughput.recordsPerSecond(), throughput.spanMillis(), cpuWindow,
                    cpuWindow / outputs.appendMillis().length * 1_000_000, BenchSession.footprint(process, heap, rss),
                    loadBefore, Machine.loadAverage());
            BenchSession.deleteRunTopics(broker, runId);
            return run;
        }
    }

    /** The run's output records per second of broker append time, for comparing stretches of the run. */
    private static void writeOutputsPerSecond(Path file, long[] appendMillis) throws IOException {
        StringBuilder csv = new StringBuilder("epoch_second,records\n");
        Throughput.perSecond(appendMillis).forEach((second, records) ->
                csv.append(second).append(',').append(records).append('\n'));
        Files.writeString(file, csv);
    }

    private LatencyRun latencyRun(BenchSession session, BrokerProcess broker, EngineKind engine, int repeat,
                                  TweetLoad tweets) throws IOException, InterruptedException {
        String runId = "latency-" + engine.id() + "-" + repeat;
        EngineTopics topics = prepareTopics(broker, runId);
        Path runDir = session.out().resolve(runId);
        Path runProperties = session.writeProperties(runDir, broker, runSettings(topics));
        double loadBefore = Machine.loadAverage();
        long deadline = session.runDeadline();
        long total = (long) rate * durationSeconds;
        Map<String, Object> producerConfig = KafkaClients.producer(broker.bootstrapServers());
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (EngineProcess process = session.startEngine(engine, runDir, runProperties);
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
                    BenchSession.footprint(process, heap, rss), loadBefore, Machine.loadAverage());
            BenchSession.deleteRunTopics(broker, runId);
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
                BenchSession.checkRunning(process, scan, topics.deadLetters(), deadline);
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
            BenchSession.checkRunning(process, scan, topics.deadLetters(), deadline);
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
            BenchSession.checkRunning(process, scan, topics.deadLetters(), deadline);
            producer.send(new ProducerRecord<>(topics.input(), tweets.record("probe-" + probes, probes, System.currentTimeMillis())));
            producer.flush();
            probes++;
            Thread.sleep(500);
        }
        // Probes still in flight arrive later; wait for all of them so the count of real outputs is exact.
        while (scan.size(topics.output()) < probes) {
            BenchSession.checkRunning(process, scan, topics.deadLetters(), deadline);
            Thread.sleep(100);
        }
        return probes;
    }

    private static EngineTopics prepareTopics(BrokerProcess broker, String runId) {
        EngineTopics topics = EngineTopics.forRun(runId);
        broker.createTopics(List.of(topics.input(), topics.deadLetters(), topics.sideOutput()), false);
        broker.createTopics(List.of(topics.output()), true);
        return topics;
    }

    private void preload(BrokerProcess broker, String topic, TweetLoad tweets) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(BenchSession.preloadProducer(broker))) {
            long now = System.currentTimeMillis();
            for (long i = 0; i < options.records && failure.get() == null; i++) {
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
        System.out.printf(Locale.ROOT, "  preloaded %,d records into %s in %.1f s%n", options.records, topic, (System.nanoTime() - started) / 1e9);
    }

    private static Map<String, String> runSettings(EngineTopics topics) {
        return Map.of("topic.tweets", topics.input(), "topic.sentiment", topics.output(),
                "topic.deadletters", topics.deadLetters(), "topic.trends", topics.sideOutput(),
                "sentiment.consumer.group", topics.group());
    }
}
