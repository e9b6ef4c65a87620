package io.datainmotion.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.storm.flux.model.BeanDef;
import org.apache.storm.flux.model.BeanReference;
import org.apache.storm.flux.model.StreamDef;
import org.apache.storm.flux.model.TopologyDef;
import org.apache.storm.flux.parser.FluxParser;
import org.apache.storm.generated.StormTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped Flux file parses, builds and validates with the shipped properties; broken ones are refused. */
class FluxFilesTest {

    static final Path LOCAL_PROPERTIES = Path.of("flux/local.properties");

    static Stream<Path> shippedFluxFiles() throws IOException {
        return Files.list(Path.of("flux")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("shippedFluxFiles")
    void shippedFileBuildsWithShippedProperties(Path file) {
        Properties properties = FluxTopology.properties(LOCAL_PROPERTIES);
        assertEquals(List.of(), FluxPlaceholders.check(file, properties));
        FluxTopology topology = FluxTopology.load(file, properties);
        assertTrue(topology.topology().get_spouts_size() > 0, file + " has a spout");
        assertTrue(topology.topology().get_bolts_size() > 0, file + " has bolts");
    }

    @Test
    void sentimentGraphIsWiredAsDocumented() {
        FluxTopology loaded = FluxTopology.load(Path.of("flux/sentiment.yaml"), FluxTopology.properties(LOCAL_PROPERTIES));
        StormTopology topology = loaded.topology();
        assertEquals("sentiment", loaded.name());
        assertEquals(Set.of("tweets"), topology.get_spouts().keySet());
        assertEquals(Set.of("validate", "score", "sentiment-sink", "trends", "trends-sink", "deadletter-sink"),
                topology.get_bolts().keySet());
        assertEquals(Set.of("tweets:deadletters", "validate:deadletters", "score:deadletters"),
                inputsOf(topology, "deadletter-sink"));
        assertEquals(Set.of("tweets:default"), inputsOf(topology, "validate"));
        assertEquals(Set.of("validate:default"), inputsOf(topology, "score"));
        assertEquals(Set.of("score:default"), inputsOf(topology, "sentiment-sink"));
        assertEquals(Set.of("score:scored"), inputsOf(topology, "trends"));
        assertEquals(Set.of("trends:default"), inputsOf(topology, "trends-sink"));
        assertEquals(50L, ((Number) loaded.config().get("topology.max.spout.pending")).longValue(),
                "pending counts batches of up to max.poll.records tweets");
    }

    @Test
    void storageGraphReadsEveryResultTopicIntoOneStore() {
        FluxTopology loaded = FluxTopology.load(Path.of("flux/storage.yaml"), FluxTopology.properties(LOCAL_PROPERTIES));
        StormTopology topology = loaded.topology();
        assertEquals("storage", loaded.name());
        assertEquals(Set.of("sentiment", "trends", "sensor-windows", "sensor-alerts", "dead-letters"),
                topology.get_spouts().keySet());
        assertEquals(Set.of("store", "deadletter-sink"), topology.get_bolts().keySet());
        assertEquals(Set.of("sentiment:default", "trends:default", "sensor-windows:default", "sensor-alerts:default",
                "dead-letters:default"), inputsOf(topology, "store"));
        assertEquals(Set.of("store:deadletters"), inputsOf(topology, "deadletter-sink"));
    }

    private static Set<String> inputsOf(StormTopology topology, String bolt) {
        return topology.get_bolts().get(bolt).get_common().get_inputs().keySet().stream()
                .map(id -> id.get_componentId() + ":" + id.get_streamId())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void missingPropertyIsReportedWithItsLine() {
        Properties properties = FluxTopology.properties(LOCAL_PROPERTIES);
        properties.remove("topic.tweets");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FluxTopology.load(Path.of("flux/sentiment.yaml"), properties));
        assertTrue(e.getMessage().matches("(?s).*sentiment\\.yaml:\\d+: \\$\\{topic\\.tweets} has no value.*"), e.getMessage());
    }

    @Test
    void twoPlaceholdersOnOneLineAreRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, "name: \"x\"\n# a comment with ${ignored}\nlist: [\"${a}\", \"${b}\"]\n");
        Properties properties = new Properties();
        properties.setProperty("a", "1");
        properties.setProperty("b", "2");
        List<FluxPlaceholders.Problem> problems = FluxPlaceholders.check(file, properties);
        assertEquals(1, problems.size());
        assertEquals(3, problems.get(0).line());
        assertEquals("${b}", problems.get(0).placeholder());
    }

