package io.datainmotion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One engine's JVM ({@link EngineMain}) seen from the harness: its CPU time, sampled against the clock,
 * its peak RSS, and the heap figures it reports when stopped.
 */
final class EngineProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path statsFile;
    private final Path log;
    private final CpuSamples cpu = new CpuSamples();

    private EngineProcess(Process process, Path statsFile, Path log) {
        this.process = process;
        this.statsFile = statsFile;
        this.log = log;
    }

    static EngineProcess start(JvmLauncher jvm, Workload workload, EngineKind kind, List<String> jvmOptions,
                               Path fluxFile, Path properties, Path runDir) throws IOException {
        Path statsFile = runDir.resolve(kind.id() + "-heap.json");
        Path log = runDir.resolve(kind.id() + ".log");
        Process process = jvm.start(jvmOptions, EngineMain.class.getName(),
                List.of(workload.id(), kind.id(), fluxFile.toString(), properties.toString(), statsFile.toString()), log);
        EngineProcess engine = new EngineProcess(process, statsFile, log);
        engine.sampleCpu();
        return engine;
    }

    /** Records the JVM's CPU time so far; call it often (a few times a second) while the engine runs. */
    void sampleCpu() {
        Optional<Duration> total = process.info().totalCpuDuration();
        total.ifPresent(d -> cpu.add(System.currentTimeMillis(), d.toNanos()));
    }

    CpuSamples cpu() {
        return cpu;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Peak resident set size in bytes (Linux {@code VmHWM}), or -1 where /proc is not available. */
    long peakRssBytes() {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Stops the engine (closing its standard input) and returns the heap figures it wrote. */
    EngineMain.HeapStats stop() throws IOException, InterruptedException {
        sampleCpu();
        process.getOutputStream().close();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the engine did not stop within " + STOP_TIMEOUT + "; see " + log);
        }
        if (process.exitValue() != 0 || !Files.exists(statsFile)) {
            throw new IllegalStateException("the engine exited with code " + process.exitValue() + "; see " + log);
        }
        return new ObjectMapper().readValue(statsFile.toFile(), EngineMain.HeapStats.class);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
