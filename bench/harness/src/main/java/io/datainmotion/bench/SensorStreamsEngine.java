package io.datainmotion.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datainmotion.records.Outcome;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.ReadingParser;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.WindowConfig;
import io.datainmotion.sensors.WindowResult;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.Stores;

/**
 * The sensor topology's work in Kafka Streams, one stream thread, at_least_once: parse and validate each
 * reading with {@link ReadingParser} (rejects to dead letters), the threshold indicator, tumbling
 * event-time windows per sensor with the topology's length and allowed lateness as grace, the exact
 * aggregate of {@link ExactWindowSum}, one {@link WindowResult} JSON per closed window to the averages
 * topic and an alert per window at or above the alert level to the alerts topic.
 *
 * <p>The windows live in an in-memory window store: RocksDB's JNI library would resolve to another
 * version than the one the project pins, and the topology keeps its open windows in memory too. The store
 * is still backed by a changelog topic, as the topology's window state is checkpointed to Kafka.
 */
final class SensorStreamsEngine implements Engine {

    private static final String STORE = "sensor-windows";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SensorSettings settings;
    private StreamsApplication application;

    SensorStreamsEngine(SensorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() throws IOException {
        EngineTopics topics = settings.topics();
        WindowConfig windows = settings.windows();
        StreamsBuilder builder = new StreamsBuilder();
        // Readings are keyed by sensor id (as bin/dim simulate-sensors and the harness send them), so
        // grouping by the record key needs no repartition topic; a key that is not its reading's sensor
        // would show up as wrong windows in the harness's check.
        KStream<String, Validated> validated = builder.stream(topics.input(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(() -> new Validation(settings.maxReadingBytes()));
        validated.filter((sensor, result) -> result.deadLetter() != null)
                .mapValues(Validated::deadLetter)
                .to(topics.deadLetters(), Produced.with(Serdes.String(), Serdes.String()));
        KStream<String, WindowResult> closedWindows = validated
                .filter((sensor, result) -> result.reading() != null)
                .mapValues(Validated::reading)
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(windows.windowMillis()),
                        Duration.ofMillis(windows.allowedLatenessMillis())))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(ExactWindowSum::new,
                        (sensor, reading, sum) -> sum.add(reading.temperatureCelsius(),
                                settings.threshold().map(reading.temperatureCelsius()) == 1.0),
                        Materialized.<String, ExactWindowSum>as(Stores.inMemoryWindowStore(STORE,
                                        Duration.ofMillis(windows.windowMillis() + windows.allowedLatenessMillis()),
                                        Duration.ofMillis(windows.windowMillis()), false))
                                .withKeySerde(Serdes.String()).withValueSerde(ExactWindowSum.SERDE))
                .toStream()
                .map((window, sum) -> {
                    WindowResult result = sum.result(window.key(), window.window().start(), window.window().end());
                    return KeyValue.pair(result.key(), result);
                });
        closedWindows.mapValues(SensorStreamsEngine::json)
                .to(topics.output(), Produced.with(Serdes.String(), Serdes.String()));
        closedWindows.flatMapValues(result -> settings.alertRule().evaluate(result).map(SensorStreamsEngine::json).stream().toList())
                .to(topics.sideOutput(), Produced.with(Serdes.String(), Serdes.String()));

        // onWindowClose looks for closed windows at most once a second of wall-clock time, and only when a
        // record arrives; the topology emits a window with the reading that closes it. At 0 Streams checks
        // on every record too (cheaply: it scans the store only when a window boundary was crossed).
        application = StreamsApplication.start(builder.build(), topics.group(), settings.bootstrapServers(),
                settings.commitPeriodMs(), settings.lingerMs(),
                Map.of(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /** A valid reading, or the dead letter of a rejected one (written while where it came from is known). */
    private record Validated(SensorReading reading, String deadLetter) {}

    /**
     * Parses each reading; a valid one goes on with its event time as the record's timestamp (what the
     * windows are cut by), a rejected one as its dead letter.
     */
    private static final class Validation implements FixedKeyProcessor<String, byte[], Validated> {
        private final ReadingParser parser;
        private FixedKeyProcessorContext<String, Validated> context;

        Validation(int maxReadingBytes) {
            this.parser = new ReadingParser(maxReadingBytes);
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Validated> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            Outcome<SensorReading> result = parser.parse(record.value());
            if (result instanceof Outcome.Accepted<SensorReading> valid) {
                context.forward(record.withValue(new Validated(valid.value(), null)).withTimestamp(valid.value().timestamp()));
            } else if (result instanceof Outcome.Rejected<SensorReading> rejected) {
                RecordMetadata source = context.recordMetadata().orElseThrow();
                context.forward(record.withValue(new Validated(null, DeadLetterJson.of(source.topic(), source.partition(),
                        source.offset(), rejected.rejection().reason(), rejected.rejection().detail()))));
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (application != null) {
            application.close();
        }
    }
}
