package io.datainmotion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void theSensorWorkRunsOnStormAndStreamsOnly() {
        assertEquals(EngineKind.STREAMS, Workload.SENSORS.engine("streams"));
        IllegalArgumentException flink = assertThrows(IllegalArgumentException.class, () -> Workload.SENSORS.engine("flink"));
        assertTrue(flink.getMessage().contains("known: storm, streams"), flink.getMessage());
        assertEquals(EngineKind.FLINK, Workload.SENTIMENT.engine("flink"));
    }

    @Test
    void idsRoundTrip() {
        for (Workload workload : Workload.values()) {
            assertEquals(workload, Workload.of(workload.id()));
        }
    }
}
