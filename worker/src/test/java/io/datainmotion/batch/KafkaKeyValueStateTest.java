package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.storm.state.DefaultStateSerializer;
import org.junit.jupiter.api.Test;

/**
 * The two-phase protocol of {@link KafkaKeyValueState}, with Kafka's mock clients standing in for the
 * topic: every "restart" builds a new state from everything written so far, as a new worker would.
 */
class KafkaKeyValueStateTest {

    private static final String TOPIC = "state-test.window-1";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void committedValuesSurviveARestart() {
        KafkaKeyValueState<String, Long> state = restart();
        state.put("a", 1L);
        state.put("b", 2L);
        state.prepareCommit(1);
        state.commit(1);

        KafkaKeyValueState<String, Long> restarted = restart();
        assertEquals(1L, restarted.get("a"));
        assertEquals(2L, restarted.get("b"));
        assertEquals(Map.of("a", 1L, "b", 2L), asMap(restarted));
    }

    @Test
    void changesPreparedBeforeACrashAreCommittedByTheRecoveryCommitOfTheirTxid() {
        KafkaKeyValueState<String, Long> state = restart();
        state.put("a", 1L);
        state.prepareCommit(1);
        state.commit(1);
        state.put("a", 10L);
        state.put("b", 20L);
        state.prepareCommit(2);
        // the worker dies here; the CheckpointSpout remembers it was committing txid 2

        KafkaKeyValueState<String, Long> restarted = restart();
        restarted.commit(2);
        assertEquals(10L, restarted.get("a"));
        assertEquals(Map.of("a", 10L, "b", 20L), asMap(restart()));
    }

    @Test
    void betweenPrepareAndCommitReadsSeeThePreparedValues() {
        KafkaKeyValueState<String, Long> state = restart();
        state.put("a", 1L);
        state.put("gone", 5L);
        state.prepareCommit(1);
        state.commit(1);
        state.put("a", 2L);
        state.delete("gone");
        state.prepareCommit(2);

        assertEquals(2L, state.get("a"));
        assertNull(state.get("gone"));
        assertEquals(Map.of("a", 2L), asMap(state));
        state.put("a", state.get("a") + 1);
        state.commit(2);
        state.prepareCommit(3);
        state.commit(3);
        assertEquals(Map.of("a", 3L), asMap(restart()));
    }

    @Test
    void aRollbackAfterARestartDiscardsThePreparedChangesForGood() {
        KafkaKeyValueState<String, Long> state = restart();
        state.put("a", 1L);
        state.prepareCommit(1);
        state.commit(1);
        state.put("a", 99L);
        state.prepareCommit(2);

        restart().rollback();

        KafkaKeyValueState<String, Long> afterRollback = restart();
        afterRollback.commit(2); // a stale commit finds nothing to apply
        assertEquals(Map.of("a", 1L), asMap(afterRollback));
    }

    @Test
    void rollbackInPlaceRestoresTheCommittedView() {
        KafkaKeyValueState<String, Long> state = restart();
        state.put("a", 1L);
        state.prepareCommit(1);
        state.commit(1);
        state.put("a", 2L);
        state.delete("a");
        state.put("c", 3L);
        state.prepareCommit(2);

        state.rollback();

        assertEquals(1L, state.get("a"));
        assertNull(state.get("c"));
    }

    @Test
    void deletesAndDirectCommitsAreDurable() {
        KafkaKeyValueState<String, Long> state = restart();
        state.put("a", 1L);
        state.put("b", 2L);
        state.commit();
        assertEquals(1L, state.delete("a"));
        assertNull(state.get("a"));
        state.prepareCommit(1);
        state.commit(1);

        assertEquals(Map.of("b", 2L), asMap(restart()));
    }

    @Test
    void mutatingAReturnedValueDoesNotChangeTheCommittedOne() {
        KafkaKeyValueState<String, ArrayList<String>> state = restartAs();
        state.put("k", new ArrayList<>(List.of("x")));
        state.prepareCommit(1);
        state.commit(1);

        state.get("k").add("not put back");

        assertEquals(List.of("x"), state.get("k"));
    }

    private <K, V> KafkaKeyValueState<K, V> restartAs() {
        MockConsumer<byte[], byte[]> reader = new MockConsumer<>("earliest");
        List<ProducerRecord<byte[], byte[]>> written = producer.history();
        reader.updateBeginningOffsets(Map.of(PARTITION, 0L));
        reader.updateEndOffsets(Map.of(PARTITION, (long) written.size()));
        reader.schedulePollTask(() -> {
            for (int offset = 0; offset < written.size(); offset++) {
                reader.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, written.get(offset).key(), written.get(offset).value()));
            }
        });
        return new KafkaKeyValueState<>(TOPIC, reader, producer, new DefaultStateSerializer<>(), new DefaultStateSerializer<>());
    }

    private KafkaKeyValueState<String, Long> restart() {
        return restartAs();
    }

    private static <K, V> Map<K, V> asMap(KafkaKeyValueState<K, V> state) {
        Map<K, V> map = new HashMap<>();
        state.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }
}
