package io.datainmotion.batch;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.storm.state.KeyValueState;
import org.apache.storm.state.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Storm {@link KeyValueState} that survives the loss of its worker and of its whole topology: its
 * durable copy is a compacted, single-partition Kafka topic, read back in full when the state is
 * created. Kafka is our transport already, so this needs no other store.
 *
 * <p>Storm's checkpoint protocol is a two-phase commit driven by the CheckpointSpout: every stateful
 * bolt prepares transaction {@code txid}, then all commit it, or all roll back. The topic holds three
 * kinds of record, told apart by the first byte of the key:
 * <ul>
 *   <li>{@code C}+key: the committed value (a tombstone once deleted), which compaction keeps;</li>
 *   <li>{@code P}+key: a change prepared under a txid (txid, put/delete, value), tombstoned once
 *       committed or rolled back;</li>
 * </ul>
 * {@link #prepareCommit} writes the P records and waits for the broker; {@link #commit(long)} writes
 * each change's C record before tombstoning its P record. A worker that dies during a commit leaves P
 * records behind, and the CheckpointSpout, which remembers that it was committing, commits the same
 * txid again after the restart: the survivors are applied again, which is idempotent. A worker that
 * dies after preparing is told to roll back, which tombstones them.
 *
 * <p>{@link #get} sees the latest value: an uncommitted change (kept as an object until the next
 * prepare), else a prepared one, else the committed one. Prepared and committed values are stored
 * serialized, so what they return is a fresh copy. Not thread-safe: Storm calls it from its executor thread only.
 */
public final class KafkaKeyValueState<K, V> implements KeyValueState<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaKeyValueState.class);
    private static final byte COMMITTED = 'C';
    private static final byte PREPARED = 'P';
    private static final byte DELETE = 0;
    private static final byte PUT = 1;
    private static final Object DELETED = new Object();

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Map<K, byte[]> committed = new HashMap<>();
    private final Map<K, PreparedChange> prepared = new HashMap<>();
    /** Changes since the last prepare: a V, or {@link #DELETED}. */
    private final Map<K, Object> pending = new HashMap<>();

    private record PreparedChange(long txid, byte[] valueOrNullIfDeleted) {
    }

    /** Reads the topic from its beginning with {@code reader} (closed here) and writes through {@code producer}. */
    KafkaKeyValueState(String topic, Consumer<byte[], byte[]> reader, Producer<byte[], byte[]> producer,
                       Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this.topic = topic;
        this.producer = producer;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        long startNanos = System.nanoTime();
        try (reader) {
            restore(reader);
        }
        LOG.info("state {}: restored {} committed keys and {} prepared changes in {} ms", topic, committed.size(),
                prepared.size(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    private void restore(Consumer<byte[], byte[]> reader) {
        TopicPartition partition = new TopicPartition(topic, 0);
        reader.assign(List.of(partition));
        reader.seekToBeginning(List.of(partition));
        long end = reader.endOffsets(List.of(partition)).get(partition);
        while (reader.position(partition) < end) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
                apply(record.key(), record.value());
            }
        }
    }

    private void apply(byte[] recordKey, byte[] value) {
        K key = keySerializer.deserialize(Arrays.copyOfRange(recordKey, 1, recordKey.length));
        if (recordKey[0] == COMMITTED) {
            if (value == null) {
                committed.remove(key);
            } else {
                committed.put(key, value);
            }
        } else if (value == null) {
            prepared.remove(key);
        } else {
            ByteBuffer buffer = ByteBuffer.wrap(value);
            long txid = buffer.getLong();
            byte operation = buffer.get();
            byte[] bytes = operation == PUT ? Arrays.copyOfRange(value, buffer.position(), value.length) : null;
            prepared.put(key, new PreparedChange(txid, bytes));
        }
    }

    @Override
    public void put(K key, V value) {
        pending.put(key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object changed = pending.get(key);
        if (changed != null) {
            return changed == DELETED ? null : (V) changed;
        }
        // Storm keeps executing tuples between a prepare and its commit: they must see the prepared values.
        PreparedChange preparedChange = prepared.get(key);
        byte[] bytes = preparedChange != null ? preparedChange.valueOrNullIfDeleted() : committed.get(key);
        return bytes == null ? null : valueSerializer.deserialize(bytes);
    }

    @Override
    public V get(K key, V defaultValue) {
        V value = get(key);
        return value == null ? defaultValue : value;
    }

    @Override
    public V delete(K key) {
        V previous = get(key);
        pending.put(key, DELETED);
        return previous;
    }

    @Override
    public void prepareCommit(long txid) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (Map.Entry<K, Object> change : pending.entrySet()) {
            byte[] value = change.getValue() == DELETED ? null : serialize(change.getValue());
            ByteBuffer record = ByteBuffer.allocate(Long.BYTES + 1 + (value == null ? 0 : value.length));
            record.putLong(txid).put(value == null ? DELETE : PUT);
            if (value != null) {
                record.put(value);
            }
            sends.add(send(PREPARED, change.getKey(), record.array()));
            prepared.put(change.getKey(), new PreparedChange(txid, value));
        }
        awaitAll(sends);
        pending.clear();
    }

    @Override
    public void commit(long txid) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        List<K> applied = new ArrayList<>();
        for (Map.Entry<K, PreparedChange> change : prepared.entrySet()) {
            if (change.getValue().txid() != txid) {
                continue;
            }
            K key = change.getKey();
            byte[] value = change.getValue().valueOrNullIfDeleted();
            // Same partition, idempotent producer: the C record is durable before its P tombstone.
            sends.add(send(COMMITTED, key, value));
            sends.add(send(PREPARED, key, null));
            if (value == null) {
                committed.remove(key);
            } else {
                committed.put(key, value);
            }
            applied.add(key);
        }
        awaitAll(sends);
        applied.forEach(prepared::remove);
    }

    /** Commits the pending changes directly, without a prepare: how the CheckpointSpout saves its own state. */
    @Override
    public void commit() {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (Map.Entry<K, Object> change : pending.entrySet()) {
            byte[] value = change.getValue() == DELETED ? null : serialize(change.getValue());
            sends.add(send(COMMITTED, change.getKey(), value));
            if (value == null) {
                committed.remove(change.getKey());
            } else {
                committed.put(change.getKey(), value);
            }
        }
        awaitAll(sends);
        pending.clear();
    }

    @Override
    public void rollback() {
        LOG.info("state {}: rolling back {} prepared and {} uncommitted changes to the last commit", topic,
                prepared.size(), pending.size());
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (K key : prepared.keySet()) {
            sends.add(send(PREPARED, key, null));
        }
        awaitAll(sends);
        prepared.clear();
        pending.clear();
    }

    /** A snapshot of the current view (committed, then prepared, then uncommitted changes); costs a full copy. */
    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        Set<K> keys = new HashSet<>(committed.keySet());
        keys.addAll(prepared.keySet());
        keys.addAll(pending.keySet());
        List<Map.Entry<K, V>> entries = new ArrayList<>(keys.size());
        for (K key : keys) {
            V value = get(key);
            if (value != null) {
                entries.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
            }
        }
        return entries.iterator();
    }

    /** Number of keys with a committed value. */
    int committedSize() {
        return committed.size();
    }

    @SuppressWarnings("unchecked")
    private byte[] serialize(Object value) {
        return valueSerializer.serialize((V) value);
    }

    private Future<RecordMetadata> send(byte kind, K key, byte[] value) {
        byte[] keyBytes = keySerializer.serialize(key);
        byte[] recordKey = new byte[keyBytes.length + 1];
        recordKey[0] = kind;
        System.arraycopy(keyBytes, 0, recordKey, 1, keyBytes.length);
        return producer.send(new ProducerRecord<>(topic, 0, recordKey, value));
    }

    /**
     * Waits until the broker has every record. A failure propagates: the worker dies, and the restart
     * recovers from the last committed transaction, which is what the protocol expects.
     */
    private static void awaitAll(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing state", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write state to Kafka", e.getCause());
        }
    }
}
