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

/**
 * {@code bin/dim bench}: JMH benchmarks. They live with the tests (JMH is a test dependency), so this
 * starts JMH's own main class in a child JVM on the test classpath that the build writes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs JMH benchmarks (built with the tests; bin/dim builds them).",
        subcommands = BenchCommand.Scorer.class)
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "scorer", mixinStandardHelpOptions = true,
            description = {
                "Single-thread sentiment scorer throughput (tweets/s) and allocation per tweet (-prof gc),"
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
            Path classpathFile = home.resolve("target/test-classpath.txt");
            if (!Files.isReadable(classpathFile)) {
                throw new IllegalStateException(classpathFile + " is missing; run bin/dim (it builds) or mvn -DskipTests package");
            }
            List<String> names = scorers == null ? SentimentScorers.names() : scorers;
            // An unknown name fails here, in one line listing the known ones, rather than deep inside JMH.
            names.forEach(SentimentScorers::create);
            String classpath = String.join(File.pathSeparator, home.resolve("target/test-classes").toString(),
                    home.resolve("target/classes").toString(), Files.readString(classpathFile).strip());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "org.openjdk.jmh.Main", "io.datainmotion.sentiment.ScorerBenchmark",
                    "-p", "scorer=" + String.join(",", names),
                    "-f", String.valueOf(forks), "-wi", String.valueOf(warmups), "-i", String.valueOf(iterations),
                    "-prof", "gc", "-jvmArgsAppend", "-Ddim.home=" + home));
            command.addAll(jmhOptions);
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }
}
