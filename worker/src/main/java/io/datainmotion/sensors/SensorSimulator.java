package io.datainmotion.sensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic sensor fleet: the same seed and settings always give the same messages in the same
 * order. Readings go round-robin over the sensors, one every {@code intervalMillis} of event time, so
 * each sensor reports every {@code sensors × intervalMillis}.
 *
 * <p>Each sensor's temperature is a mean-reverting random walk (discrete Ornstein-Uhlenbeck) around
 * its own baseline, drawn in 25 ± 6 °C, with a stationary spread of about 2 °C: sensors near the
 * default 25 °C threshold keep crossing it, warm ones mostly stay above and cool ones below, as in a
 * real building. Faults are drawn per reading with probability {@code faultRate}, uniformly among the
 * enabled ones. An unbounded iterator when {@code count} is 0.
 */
public final class SensorSimulator implements Iterator<SimulatedMessage> {

    /** Everything that determines the stream. */
    public record Settings(long seed, int sensors, long count, long startMillis, long intervalMillis,
                           Set<Fault> faults, double faultRate, long disorderMillis, long lateDelayMillis) {
        public Settings {
            if (sensors <= 0) {
                throw new IllegalArgumentException("sensors must be positive, got " + sensors);
            }
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, got " + count);
            }
            if (intervalMillis <= 0) {
                throw new IllegalArgumentException("interval must be positive, got " + intervalMillis);
            }
            if (!(faultRate >= 0.0 && faultRate <= 1.0)) {
                throw new IllegalArgumentException("fault rate must be in [0, 1], got " + faultRate);
            }
            if (disorderMillis < 0 || lateDelayMillis < 0) {
                throw new IllegalArgumentException("delays must not be negative");
            }
            faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        }

        /** A clean stream: no faults. */
        public static Settings clean(long seed, int sensors, long count, long startMillis, long intervalMillis) {
            return new Settings(seed, sensors, count, startMillis, intervalMillis, Set.of(), 0.0, 0, 0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double REVERSION = 0.1;
    private static final double STEP_STDDEV = 0.9;

    private final Settings settings;
    private final List<Fault> faults;
    private final SplittableRandom random;
    private final double[] baseline;
    private final double[] temperature;
    private final Queue<SimulatedMessage> ready = new ArrayDeque<>();
    private final PriorityQueue<Held> held = new PriorityQueue<>();
    private long generated;
    private long heldSequence;

    private record Held(long releaseAt, long sequence, SimulatedMessage message) implements Comparable<Held> {
        @Override
        public int compareTo(Held other) {
            int byTime = Long.compare(releaseAt, other.releaseAt);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    public SensorSimulator(Settings settings) {
        this.settings = settings;
        this.faults = List.copyOf(settings.faults());
        this.random = new SplittableRandom(settings.seed());
        this.baseline = new double[settings.sensors()];
        this.temperature = new double[settings.sensors()];
        for (int i = 0; i < settings.sensors(); i++) {
            baseline[i] = 25.0 + (random.nextDouble() * 12.0 - 6.0);
            temperature[i] = baseline[i] + gaussian() * 2.0;
        }
    }

    public static String sensorId(int index) {
        return "sensor-" + index;
    }

    @Override
    public boolean hasNext() {
        fillReady();
        return !ready.isEmpty();
    }

    @Override
    public SimulatedMessage next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void fillReady() {
        while (ready.isEmpty()) {
            if (settings.count() > 0 && generated >= settings.count()) {
                Held last = held.poll();
                if (last == null) {
                    return;
                }
                ready.add(last.message());
            } else {
                generateOne();
            }
        }
    }

    private void generateOne() {
        long now = settings.startMillis() + generated * settings.intervalMillis();
        while (!held.isEmpty() && held.peek().releaseAt() <= now) {
            ready.add(held.poll().message());
        }
        int sensor = (int) (generated % settings.sensors());
        generated++;
        temperature[sensor] += REVERSION * (baseline[sensor] - temperature[sensor]) + STEP_STDDEV * gaussian();
        ObjectNode reading = JSON.createObjectNode()
                .put("sensorId", sensorId(sensor))
                .put("timestamp", now)
                .put("temperature", Math.round(temperature[sensor] * 100.0) / 100.0);
        if (!faults.isEmpty() && random.nextDouble() < settings.faultRate()) {
            injectFault(faults.get(random.nextInt(faults.size())), reading, now);
        } else {
            ready.add(message(reading));
        }
    }

    private void injectFault(Fault fault, ObjectNode reading, long now) {
        switch (fault) {
            case MISSING_FIELD -> reading.remove(List.of("sensorId", "timestamp", "temperature").get(random.nextInt(3)));
            case NON_NUMERIC -> {
                if (random.nextBoolean()) {
                    reading.put("temperature", String.format(Locale.ROOT, "%.1f degrees", reading.get("temperature").doubleValue()));
                } else {
                    reading.put("timestamp", "yesterday");
                }
            }
            case NAN -> reading.put("temperature", Double.NaN);
            case IMPOSSIBLE -> reading.put("temperature", -300.0 - random.nextInt(1000));
            case DUPLICATE -> ready.add(message(reading));
            case OUT_OF_ORDER -> {
                hold(now + 1 + random.nextLong(Math.max(1, settings.disorderMillis())), reading);
                return;
            }
            case LATE -> {
                hold(now + settings.lateDelayMillis(), reading);
                return;
            }
            default -> throw new IllegalStateException("unhandled fault " + fault);
        }
        ready.add(message(reading));
    }

    private void hold(long releaseAt, ObjectNode reading) {
        held.add(new Held(releaseAt, heldSequence++, message(reading)));
    }

    private static SimulatedMessage message(ObjectNode reading) {
        String key = reading.hasNonNull("sensorId") ? reading.get("sensorId").asText() : null;
        return new SimulatedMessage(key, reading.toString());
    }

    private double gaussian() {
        // Box-Muller on the seeded generator: java.util.Random#nextGaussian would need a second source.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
