package io.datainmotion.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.datainmotion.kafka.SensorFeed;
import io.datainmotion.sensors.Fault;
import io.datainmotion.sensors.SensorSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "simulate-sensors", mixinStandardHelpOptions = true,
        description = {"Publishes simulated temperature readings to Kafka, keyed by sensor id, in the format of the "
                + "sensor pipeline: {\"sensorId\",\"timestamp\",\"temperature\"}.",
                "Deterministic for a seed and start time: each sensor walks around its own baseline and crosses "
                + "25 °C now and then; readings go round-robin, event time advancing 1/RATE s per reading."})
final class SimulateSensorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--sensors", paramLabel = "N", defaultValue = "100", description = "Number of sensors (default: ${DEFAULT-VALUE}).")
    int sensors;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "100",
            description = "Readings per second over all sensors, in wall-clock and in event time (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Readings to generate, duplicates not counted; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "EPOCH_MS",
            description = "Event time of the first reading in epoch milliseconds (default: now).")
    Long start;

    @Option(names = "--faults", paramLabel = "FAULT", split = ",",
            description = "Faults to inject, comma-separated: missing-field, non-numeric, nan, impossible, duplicate, "
                    + "out-of-order, late.")
    List<String> faults = List.of();

    @Option(names = "--fault-rate", paramLabel = "P", defaultValue = "0.01",
            description = "Share of readings that get one of the faults (default: ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(names = "--disorder-ms", paramLabel = "MS", defaultValue = "5000",
            description = "An out-of-order reading is held back up to this much event time (default: ${DEFAULT-VALUE}).")
    long disorderMillis;

    @Option(names = "--late-ms", paramLabel = "MS", defaultValue = "120000",
            description = "A late reading is held back this much event time (default: ${DEFAULT-VALUE}).")
    long lateDelayMillis;

    @Option(names = "--topic", defaultValue = "sensor-readings", description = "Topic to write to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--print", description = "Print the readings, one JSON per line, instead of sending them.")
    boolean print;

    @Override
    public Integer call() throws Exception {
        SensorSimulator simulator = new SensorSimulator(settings());
        if (print) {
            PrintWriter out = spec.commandLine().getOut();
            simulator.forEachRemaining(message -> out.println(message.value()));
            out.flush();
            return 0;
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producer())) {
            long sent = SensorFeed.send(producer, topic, simulator, rate);
            spec.commandLine().getErr().println("sent " + sent + " readings to " + topic);
        }
        return 0;
    }

    private SensorSimulator.Settings settings() {
        if (!(rate > 0)) {
            throw new ParameterException(spec.commandLine(), "--rate must be positive, got " + rate);
        }
        Set<Fault> chosen = EnumSet.noneOf(Fault.class);
        try {
            faults.forEach(name -> chosen.add(Fault.fromCliName(name)));
            return new SensorSimulator.Settings(seed, sensors, count, start != null ? start : System.currentTimeMillis(),
                    Math.max(1, Math.round(1000.0 / rate)), chosen, faultRate, disorderMillis, lateDelayMillis);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
