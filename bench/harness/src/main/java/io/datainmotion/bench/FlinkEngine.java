package io.datainmotion.bench;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Flink's local environment, parallelism 1, at-least-once checkpoints every commit period (1 s by
 * default): Kafka source committing its offsets on each checkpoint, the work in a map, Kafka sink
 * flushing on each checkpoint.
 */
final class FlinkEngine implements Engine {

    private final EngineSettings settings;
    private JobClient job;

    FlinkEngine(EngineSettings settings) {
        this.settings = settings;
    }

    /** A record as read: where it came from and its value. */
    public record SourceValue(String topic, int partition, long offset, byte[] value) {}

    @Override
    public void start() throws Exception {
        EngineTopics topics = settings.topics();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.enableCheckpointing(settings.commitPeriodMs(), CheckpointingMode.AT_LEAST_ONCE);
        KafkaSource<SourceValue> source = KafkaSource.<SourceValue>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setTopics(topics.input())
                .setGroupId(topics.group())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new SourceValues())
                .build();
        Properties producer = new Properties();
        producer.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(settings.lingerMs()));
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaSink<TweetWork.Output> sink = KafkaSink.<TweetWork.Output>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new OutputRecords(topics.output(), topics.deadLetters()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "tweets")
                .map(new Scoring(settings.scorer()))
                .returns(TypeInformation.of(TweetWork.Output.class))
                .sinkTo(sink);
        job = env.executeAsync("sentiment-bench");
    }

    private static final class SourceValues implements KafkaRecordDeserializationSchema<SourceValue> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceValue> out) {
            out.collect(new SourceValue(record.topic(), record.partition(), record.offset(), record.value()));
        }

        @Override
        public TypeInformation<SourceValue> getProducedType() {
            return TypeInformation.of(SourceValue.class);
        }
    }

    private static final class Scoring extends RichMapFunction<SourceValue, TweetWork.Output> {
        private final ScorerChoice scorer;
        private transient TweetWork work;

        Scoring(ScorerChoice scorer) {
            this.scorer = scorer;
        }

        @Override
        public void open(OpenContext context) {
            work = new TweetWork(scorer);
        }

        @Override
        public TweetWork.Output map(SourceValue in) {
            return work.apply(in.topic(), in.partition(), in.offset(), in.value());
        }
    }

    private record OutputRecords(String output, String deadLetters) implements KafkaRecordSerializationSchema<TweetWork.Output> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(TweetWork.Output out, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(out.deadLetter() ? deadLetters : output,
                    out.key().getBytes(StandardCharsets.UTF_8), out.json().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws Exception {
        if (job != null) {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
