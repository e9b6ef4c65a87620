package io.datainmotion.bench;

import java.util.List;
import java.util.Locale;

/** What a benchmark's engines compute: the sentiment work or the sensor windows, each with its topology and peers. */
public enum Workload {
    SENTIMENT("flux/sentiment.yaml", List.of(EngineKind.STORM, EngineKind.LOOP, EngineKind.STREAMS, EngineKind.FLINK)),
    SENSORS("flux/sensors.yaml", List.of(EngineKind.STORM, EngineKind.STREAMS));

    private final String fluxFile;
    private final List<EngineKind> engines;

    Workload(String fluxFile, List<EngineKind> engines) {
        this.fluxFile = fluxFile;
        this.engines = engines;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The project's topology for this work, relative to the project's home. */
    public String fluxFile() {
        return fluxFile;
    }

    /** The engines that can do this work, in the order they run by default. */
    public List<EngineKind> engines() {
        return engines;
    }

    public static Workload of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The engine named {@code id}, if it can do this work; else a one-line reason. */
    public EngineKind engine(String id) {
        EngineKind engine = EngineKind.of(id);
        if (!engines.contains(engine)) {
            throw new IllegalArgumentException("engine '" + id + "' has no " + id() + " work; known: "
                    + String.join(", ", engines.stream().map(EngineKind::id).toList()));
        }
        return engine;
    }
}
