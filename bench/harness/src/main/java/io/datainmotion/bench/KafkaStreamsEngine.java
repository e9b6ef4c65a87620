package io.datainmotion.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Kafka Streams, one stream thread, at_least_once: the record's metadata, the work, then to a topic per result. */
final class KafkaStreamsEngine implements Engine {

    private final EngineSettings settings;
    private StreamsApplication application;

    KafkaStreamsEngine(EngineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() throws IOException {
        EngineTopics topics = settings.topics();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.input(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(() -> new Scoring(settings.scorer()))
                .to((key, out, context) -> out.deadLetter() ? topics.deadLetters() : topics.output(),
                        Produced.with(Serdes.String(), outputJson()));
        application = StreamsApplication.start(builder.build(), topics.group(), settings.bootstrapServers(),
                settings.commitPeriodMs(), settings.lingerMs(), Map.of());
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
    public void close() throws IOException {
        if (application != null) {
            application.close();
        }
    }
}
