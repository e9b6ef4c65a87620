package io.datainmotion.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.ThresholdedReading;
import io.datainmotion.sentiment.ScoredTweet;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.testing.Tuples;
import org.apache.storm.Config;
import org.apache.storm.serialization.SerializationFactory;
import org.apache.storm.spout.CheckPointState;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Every tuple payload class is registered with Kryo in every shipped Flux file that uses it, and
 * survives a round trip through Storm's Kryo set up exactly as the topology configures it (Java
 * serialization fallback off), which is what happens when tuples cross workers.
 */
class KryoRegistrationTest {

    /** One representative instance of each payload class, including optional fields left empty. */
    static final Map<Class<?>, List<Object>> SAMPLES = Map.of(
            Tweet.class, List.of(new Tweet("id-1", "Great day ☀️ #sun", 1_764_000_000_000L),
                    new Tweet("tweets-0-1", "no time", Tweet.NO_TIME)),
            ScoredTweet.class, List.of(new ScoredTweet("id-1", "text", Sentiment.POSITIVE, 0.5, 1L, 2L, "tweets", 0, 3L),
                    new ScoredTweet("id-2", "text", Sentiment.NEUTRAL, 0.0, 1L, null, "tweets", 1, 4L)),
            Sentiment.class, List.of((Object[]) Sentiment.values()),
            SourceRecord.class, List.of(new SourceRecord("tweets", 3, 1234567890123L),
                    new SourceRecord("tweets", 3, 1234567890123L, 1_764_000_000_000L)),
            SensorReading.class, List.of(new SensorReading("sensor-17", 1_764_000_000_000L, 26.4),
                    new SensorReading("s", 0, -273.15)),
            CheckPointState.Action.class, List.of((Object[]) CheckPointState.Action.values()),
            ThresholdedReading.class, List.of(new ThresholdedReading(new SensorReading("s-1", 5L, 30.5), 1.0)),
            RecordBatch.class, List.of(
                    RecordBatch.<byte[]>builder(new SourceRange("tweets", 2, 5, 3_000_000_001L, false), 3).add("{}".getBytes(StandardCharsets.UTF_8), 7)
                            .add(null, 9).add(new byte[] {(byte) 0xff}, 3_000_000_000L).build(),
                    // as the Kafka spout reads them: keys (null, empty, binary) and timestamps, not in order
                    RecordBatch.<byte[]>builder(new SourceRange("tweets", 2, 5, 9, true), 3)
                            .add("{}".getBytes(StandardCharsets.UTF_8), 5, "sensor-1".getBytes(StandardCharsets.UTF_8), 1_764_000_000_000L)
                            .add(null, 6, null, 1_763_999_999_000L).add(new byte[0], 7, new byte[0], SourceRecord.NO_TIMESTAMP)
                            .add(new byte[] {1}, 8, new byte[] {(byte) 0xff, 0}, 0L).build(),
                    RecordBatch.builder(Tuples.range("tweets", 0, 12, 12), 0).build(),
                    // as a stage derives it: values made from the records, each with the bytes read (or none)
                    derived(RecordBatch.<byte[]>builder(Tuples.range("tweets", 0, 20, 23), 3)
                            .add("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8), 20).add(null, 21)
                            .add(new byte[] {(byte) 0xc3}, 22).build(), "made from ")),
            MessageBatch.class, List.of(new MessageBatch(new ArrayList<>(List.of("k1", "k2")), new ArrayList<>(List.of("{\"a\":1}", "é"))),
                    new MessageBatch(new ArrayList<>(), new ArrayList<>())));

    @Test
    void everyRegisteredPayloadRoundTripsWithTheTopologysOwnKryo() throws IOException {
        TreeSet<String> registered = new TreeSet<>();
        for (Path file : FluxFilesTest.shippedFluxFiles().toList()) {
            FluxTopology topology = FluxTopology.load(file, FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES));
            Config config = topology.config();
            assertEquals(false, config.get(Config.TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION), file.toString());
            List<String> classes = registeredClassNames(config.get(Config.TOPOLOGY_KRYO_REGISTER));
            registered.addAll(classes);
            Kryo kryo = kryoOf(config);
            for (String name : classes) {
                List<Object> samples = SAMPLES.get(classForName(name));
                assertEquals(true, samples != null, "a sample instance of " + name + " in SAMPLES");
                for (Object sample : samples) {
                    assertEquals(sample, roundTrip(kryo, sample));
                }
            }
        }
        TreeSet<String> sampled = new TreeSet<>();
        SAMPLES.keySet().forEach(c -> sampled.add(c.getName()));
        assertEquals(sampled, registered, "every payload class is registered in some Flux file");
    }

