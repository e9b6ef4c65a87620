package io.datainmotion.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The jar `mvn package` builds for `storm jar`: Flux, the Kafka spout, Kafka clients and our classes
 * inside; Storm itself, its daemons, a Kafka broker and logging bindings outside (the worker has
 * its own, and a second defaults.yaml makes Storm refuse the jar), the dashboard and its web server outside too.
 */
class ShadedJarIT {

    @Test
    void holdsTheTopologyAndNotTheContainer() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("data-in-motion-[\\d.]+\\.jar")).toList();
            assertEquals(1, jars.size(), "one shaded jar in target/: " + jars);
            jar = jars.get(0);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(e -> e.getName()).toList();
            for (String required : List.of("org/apache/storm/flux/Flux.class",
                    "org/apache/storm/kafka/bolt/KafkaBolt.class", "io/datainmotion/spouts/KafkaBatchSpout.class",
                    "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                    "io/datainmotion/bolts/SentimentBolt.class",
                    "io/datainmotion/sentiment/linear-model.bin",
                    "io/datainmotion/sentiment/vader_sentiment_lexicon.txt")) {
                assertTrue(names.contains(required), "the jar holds " + required);
            }
            for (String forbidden : List.of("org/apache/storm/daemon/", "org/apache/storm/LocalCluster", "kafka/server/",
                    "kafka/log/", "org/apache/storm/topology/TopologyBuilder", "org/slf4j/", "org/apache/logging/log4j/",
                    "defaults.yaml", "log4j2.xml", "com/vader/",
                    "io/datainmotion/dashboard/", "io/javalin/", "org/eclipse/jetty/", "kotlin/", "META-INF/resources/webjars/",
                    "org/openqa/selenium/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(forbidden)), "the jar holds nothing of " + forbidden);
            }
        }
    }
}
