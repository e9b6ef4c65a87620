package io.datainmotion.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import io.datainmotion.batch.KafkaBatchSpout;
import io.datainmotion.spouts.SimulatedSensorSpout;
import org.apache.storm.Config;
import org.apache.storm.generated.ComponentCommon;
import org.apache.storm.generated.Grouping;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.spout.CheckpointSpout;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both sensor Flux files build the same graph (only the spout and the state provider differ), with the
 * groupings the window state relies on, and Storm's checkpoint spout wired in for the stateful bolt.
 */
class SensorFluxFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"flux/sensors.yaml", "flux/sensors-simulated.yaml"})
    void graphIsWiredAsDocumented(String file) {
        FluxTopology loaded = FluxTopology.load(Path.of(file), FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES));
        StormTopology topology = loaded.topology();

        assertEquals(Set.of("readings", CheckpointSpout.CHECKPOINT_COMPONENT_ID), topology.get_spouts().keySet());
        assertEquals(Set.of("validate", "threshold", "window", "averages-sink", "alerts-sink", "deadletter-sink"),
                topology.get_bolts().keySet());
        assertEquals(Map.of("readings:default", "fields[partition]"), userInputs(topology, "validate"));
        assertEquals(Map.of("validate:default", "fields[partition]"), userInputs(topology, "threshold"));
        assertEquals(Map.of("threshold:default", "direct"), userInputs(topology, "window"));
        assertTrue(topology.get_bolts().get("threshold").get_common().get_streams().get("default").is_direct(),
                "the threshold bolt splits each batch by sensor with direct emits");
        assertEquals(Set.of("readings:deadletters", "validate:deadletters", "window:deadletters"), userInputs(topology, "deadletter-sink").keySet());
        assertEquals(Set.of("window:averages"), userInputs(topology, "averages-sink").keySet());
        assertEquals(Set.of("window:alerts"), userInputs(topology, "alerts-sink").keySet());
        assertTrue(userInputs(topology, "window").size() < topology.get_bolts().get("window").get_common().get_inputs_size(),
                "the window bolt also receives the checkpoint stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sensors.alert.fraction=1.5", "sensors.window.seconds=0", "sensors.threshold=NaN",
            "sensors.simulated.faults=gremlins", "sensors.allowed.lateness.seconds=-1"})
    void impossibleSettingsAreRefusedWhenTheTopologyIsBuilt(String setting) {
        Properties properties = FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES);
        String[] keyValue = setting.split("=", 2);
        properties.setProperty(keyValue[0], keyValue[1]);
        String file = keyValue[0].startsWith("sensors.simulated") ? "flux/sensors-simulated.yaml" : "flux/sensors.yaml";

        assertThrows(IllegalArgumentException.class, () -> FluxTopology.load(Path.of(file), properties));
    }

    @Test
    void eachComponentHasTheTasksOfItsPropertyAboveItsExecutorsSoARebalanceCanGrowIt() {
        Properties properties = FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES);
        Map<String, Integer> tasks = Map.of("readings", 3, "validate", 4, "threshold", 5, "window", 6, "averages-sink", 7);
        properties.setProperty("sensors.spout.tasks", "3");
        properties.setProperty("sensors.validate.tasks", "4");
        properties.setProperty("sensors.threshold.tasks", "5");
        properties.setProperty("sensors.window.tasks", "6");
        properties.setProperty("sensors.sink.tasks", "7");
        properties.setProperty("sensors.window.parallelism", "2");
        StormTopology topology = FluxTopology.load(Path.of("flux/sensors.yaml"), properties).topology();

        tasks.forEach((component, count) -> {
            ComponentCommon common = topology.get_spouts().containsKey(component)
                    ? topology.get_spouts().get(component).get_common() : topology.get_bolts().get(component).get_common();
            Map<String, Object> conf = Utils.parseJson(common.get_json_conf());
            assertEquals(count.longValue(), ((Number) conf.get(Config.TOPOLOGY_TASKS)).longValue(), component);
        });
        assertEquals(2, topology.get_bolts().get("window").get_common().get_parallelism_hint(), "executors stay as set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flux/sensors.yaml", "flux/sensors-simulated.yaml"})
    void aMissingSensorPropertyIsReportedWithItsLine(String file) {
        Properties properties = FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES);
        properties.remove("sensors.window.seconds");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FluxTopology.load(Path.of(file), properties));
        assertTrue(e.getMessage().contains("${sensors.window.seconds} has no value"), e.getMessage());
    }

    @Test
    void theSimulatedFileIsTheSensorGraphIncludedWithItsOwnSpoutAndStateProvider() {
        Properties properties = FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES);
        FluxTopology kafka = FluxTopology.load(Path.of("flux/sensors.yaml"), properties);
        FluxTopology simulated = FluxTopology.load(Path.of("flux/sensors-simulated.yaml"), properties);

        assertEquals("sensors-simulated", simulated.name(), "the including file's name wins (override: false)");
        assertEquals("org.apache.storm.state.InMemoryKeyValueStateProvider", simulated.config().get("topology.state.provider"));
        assertEquals("io.datainmotion.batch.KafkaStateProvider", kafka.config().get("topology.state.provider"));
        assertEquals(kafka.config().get("topology.kryo.register"), simulated.config().get("topology.kryo.register"),
                "the rest of the config comes from the included file");
        assertEquals(SimulatedSensorSpout.class, spoutClass(simulated, "readings"));
        assertEquals(KafkaBatchSpout.class, spoutClass(kafka, "readings"));
        assertEquals(1, simulated.topology().get_spouts().get("readings").get_common().get_parallelism_hint());
        assertEquals(kafka.topology().get_bolts().keySet(), simulated.topology().get_bolts().keySet());
        for (String bolt : kafka.topology().get_bolts().keySet()) {
            assertEquals(userInputs(kafka.topology(), bolt), userInputs(simulated.topology(), bolt), bolt);
            assertEquals(kafka.topology().get_bolts().get(bolt).get_common().get_parallelism_hint(),
                    simulated.topology().get_bolts().get(bolt).get_common().get_parallelism_hint(), bolt);
        }
    }

    @Test
    void aWindowBoltMissingANamedSettingIsRefusedByName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sensors.yaml");
        Files.writeString(file, Files.readString(Path.of("flux/sensors.yaml"))
                .replace("""
                              - name: "withAlertFraction"
                                args:
                                  - ${sensors.alert.fraction}
                        """, ""));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FluxTopology.load(file, FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES)));

        assertTrue(e.getMessage().contains("SensorWindowBolt needs the configMethods [withAlertFraction]"), e.getMessage());
    }

    @Test
    void swappedSettingsTravelWithTheirNamesSoAnImpossibleOneIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sensors.yaml");
        String original = Files.readString(Path.of("flux/sensors.yaml"));
        // The window bolt's withThreshold and withAlertFraction names exchanged, values left in place.
        String swapped = original.replace(
                "name: \"withThreshold\"\n        args:\n          - ${sensors.threshold}\n      - name: \"withAlertFraction\"",
                "name: \"withAlertFraction\"\n        args:\n          - ${sensors.threshold}\n      - name: \"withThreshold\"");
        assertTrue(!swapped.equals(original), "the window bolt's two settings are swapped");
        Files.writeString(file, swapped);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FluxTopology.load(file, FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES)));

        assertTrue(e.getMessage().contains("alert level must be a fraction in [0, 1], got 25.0"), e.getMessage());
    }

    @Test
    void aSimulatorMissingARequiredSettingIsRefusedByName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sensors-simulated.yaml");
        Files.writeString(file, Files.readString(Path.of("flux/sensors-simulated.yaml"))
                .replace("""
                              - name: "withSensors"
                                args:
                                  - ${sensors.simulated.sensors}
                        """, ""));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FluxTopology.load(file, FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES)));

        assertTrue(e.getMessage().contains("SimulatedSensorSpout needs the configMethods [withSensors]"), e.getMessage());
    }

    private static Class<?> spoutClass(FluxTopology loaded, String spout) {
        return Utils.javaDeserialize(loaded.topology().get_spouts().get(spout).get_spout_object().get_serialized_java(),
                Object.class).getClass();
    }

    /** Inputs other than Storm's checkpoint stream, as "component:stream" → grouping. */
    private static Map<String, String> userInputs(StormTopology topology, String bolt) {
        return topology.get_bolts().get(bolt).get_common().get_inputs().entrySet().stream()
                .filter(e -> !e.getKey().get_streamId().equals(CheckpointSpout.CHECKPOINT_STREAM_ID))
                .collect(Collectors.toMap(e -> e.getKey().get_componentId() + ":" + e.getKey().get_streamId(),
                        e -> describe(e.getValue())));
    }

    private static String describe(Grouping grouping) {
        return grouping.is_set_fields() ? "fields" + grouping.get_fields() : grouping.getSetField().getFieldName();
    }
}
