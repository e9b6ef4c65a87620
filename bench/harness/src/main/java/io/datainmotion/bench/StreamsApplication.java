package io.datainmotion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * A Kafka Streams peer as every benchmark runs it: one stream thread, at_least_once, committing every
 * commit period, reading its input from the start, sending as the topology's KafkaBolts do, with its
 * state directory in a temporary directory removed on close.
 */
final class StreamsApplication implements AutoCloseable {

    private final Path stateDir;
    private final KafkaStreams streams;

    private StreamsApplication(Path stateDir, KafkaStreams streams) {
        this.stateDir = stateDir;
        this.streams = streams;
    }

    /** Starts {@code topology} with the common settings and {@code extra} over them. */
    static StreamsApplication start(Topology topology, String applicationId, String bootstrapServers, int commitPeriodMs,
                                    int lingerMs, Map<String, Object> extra) throws IOException {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // 30 s by default under at_least_once; the other engines make their progress durable every period (1 s by default).
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitPeriodMs);
        Path stateDir = Files.createTempDirectory("dim-bench-streams-");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Streams lingers 100 ms by default; the other engines send as the topology's KafkaBolts do.
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lingerMs);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        config.putAll(extra);
        KafkaStreams streams = new KafkaStreams(topology, config);
        streams.start();
        return new StreamsApplication(stateDir, streams);
    }

    @Override
    public void close() throws IOException {
        streams.close(Duration.ofSeconds(30));
        Directories.deleteRecursively(stateDir);
    }
}
