package io.datainmotion.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datainmotion.records.Outcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensorSimulatorTest {

    private static final long START = 1_764_000_000_000L;
    private final ReadingParser parser = new ReadingParser(4096);

    @Test
    void theSameSeedGivesTheSameStreamAndAnotherSeedAnother() {
        SensorSimulator.Settings settings = new SensorSimulator.Settings(9, 5, 2_000, START, 10,
                EnumSet.allOf(Fault.class), 0.1, 500, 5_000);

        assertEquals(drain(new SensorSimulator(settings)), drain(new SensorSimulator(settings)));
        assertNotEquals(drain(new SensorSimulator(settings)), drain(new SensorSimulator(new SensorSimulator.Settings(
                10, 5, 2_000, START, 10, EnumSet.allOf(Fault.class), 0.1, 500, 5_000))));
    }

    @Test
    void cleanReadingsGoRoundRobinAndWalksCrossTheThreshold() {
        List<SimulatedMessage> messages = drain(new SensorSimulator(SensorSimulator.Settings.clean(1, 20, 20_000, START, 50)));

        assertEquals(20_000, messages.size());
        Map<String, Set<Double>> indicatorsBySensor = new HashMap<>();
        ThresholdMapping threshold = new ThresholdMapping(25.0);
        for (int i = 0; i < messages.size(); i++) {
            SensorReading reading = ((Outcome.Accepted<SensorReading>) assertInstanceOf(Outcome.Accepted.class, parser.parse(messages.get(i).value()))).value();
            assertEquals(SensorSimulator.sensorId(i % 20), reading.sensorId());
            assertEquals(reading.sensorId(), messages.get(i).key());
            assertEquals(START + i * 50L, reading.timestamp());
            indicatorsBySensor.computeIfAbsent(reading.sensorId(), k -> new HashSet<>()).add(threshold.map(reading.temperatureCelsius()));
        }
        long crossing = indicatorsBySensor.values().stream().filter(s -> s.size() == 2).count();
        assertTrue(crossing >= 5, "only " + crossing + " of 20 sensors crossed 25 °C in 1,000 readings each");
    }

    @Test
    void everyFaultShowsUpAsItsKindOfDamage() {
        List<SimulatedMessage> messages = drain(new SensorSimulator(new SensorSimulator.Settings(3, 4, 10_000, START, 100,
                EnumSet.allOf(Fault.class), 0.2, 1_000, 20_000)));
        Map<String, Integer> rejected = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, Long> newest = new HashMap<>();
        int duplicates = 0;
        int outOfOrder = 0;
        int farBehind = 0;
        for (SimulatedMessage message : messages) {
            Outcome<SensorReading> parsed = parser.parse(message.value());
            if (parsed instanceof Outcome.Rejected<SensorReading> rejection) {
                rejected.merge(rejection.rejection().reason(), 1, Integer::sum);
                continue;
            }
            SensorReading reading = ((Outcome.Accepted<SensorReading>) parsed).value();
            if (!seen.add(message.value())) {
                duplicates++;
            }
            long behind = newest.getOrDefault(reading.sensorId(), Long.MIN_VALUE) - reading.timestamp();
            outOfOrder += behind > 0 ? 1 : 0;
            farBehind += behind >= 19_000 ? 1 : 0;
            newest.merge(reading.sensorId(), reading.timestamp(), Math::max);
        }

        assertEquals(Set.of(RejectReason.MISSING_FIELD.code(), RejectReason.WRONG_TYPE.code(), RejectReason.NOT_FINITE.code(),
                RejectReason.IMPOSSIBLE_TEMPERATURE.code()), rejected.keySet());
        assertTrue(duplicates > 100, "duplicates: " + duplicates);
        assertTrue(outOfOrder > 200, "out of order: " + outOfOrder);
        assertTrue(farBehind > 100, "held back by the late delay: " + farBehind);
        assertTrue(messages.size() > 10_000, "duplicates add messages; none is lost");
    }

    @Test
    void faultNamesOnTheCommandLineAreKebabCase() {
        assertEquals(Fault.OUT_OF_ORDER, Fault.fromCliName("out-of-order"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Fault.fromCliName("gremlins"));
        assertTrue(unknown.getMessage().contains("missing-field"), unknown.getMessage());
    }

    private static List<SimulatedMessage> drain(SensorSimulator simulator) {
        List<SimulatedMessage> all = new ArrayList<>();
        simulator.forEachRemaining(all::add);
        return all;
    }
}
