package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.datainmotion.sensors.Fault;
import io.datainmotion.sensors.SensorSimulator;
import org.junit.jupiter.api.Test;

class SimulateSensorsCommandTest {

    private final DimRunner dim = new DimRunner();

    @Test
    void printsTheSimulatorsStreamForASeed() {
        assertEquals(0, dim.run("simulate-sensors", "--sensors", "3", "--count", "40", "--rate", "10", "--seed", "7",
                "--start", "1764000000000", "--faults", "duplicate,nan", "--fault-rate", "0.2", "--print"));

        List<String> expected = new ArrayList<>();
        new SensorSimulator(new SensorSimulator.Settings(7, 3, 40, 1_764_000_000_000L, 100,
                EnumSet.of(Fault.DUPLICATE, Fault.NAN), 0.2, 5_000, 120_000)).forEachRemaining(m -> expected.add(m.value()));
        assertEquals(expected, dim.out().lines().toList());
        assertTrue(expected.size() > 40, "duplicates were injected");
    }

    @Test
    void badArgumentsGiveOneLineAndANonZeroExit() {
        assertEquals(2, dim.run("simulate-sensors", "--faults", "gremlins", "--print"));
        assertEquals(1, dim.err().lines().count());
        assertTrue(dim.err().contains("unknown fault 'gremlins'"), dim.err());

        DimRunner zeroRate = new DimRunner();
        assertEquals(2, zeroRate.run("simulate-sensors", "--rate", "0", "--print"));
        assertTrue(zeroRate.err().contains("--rate must be positive"), zeroRate.err());

        DimRunner noSensors = new DimRunner();
        assertEquals(2, noSensors.run("simulate-sensors", "--sensors", "0", "--print"));
        assertTrue(noSensors.err().contains("sensors must be positive"), noSensors.err());
    }
}
