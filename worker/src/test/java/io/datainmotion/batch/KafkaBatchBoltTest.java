package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;

import io.datainmotion.records.MessageBatch;
import io.datainmotion.testing.Contexts;
import io.datainmotion.testing.RecordingCollector;
import io.datainmotion.testing.Tuples;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaBatchBoltTest {

    private final RecordingCollector recorder = new RecordingCollector();
    private final Contexts.Context context = Contexts.forComponent("sentiment-sink");
    private final MockProducer<String, String> producer =
            new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
    private final KafkaBatchBolt bolt = new KafkaBatchBolt(new Properties(), "out");

    @BeforeEach
    void prepare() {
        bolt.prepare(producer, context.context(), recorder.collector());
    }

    private static Tuple batch(List<String> keys, List<String> messages) {
        return Tuples.tuple("score", Utils.DEFAULT_STREAM_ID, List.of("messages"), List.of(new MessageBatch(keys, messages)));
    }

    @Test
    void sendsEveryMessageAndAcksOnlyWhenTheLastIsWritten() {
        Tuple input = batch(List.of("a", "b"), List.of("1", "2"));
        bolt.execute(input);

        assertEquals(List.of("a", "b"), producer.history().stream().map(r -> r.key()).toList());
        assertEquals(List.of("1", "2"), producer.history().stream().map(r -> r.value()).toList());
        assertEquals("out", producer.history().get(0).topic());
        producer.completeNext();
        assertTrue(recorder.acked.isEmpty(), "not acked while a message is unwritten");
        producer.completeNext();
        assertEquals(List.of(input), recorder.acked);
        assertTrue(recorder.failed.isEmpty());
        assertEquals(2, context.count("records.sent"));
    }

    @Test
    void oneFailedSendFailsTheWholeInputOnceSoItIsReplayed() {
        Tuple input = batch(List.of("a", "b", "c"), List.of("1", "2", "3"));
        bolt.execute(input);

        producer.completeNext();
        producer.errorNext(new TimeoutException("broker gone"));
        producer.completeNext();
        assertEquals(List.of(input), recorder.failed);
        assertTrue(recorder.acked.isEmpty());
        assertEquals(1, recorder.errors.size());
        assertEquals(1, context.count("records.send.failed"));
    }

    @Test
    void anEmptyBatchIsAckedAtOnce() {
        Tuple input = batch(List.of(), List.of());
        bolt.execute(input);
        assertEquals(List.of(input), recorder.acked);
        assertTrue(producer.history().isEmpty());
    }

    @Test
    void synchronousSendsAckBeforeTheNextInputIsTaken() {
        MockProducer<String, String> autoCompleting = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        KafkaBatchBolt synchronous = new KafkaBatchBolt(new Properties(), "out").withSynchronousSends(true);
        synchronous.prepare(autoCompleting, context.context(), recorder.collector());
        Tuple input = batch(List.of("a"), List.of("1"));
        synchronous.execute(input);
        assertEquals(List.of(input), recorder.acked);
    }

    @Test
    void aTupleArrivingAfterCleanupClosedTheProducerIsLeftToTimeOut() {
        bolt.cleanup();
        Tuple input = batch(List.of("a"), List.of("1"));
        bolt.execute(input);
        assertTrue(producer.history().isEmpty(), "the closed producer refused the send");
        assertTrue(recorder.acked.isEmpty() && recorder.failed.isEmpty() && recorder.errors.isEmpty());
    }
}