    /** Batches between the sentiment topology's bolts hold tweets, then scored tweets for the trends. */
    @Test
    void theSentimentTopologysBatchesOfTweetsRoundTrip() {
        Kryo kryo = kryoOf(FluxTopology.load(Path.of("flux/sentiment.yaml"), FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES)).config());
        RecordBatch<byte[]> read = RecordBatch.<byte[]>builder(Tuples.range("tweets", 1, 10, 13), 2)
                .add("{\"id\":\"a\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8), 10)
                .add("{\"id\":\"b\",\"text\":\"yo\"}".getBytes(StandardCharsets.UTF_8), 12).build();
        RecordBatch<Tweet> tweets = RecordBatch.<Tweet>derivedFrom(read, 2)
                .addDerived(new Tweet("a", "hi", Tweet.NO_TIME), read, 0).addDerived(new Tweet("b", "yo", 5L), read, 1).build();
        assertEquals(tweets, roundTrip(kryo, tweets));
        RecordBatch<ScoredTweet> scored = RecordBatch.<ScoredTweet>derivedFrom(tweets, 2)
                .addDerived((ScoredTweet) SAMPLES.get(ScoredTweet.class).get(0), tweets, 0)
                .addDerived((ScoredTweet) SAMPLES.get(ScoredTweet.class).get(1), tweets, 1).build();
        assertEquals(scored, roundTrip(kryo, scored));
    }

    /** Batches between the sensor topology's bolts hold readings, then readings with their threshold indicator. */
    @Test
    void theSensorTopologysBatchesOfReadingsRoundTrip() {
        Kryo kryo = kryoOf(FluxTopology.load(Path.of("flux/sensors.yaml"), FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES)).config());
        SensorReading reading = new SensorReading("s-2", 1_764_000_000_000L, 21.25);
        RecordBatch<byte[]> read = RecordBatch.<byte[]>builder(Tuples.range("sensor-readings", 3, 40, 41), 1)
                .add("{\"sensorId\":\"s-2\"}".getBytes(StandardCharsets.UTF_8), 40).build();
        RecordBatch<SensorReading> readings = RecordBatch.<SensorReading>derivedFrom(read, 1).addDerived(reading, read, 0).build();
        assertEquals(readings, roundTrip(kryo, readings));
        RecordBatch<ThresholdedReading> mapped = RecordBatch.<ThresholdedReading>derivedFrom(readings, 1)
                .addDerived(new ThresholdedReading(reading, 0.0), readings, 0).build();
        assertEquals(mapped, roundTrip(kryo, mapped));
    }

    /** The storage topology moves the result topics' raw records, NULs and tombstones included, to its store bolt. */
    @Test
    void theStorageTopologysBatchesOfResultRecordsRoundTrip() {
        Kryo kryo = kryoOf(FluxTopology.load(Path.of("flux/storage.yaml"), FluxTopology.properties(FluxFilesTest.LOCAL_PROPERTIES)).config());
        RecordBatch<byte[]> results = RecordBatch.<byte[]>builder(Tuples.range("twitter_sentiment", 0, 5, 8), 3)
                .add("{\"id\": \"a\", \"tweet\": \"x\\u0000y\"}".getBytes(StandardCharsets.UTF_8), 5)
                .add(null, 6).add(new byte[] {0, (byte) 0xc3}, 7).build();
        assertEquals(results, roundTrip(kryo, results));
    }

    private static RecordBatch<String> derived(RecordBatch<byte[]> read, String prefix) {
        RecordBatch.Builder<String> made = RecordBatch.derivedFrom(read, read.size());
        for (int i = 0; i < read.size(); i++) {
            made.addDerived(prefix + read.offset(i), read, i);
        }
        return made.build();
    }

    /** Storm's Kryo as a worker of the topology sets it up: Storm's defaults under the topology's config. */
    private static Kryo kryoOf(Config topologyConfig) {
        Map<String, Object> workerConfig = new java.util.HashMap<>(Utils.readDefaultConfig());
        workerConfig.putAll(topologyConfig);
        return SerializationFactory.getKryo(workerConfig);
    }

    /** The entries of topology.kryo.register: class names, or single-entry maps of class name to serializer. */
    private static List<String> registeredClassNames(Object register) {
        List<String> names = new ArrayList<>();
        for (Object entry : (List<?>) register) {
            if (entry instanceof Map<?, ?> withSerializer) {
                withSerializer.keySet().forEach(name -> names.add((String) name));
            } else {
                names.add((String) entry);
            }
        }
        return names;
    }

    private static Class<?> classForName(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("registered class does not exist: " + name, e);
        }
    }

    private static Object roundTrip(Kryo kryo, Object value) {
        Output output = new Output(256, -1);
        kryo.writeClassAndObject(output, value);
        return kryo.readClassAndObject(new Input(output.toBytes()));
    }
}
