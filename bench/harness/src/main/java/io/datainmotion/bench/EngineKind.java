package io.datainmotion.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/** The engines the harness compares; {@link #STORM} is ours, the others are its peers. */
public enum EngineKind {
    STORM("Storm topology (Flux, LocalCluster)"),
    LOOP("KafkaConsumer -> KafkaProducer loop, 1 thread"),
    STREAMS("Kafka Streams, 1 thread, at_least_once"),
    FLINK("Flink local, parallelism 1, checkpoint every commit period");

    private final String description;

    EngineKind(String description) {
        this.description = description;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public static EngineKind of(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown engine '" + id + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(EngineKind::id).toList())));
    }

    Engine create(Workload workload, Path fluxFile, Properties flux) {
        workload.engine(id());
        return switch (this) {
            case STORM -> new StormEngine(fluxFile, flux);
            case LOOP -> new LoopEngine(EngineSettings.from(flux));
            case STREAMS -> workload == Workload.SENSORS ? new SensorStreamsEngine(SensorSettings.from(flux))
                    : new KafkaStreamsEngine(EngineSettings.from(flux));
            case FLINK -> new FlinkEngine(EngineSettings.from(flux));
        };
    }
}
