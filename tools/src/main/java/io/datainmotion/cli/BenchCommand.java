package io.datainmotion.cli;

import io.datainmotion.sentiment.SentimentScorers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code bin/dim bench}: benchmarks, each in a child JVM on the classpath its build writes. The JMH
 * scorer benchmark lives with the tests (JMH is a test dependency); the engine comparison lives in
 * bench/harness, with its peers (Kafka Streams, Flink) that must never reach the project's jar.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs benchmarks (bin/dim builds them, with bench/pom.xml).",
        subcommands = {BenchCommand.Scorer.class, BenchCommand.Sentiment.class, BenchCommand.Sensors.class,
                BenchCommand.Storage.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "scorer", mixinStandardHelpOptions = true,
            description = {
                "Single-thread sentiment scorer throughput (tweets/s), allocation per tweet (-prof gc) and CPU"
                        + " time per tweet (ThreadCpuProfiler: comparable across runs on a busy machine),"
                        + " over the dev split when ../shared/data is present, else a few made-up tweets.",
                "Keep runs short on a shared machine: the defaults take about 15 s per scorer."})
    static final class Scorer implements Callable<Integer> {

        @Option(names = "--scorer", paramLabel = "NAME", split = ",",
                description = "Scorers to measure, comma-separated (default: all known).")
        List<String> scorers;

        @Option(names = "--forks", paramLabel = "N", defaultValue = "1", description = "JMH forks (default: ${DEFAULT-VALUE}).")
        int forks;

        @Option(names = "--warmups", paramLabel = "N", defaultValue = "2", description = "Warm-up iterations of 2 s (default: ${DEFAULT-VALUE}).")
        int warmups;

        @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "Measured iterations of 2 s (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Parameters(paramLabel = "JMH_OPTION", arity = "0..*",
                description = "More JMH options after --, e.g. -- -rf json -rff result.json")
        List<String> jmhOptions = new ArrayList<>();

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path home = Path.of(System.getProperty("dim.home", ".")).toAbsolutePath().normalize();
            Path classpathFile = home.resolve("tools/target/test-classpath.txt");
            if (!Files.isReadable(classpathFile)) {
                throw new IllegalStateException(classpathFile + " is missing; run bin/dim (it builds) or mvn -DskipTests package");
            }
            List<String> names = scorers == null ? SentimentScorers.names() : scorers;
            // An unknown name fails here, in one line listing the known ones, rather than deep inside JMH.
            names.forEach(SentimentScorers::create);
            String classpath = String.join(File.pathSeparator, home.resolve("tools/target/test-classes").toString(),
                    home.resolve("tools/target/classes").toString(), home.resolve("worker/target/classes").toString(),
                    Files.readString(classpathFile).strip());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "org.openjdk.jmh.Main", "io.datainmotion.sentiment.ScorerBenchmark",
                    "-p", "scorer=" + String.join(",", names),
                    "-f", String.valueOf(forks), "-wi", String.valueOf(warmups), "-i", String.valueOf(iterations),
                    "-prof", "gc", "-prof", "io.datainmotion.sentiment.ThreadCpuProfiler",
                    "-jvmArgsAppend", "-Ddim.home=" + home));
            command.addAll(jmhOptions);
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }

    @Command(name = "sentiment",
            description = {
                "The sentiment topology against a KafkaConsumer->KafkaProducer loop, Kafka Streams and Flink doing the",
                "same work: throughput, CPU, latency at a fixed rate, heap and RSS; table, results.json and SVG charts.",
                "Options: bin/dim bench sentiment --help (they belong to the harness in bench/harness)."})
    static final class Sentiment extends Harness {
        Sentiment() {
            super("io.datainmotion.bench.SentimentBenchmark");
        }
    }

    @Command(name = "sensors",
            description = {
                "The sensor topology against Kafka Streams doing the same per-sensor event-time windowed mean over",
                "simulated readings of 10,000 sensors: readings/s, CPU, heap and RSS, every run's windows checked;",
                "table, results.json and an SVG chart. Options: bin/dim bench sensors --help (they belong to the harness)."})
    static final class Sensors extends Harness {
        Sensors() {
            super("io.datainmotion.bench.SensorBenchmark");
        }
    }

    @Command(name = "storage", mixinStandardHelpOptions = true,
            description = {
                "Scored tweets into PostgreSQL: flux/storage.yaml on a LocalCluster against a plain KafkaConsumer + JDBC",
                "batch-upsert loop doing the same upserts, alternating in one run against an in-process broker and PostgreSQL."})
    static final class Storage implements Callable<Integer> {

        @Option(names = "--records", paramLabel = "N", defaultValue = "200000", description = "Records per round (default: ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "2000",
                description = "Records per poll and transaction, storage.batch.records (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--pool", paramLabel = "N", defaultValue = "2", description = "jdbc.pool.size (default: ${DEFAULT-VALUE}).")
        int pool;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Rounds of each (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            if (records < 1 || batch < 1 || rounds < 1) {
                throw new IllegalArgumentException("--records, --batch and --rounds must be at least 1");
            }
            List<StorageBenchmark.Round> results = new StorageBenchmark(records, batch, pool).run(rounds);
            double loop = StorageBenchmark.median(results.stream().filter(r -> r.engine().equals("loop"))
                    .map(StorageBenchmark.Round::rowsPerSecond).toList());
            double topology = StorageBenchmark.median(results.stream().filter(r -> r.engine().equals("topology"))
                    .map(StorageBenchmark.Round::rowsPerSecond).toList());
            System.out.printf("| engine | rows/s (median of %d) |%n|---|---|%n", rounds);
            System.out.printf("| plain JDBC loop | %,.0f |%n| storage topology | %,.0f (%.2fx the loop) |%n", loop, topology,
                    topology / loop);
            return 0;
        }
    }

    /** A benchmark of bench/harness, run in a child JVM on the classpath the bench build writes. */
    abstract static class Harness implements Callable<Integer> {

        private final String mainClass;

        /** Everything, --help included, goes to the harness, which owns and documents the options. */
        @Unmatched
        List<String> harnessArguments = new ArrayList<>();

        Harness(String mainClass) {
            this.mainClass = mainClass;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path home = ProjectHome.path();
            Path harness = home.resolve("bench/harness/target");
            Path classpathFile = harness.resolve("bench-classpath.txt");
            if (!Files.isReadable(classpathFile)) {
                throw new IllegalStateException(classpathFile + " is missing; run bin/dim bench (it builds) or mvn -f bench/pom.xml -DskipTests package");
            }
            String classpath = String.join(File.pathSeparator, harness.resolve("classes").toString(),
                    home.resolve("tools/target/classes").toString(), home.resolve("worker/target/classes").toString(),
                    Files.readString(classpathFile).strip());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-Dlog4j2.configurationFile=" + home.resolve("config/log4j2-dim.xml"),
                    "-Ddim.log.level=" + System.getProperty("dim.log.level", "WARN"),
                    "-Ddim.home=" + home, "-cp", classpath, mainClass));
            command.addAll(harnessArguments);
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }
}
