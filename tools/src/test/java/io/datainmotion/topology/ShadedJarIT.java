package io.datainmotion.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.datainmotion.cluster.StormInstallation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar `mvn package` builds for `storm jar`: Flux, the Kafka spout, Kafka clients and our classes
 * inside; Storm itself, its daemons, a Kafka broker and logging bindings outside (the worker has
 * its own, and a second defaults.yaml makes Storm refuse the jar); the Flux files under flux/; the dashboard and its web server outside.
 */
class ShadedJarIT {

    private static Path shadedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("worker/target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("data-in-motion-worker-[\\d.]+\\.jar")).toList();
            assertEquals(1, jars.size(), "one shaded jar in worker/target/: " + jars);
            return jars.get(0);
        }
    }

    @Test
    void holdsTheTopologyAndNotTheContainer() throws IOException {
        try (JarFile file = new JarFile(shadedJar().toFile())) {
            List<String> names = file.stream().map(e -> e.getName()).toList();
            for (String required : List.of("org/apache/storm/flux/Flux.class",
                    "io/datainmotion/batch/KafkaBatchSpout.class", "io/datainmotion/batch/KafkaBatchBolt.class",
                    "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                    "io/datainmotion/bolts/SentimentBolt.class",
                    "io/datainmotion/bolts/JdbcBatchBolt.class", "org/postgresql/Driver.class",
                    "com/zaxxer/hikari/HikariDataSource.class", "org/flywaydb/core/Flyway.class",
                    "io/datainmotion/storage/migrations/V1__result_tables.sql",
                    "io/datainmotion/sentiment/linear-model.bin",
                    "io/datainmotion/sentiment/vader_sentiment_lexicon.txt")) {
                assertTrue(names.contains(required), "the jar holds " + required);
            }
            try (Stream<Path> fluxFiles = Files.list(Path.of("flux"))) {
                for (Path fluxFile : fluxFiles.toList()) {
                    assertTrue(names.contains("flux/" + fluxFile.getFileName()), "the jar holds " + fluxFile);
                }
            }
            assertEquals("true", file.getManifest().getMainAttributes().getValue("Multi-Release"),
                    "bundled jars' META-INF/versions classes are used");
            for (String forbidden : List.of("io/datainmotion/cli/", "io/datainmotion/cluster/", "io/datainmotion/topology/",
                    "io/datainmotion/kafka/", "io/datainmotion/ingest/", "io/datainmotion/sentiment/training/",
                    "io/datainmotion/storage/EmbeddedPostgresServer", "io/datainmotion/samples/",
                    "picocli/", "de/bwaldvogel/",
                    "org/apache/storm/daemon/", "org/apache/storm/LocalCluster", "kafka/server/",
                    "kafka/log/", "org/apache/storm/topology/TopologyBuilder", "org/slf4j/", "org/apache/logging/log4j/",
                    "defaults.yaml", "log4j2.xml", "com/vader/", "io/zonky/", "postgres-linux-x86_64",
                    "io/datainmotion/dashboard/", "io/javalin/", "org/eclipse/jetty/", "kotlin/", "META-INF/resources/webjars/",
                    "org/openqa/selenium/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(forbidden)), "the jar holds nothing of " + forbidden);
            }
        }
    }

    /**
     * The developer tools stay out of the jar, so nothing left in it may need them: jdeps lists every
     * class one of our classes uses that is neither in the jar nor on a worker's classpath (Storm's
     * lib-worker). Third-party code may have optional dependencies of its own; ours has none.
     */
    @Test
    void everyClassOfOursInTheJarFindsWhatItUsesInAWorker() throws IOException, InterruptedException {
        Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
        String libWorker = StormInstallation.of(Path.of("")).clientClasspath().replace("/*", "");
        String workerClasspath;
        try (Stream<Path> jars = Files.list(Path.of(libWorker))) {
            workerClasspath = String.join(":", jars.map(Path::toString).filter(name -> name.endsWith(".jar")).toList());
        }
        Process process = new ProcessBuilder(jdeps.toString(), "--multi-release", "17", "--missing-deps",
                "-cp", workerClasspath, shadedJar().toString()).redirectErrorStream(true).start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "jdeps finished");
        assertEquals(0, process.exitValue(), report);
        List<String> ours = report.lines().map(String::strip).filter(line -> line.startsWith("io.datainmotion.")).toList();
        assertEquals(List.of(), ours, "classes of ours that need something a worker does not have");
    }

    /**
     * {@code storm jar <jar> org.apache.storm.flux.Flux --resource /flux/... --filter /flux/...}: the
     * YAML and the properties read from the jar, on the classpath storm jar gives its client.
     */
    @Test
    void fluxBuildsATopologyFromTheFilesInTheJar(@TempDir Path dir) throws IOException, InterruptedException {
        String classpath = shadedJar().toAbsolutePath() + ":" + StormInstallation.of(Path.of("")).clientClasspath();
        Path output = dir.resolve("flux.out");
        // Run elsewhere than the project directory: nothing may come from flux/ on disk.
        Process flux = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classpath, "org.apache.storm.flux.Flux", "--dry-run", "--no-splash",
                "--resource", "/flux/sensors.yaml", "--filter", "/flux/local.properties")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!flux.waitFor(120, TimeUnit.SECONDS)) {
            flux.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, flux.exitValue(), printed);
        assertTrue(printed.contains("Topology Name: sensors"), printed);
    }
}
