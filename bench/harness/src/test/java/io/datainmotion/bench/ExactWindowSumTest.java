package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.WindowAccumulator;
import org.junit.jupiter.api.Test;

class ExactWindowSumTest {

    private static final double[] TEMPERATURES = {21.37, 0.1, 0.2, 25.01, -3.3, 1e-3, 30.0};

    @Test
    void givesTheTopologysWindowResultThroughItsSerde() {
        WindowAccumulator topology = new WindowAccumulator(60_000, 60_000);
        ExactWindowSum peer = new ExactWindowSum();
        for (int i = 0; i < TEMPERATURES.length; i++) {
            boolean above = TEMPERATURES[i] > 25.0;
            topology.add(new SensorReading("sensor-3", 60_000 + i, TEMPERATURES[i]), above);
            // Streams keeps the aggregate as bytes between readings.
            peer = ExactWindowSum.SERDE.deserializer().deserialize("t",
                    ExactWindowSum.SERDE.serializer().serialize("t", peer.add(TEMPERATURES[i], above)));
        }

        assertEquals(topology.result("sensor-3", 60_000), peer.result("sensor-3", 60_000, 120_000));
    }

    @Test
    void theMeanIsExactWhereADoubleSumIsNot() {
        ExactWindowSum sum = new ExactWindowSum().add(0.1, false).add(0.2, false).add(0.3, false);
        double naive = (0.1 + 0.2 + 0.3) / 3;

        assertEquals(0.2, sum.result("s", 0, 1).meanTemperature());
        assertEquals(0.20000000000000004, naive);
    }
}
