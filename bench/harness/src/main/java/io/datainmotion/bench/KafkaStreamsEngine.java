package io.datainmotion.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Kafka Streams, one stream thread, at_least_once: the record's metadata, the work, then to a topic per result. */
final class KafkaStreamsEngine implements Engine {

    private final EngineSettings settings;
    private KafkaStreams streams;

    KafkaStreamsEngine(EngineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() throws Exception {
        EngineTopics topics = settings.topics();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.input(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(() -> new Scoring(settings.scorer()))
                .to((key, out, context) -> out.deadLetter() ? topics.deadLetters() : topics.output(),
                        Produced.with(Serdes.String(), outputJson()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, topics.group());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // 30 s by default under at_least_once; the other engines commit every period (1 s by default).
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitPeriodMs());
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("dim-bench-streams-").toString());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Streams lingers 100 ms by default; the other engines send as the topology's KafkaBolts do.
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), settings.lingerMs());
        config.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        streams = new KafkaStreams(builder.build(), config);
        streams.start();
    }

    private static Serde<TweetWork.Output> outputJson() {
        return Serdes.serdeFrom((topic, out) -> out.json().getBytes(StandardCharsets.UTF_8),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("outputs are only written");
                });
    }

    private static final class Scoring implements Processor<String, byte[], String, TweetWork.Output> {
        private final TweetWork work;
        private ProcessorContext<String, TweetWork.Output> context;

        Scoring(ScorerChoice scorer) {
            this.work = new TweetWork(scorer);
        }

        @Override
        public void init(ProcessorContext<String, TweetWork.Output> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, byte[]> record) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            TweetWork.Output out = work.apply(source.topic(), source.partition(), source.offset(), record.value());
            context.forward(record.withKey(out.key()).withValue(out));
        }
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
