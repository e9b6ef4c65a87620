package io.datainmotion.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every engine benchmark has: which engines, how much input, how often, and the engines' JVMs. */
final class BenchOptions {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--engines", split = ",", paramLabel = "ENGINE",
            description = "Engines to run, in this order, comma-separated (default: every engine of this benchmark).")
    List<String> engineNames;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
            description = "Records preloaded for each throughput run (default: ${DEFAULT-VALUE}; 1000000 for full runs).")
    int records;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "1",
            description = "Rounds over all engines, interleaved (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--flux", paramLabel = "FILE",
            description = "Our topology (default: the project's Flux file of this benchmark).")
    Path fluxFile;

    @Option(names = "--filter", paramLabel = "PROPERTIES",
            description = "Flux properties over flux/local.properties (topology settings; the peers read theirs from the same properties).")
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
            description = "Where results, charts and logs go (default: target/bench/BENCHMARK-TIMESTAMP).")
    Path outDir;

    /** Runs a benchmark command: bad options print one line and exit 2, a failure one line and exit 1. */
    static void execute(Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
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
}
