package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CpuSamplesTest {

    private static final long SECOND = 1_000_000_000L;

    private static CpuSamples startUpThenOneCorePerSecond() {
        CpuSamples samples = new CpuSamples();
        samples.add(1000, 0);
        samples.add(2000, 3 * SECOND); // start-up: three seconds of CPU in one second of wall time
        samples.add(4000, 5 * SECOND); // then one CPU second per wall second
        return samples;
    }

    @Test
    void interpolatesBetweenSamples() {
        CpuSamples samples = startUpThenOneCorePerSecond();

        assertEquals(1.0, samples.cpuSecondsBetween(2500, 3500), 1e-9);
        assertEquals(1.5 + 1.0, samples.cpuSecondsBetween(1500, 3000), 1e-9);
        assertEquals(5.0, samples.totalCpuSeconds(), 1e-9);
    }

    @Test
    void instantsOutsideTheSamplesTakeTheNearestOne() {
        CpuSamples samples = startUpThenOneCorePerSecond();

        assertEquals(5.0, samples.cpuSecondsBetween(0, 9000), 1e-9);
        assertEquals(0.0, samples.cpuSecondsBetween(5000, 9000), 1e-9);
    }

    @Test
    void samplesMustComeInOrderAndExist() {
        CpuSamples samples = startUpThenOneCorePerSecond();

        assertThrows(IllegalArgumentException.class, () -> samples.add(3000, 6 * SECOND));
        assertThrows(IllegalStateException.class, () -> new CpuSamples().cpuSecondsBetween(0, 1));
    }
}