    @Test
    void misspelledClassIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, Files.readString(Path.of("flux/sentiment.yaml"))
                .replace("io.datainmotion.bolts.SentimentBolt", "io.datainmotion.bolts.SentimentBlot"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FluxTopology.load(file, FluxTopology.properties(LOCAL_PROPERTIES)));
        assertTrue(e.getMessage().contains("SentimentBlot"), e.getMessage());
    }

    /**
     * Why the Kafka client components are not in a shared include (README, "Rewiring without Java"):
     * Flux builds an including file's components before those it includes, so a pipeline's consumer
     * properties cannot build on an included kafkaSecurity. If a Flux upgrade changes this, share them.
     */
    @Test
    void fluxBuildsTheIncludingFilesComponentsBeforeTheIncludedOnes(@TempDir Path dir) throws IOException {
        Path shared = dir.resolve("shared.yaml");
        Files.writeString(shared, """
                name: "shared"
                components:
                  - id: "kafkaSecurity"
                    className: "java.util.Properties"
                """);
        Path pipeline = dir.resolve("pipeline.yaml");
        Files.writeString(pipeline, Files.readString(Path.of("flux/sentiment.yaml"))
                .replaceFirst("(?s)\\ncomponents:\\n.*?\\n  # Committed offsets", """

                        includes:
                          - resource: false
                            file: "%s"
                            override: false

                        components:
                          # Committed offsets""".formatted(shared)));
        assertTrue(Files.readString(pipeline).contains("ref: \"kafkaSecurity\""), "the consumer properties use it");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FluxTopology.load(pipeline, FluxTopology.properties(LOCAL_PROPERTIES)));
        assertTrue(e.getMessage().contains("argument shouldn't be null"), e.getMessage());
    }

    /** FluxTopology merges includes itself (to resolve their paths); the result is what Flux's own merge gives. */
    @ParameterizedTest
    @ValueSource(strings = {"flux/sensors-simulated.yaml", "flux/sentiment-audit.yaml"})
    void includesAreMergedAsFluxMergesThem(String file) throws IOException {
        Properties properties = FluxTopology.properties(LOCAL_PROPERTIES);
        TopologyDef ours = FluxTopology.parse(Path.of(file), properties);
        TopologyDef fluxs = FluxParser.parseFile(file, false, true, properties, true);

        assertEquals(fluxs.getName(), ours.getName());
        assertEquals(fluxs.getConfig(), ours.getConfig());
        assertEquals(describe(fluxs.getComponents()), describe(ours.getComponents()));
        assertEquals(describe(fluxs.getSpouts()), describe(ours.getSpouts()));
        assertEquals(describe(fluxs.getBolts()), describe(ours.getBolts()));
        assertEquals(fluxs.getStreams().stream().map(FluxFilesTest::describe).toList(),
                ours.getStreams().stream().map(FluxFilesTest::describe).toList());
    }

    private static List<String> describe(List<? extends BeanDef> definitions) {
        return definitions.stream().map(d -> d.getId() + "=" + d.getClassName() + arguments(d.getConstructorArgs())
                + (d.getConfigMethods() == null ? "" : d.getConfigMethods().stream().map(m -> m.getName() + arguments(m.getArgs())).toList()))
                .toList();
    }

    private static String arguments(List<Object> args) {
        return args == null ? "" : args.stream().map(a -> a instanceof BeanReference r ? "ref:" + r.getId() : String.valueOf(a)).toList().toString();
    }

    private static String describe(StreamDef stream) {
        return stream.getFrom() + "->" + stream.getTo() + ":" + stream.getGrouping().getType() + "/" + stream.getGrouping().getStreamId();
    }

    /** bin/dim runs from any directory: it passes the project directory, where include paths start. */
    @Test
    void includePathsStartAtTheProjectDirectoryBinDimPasses(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("flux"));
        Files.writeString(home.resolve("flux/sensors.yaml"), Files.readString(Path.of("flux/sensors.yaml"))
                .replace("parallelism: ${sensors.window.parallelism}", "parallelism: 3"));
        Files.copy(Path.of("flux/sensors-simulated.yaml"), home.resolve("flux/sensors-simulated.yaml"));
        String before = System.getProperty("dim.home");
        System.setProperty("dim.home", home.toString());
        try {
            FluxTopology loaded = FluxTopology.load(home.resolve("flux/sensors-simulated.yaml"), FluxTopology.properties(LOCAL_PROPERTIES));
            assertEquals(3, loaded.topology().get_bolts().get("window").get_common().get_parallelism_hint(),
                    "the included file is " + home + "/flux/sensors.yaml, not the working directory's");
        } finally {
            if (before == null) {
                System.clearProperty("dim.home");
            } else {
                System.setProperty("dim.home", before);
            }
        }
    }

    @Test
    void unknownScorerIsRefusedWhenTheTopologyIsBuilt() {
        Properties properties = FluxTopology.properties(LOCAL_PROPERTIES);
        properties.setProperty("sentiment.scorer", "textblob");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FluxTopology.load(Path.of("flux/sentiment.yaml"), properties));
        assertTrue(e.getMessage().contains("textblob"), e.getMessage());
    }
}
