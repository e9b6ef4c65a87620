package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.datainmotion.sensors.Fault;
import io.datainmotion.sensors.SensorSimulator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateSensorsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Dim.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsTheSimulatorsStreamForASeed() {
        assertEquals(0, run("simulate-sensors", "--sensors", "3", "--count", "40", "--rate", "10", "--seed", "7",
                "--start", "1764000000000", "--faults", "duplicate,nan", "--fault-rate", "0.2", "--print"));

        List<String> expected = new ArrayList<>();
        new SensorSimulator(new SensorSimulator.Settings(7, 3, 40, 1_764_000_000_000L, 100,
                EnumSet.of(Fault.DUPLICATE, Fault.NAN), 0.2, 5_000, 120_000)).forEachRemaining(m -> expected.add(m.value()));
        assertEquals(expected, out.toString().lines().toList());
        assertTrue(expected.size() > 40, "duplicates were injected");
    }

    @Test
    void badArgumentsGiveOneLineAndANonZeroExit() {
        assertEquals(2, run("simulate-sensors", "--faults", "gremlins", "--print"));
        assertEquals(1, err.toString().lines().count());
        assertTrue(err.toString().contains("unknown fault 'gremlins'"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("simulate-sensors", "--rate", "0", "--print"));
        assertTrue(err.toString().contains("--rate must be positive"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("simulate-sensors", "--sensors", "0", "--print"));
        assertTrue(err.toString().contains("sensors must be positive"), err.toString());
    }
}
