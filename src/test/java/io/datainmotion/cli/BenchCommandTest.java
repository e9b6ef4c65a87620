package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Dim.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void benchListsBothBenchmarks() {
        assertEquals(0, run("bench", "--help"));
        assertTrue(out.toString().contains("scorer"), out.toString());
        assertTrue(out.toString().contains("sentiment"), out.toString());
    }

    @Test
    void sentimentWithoutTheHarnessBuiltSaysHowToBuildIt(@TempDir Path emptyHome) {
        String previous = System.getProperty("dim.home");
        System.setProperty("dim.home", emptyHome.toString());
        try {
            assertNotEquals(0, run("bench", "sentiment", "--records", "10"));
        } finally {
            if (previous == null) {
                System.clearProperty("dim.home");
            } else {
                System.setProperty("dim.home", previous);
            }
        }
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("bench-classpath.txt is missing"), err.toString());
    }
}
