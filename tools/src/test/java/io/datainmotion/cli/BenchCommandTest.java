package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    private final DimRunner dim = new DimRunner();

    @Test
    void benchListsEveryBenchmark() {
        assertEquals(0, dim.run("bench", "--help"));
        assertTrue(dim.out().contains("scorer"), dim.out());
        assertTrue(dim.out().contains("sentiment"), dim.out());
        assertTrue(dim.out().contains("sensors"), dim.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sentiment", "sensors"})
    void harnessBenchmarkWithoutTheHarnessBuiltSaysHowToBuildIt(String benchmark, @TempDir Path emptyHome) {
        String previous = System.getProperty("dim.home");
        System.setProperty("dim.home", emptyHome.toString());
        try {
            assertNotEquals(0, dim.run("bench", benchmark, "--records", "10"));
        } finally {
            if (previous == null) {
                System.clearProperty("dim.home");
            } else {
                System.setProperty("dim.home", previous);
            }
        }
        assertEquals(1, dim.err().strip().lines().count(), dim.err());
        assertTrue(dim.err().contains("bench-classpath.txt is missing"), dim.err());
    }
}
