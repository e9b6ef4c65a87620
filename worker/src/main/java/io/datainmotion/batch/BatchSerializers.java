package io.datainmotion.batch;

import java.util.ArrayList;
import java.util.List;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;
import io.datainmotion.records.SourceRecord;

/**
 * Kryo serializers for the batch payloads, registered in the Flux files' {@code topology.kryo.register}
 * as {@code class: serializer}. Written by hand because Kryo's field serializer would need every
 * array type registered too, and this writes offsets and timestamps as compact variable-length deltas,
 * a batch's keys and timestamps only when it has any (a stage's batches have none), and a record's
 * original bytes once: a batch as read marks them as its items.
 */
public final class BatchSerializers {

    private BatchSerializers() {}

    /** Each item is written with its class, so every item type must itself be registered. */
    @SuppressWarnings("rawtypes")
    public static final class RecordBatchSerializer extends Serializer<RecordBatch> {

        private static final int HAS_KEYS = 1;
        private static final int HAS_TIMESTAMPS = 2;
        private static final int HAS_ORIGINALS = 4;
        private static final int NO_ORIGINAL = 0;
        private static final int ORIGINAL_IS_ITEM = 1;
        private static final int ORIGINAL_LENGTH_BASE = 2;

        @Override
        public void write(Kryo kryo, Output output, RecordBatch batch) {
            SourceRange range = batch.range();
            output.writeString(range.topic());
            output.writeVarInt(range.partition(), true);
            output.writeVarLong(range.start(), true);
            output.writeVarLong(range.end() - range.start(), true);
            output.writeBoolean(range.resumesCommitted());
            output.writeVarInt(batch.size(), true);
            int carries = carries(batch);
            output.writeByte(carries);
            long previous = range.start();
            long previousTimestamp = 0;
            for (int i = 0; i < batch.size(); i++) {
                output.writeVarLong(batch.offset(i) - previous, true);
                previous = batch.offset(i);
                kryo.writeClassAndObject(output, batch.item(i));
                if ((carries & HAS_KEYS) != 0) {
                    byte[] key = batch.key(i);
                    output.writeVarInt(key == null ? 0 : key.length + 1, true);
                    if (key != null) {
                        output.writeBytes(key);
                    }
                }
                if ((carries & HAS_TIMESTAMPS) != 0) {
                    // Timestamps need not increase with offsets, hence signed deltas.
                    output.writeVarLong(batch.timestamp(i) - previousTimestamp, false);
                    previousTimestamp = batch.timestamp(i);
                }
                if ((carries & HAS_ORIGINALS) != 0) {
                    writeOriginal(output, batch.original(i), batch.item(i));
                }
            }
        }

        private static void writeOriginal(Output output, byte[] original, Object item) {
            if (original == null) {
                output.writeVarInt(NO_ORIGINAL, true);
            } else if (original == item) {
                output.writeVarInt(ORIGINAL_IS_ITEM, true);
            } else {
                output.writeVarInt(original.length + ORIGINAL_LENGTH_BASE, true);
                output.writeBytes(original);
            }
        }

        private static byte[] readOriginal(Input input, Object item) {
            int code = input.readVarInt(true);
            return switch (code) {
                case NO_ORIGINAL -> null;
                case ORIGINAL_IS_ITEM -> (byte[]) item;
                default -> input.readBytes(code - ORIGINAL_LENGTH_BASE);
            };
        }

        private static int carries(RecordBatch<?> batch) {
            int carries = 0;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.key(i) != null) {
                    carries |= HAS_KEYS;
                }
                if (batch.timestamp(i) != SourceRecord.NO_TIMESTAMP) {
                    carries |= HAS_TIMESTAMPS;
                }
                if (batch.original(i) != null) {
                    carries |= HAS_ORIGINALS;
                }
            }
            return carries;
        }

        @Override
        public RecordBatch read(Kryo kryo, Input input, Class<? extends RecordBatch> type) {
            String topic = input.readString();
            int partition = input.readVarInt(true);
            long start = input.readVarLong(true);
            long end = start + input.readVarLong(true);
            SourceRange range = new SourceRange(topic, partition, start, end, input.readBoolean());
            int size = input.readVarInt(true);
            int carries = input.readByte();
            List<Object> items = new ArrayList<>(size);
            List<byte[]> keys = new ArrayList<>(size);
            long[] offsets = new long[size];
            long[] timestamps = new long[size];
            List<byte[]> originals = new ArrayList<>(size);
            long previous = start;
            long previousTimestamp = 0;
            for (int i = 0; i < size; i++) {
                previous += input.readVarLong(true);
                offsets[i] = previous;
                Object item = kryo.readClassAndObject(input);
                items.add(item);
                int keyLength = (carries & HAS_KEYS) == 0 ? 0 : input.readVarInt(true);
                keys.add(keyLength == 0 ? null : input.readBytes(keyLength - 1));
                if ((carries & HAS_TIMESTAMPS) != 0) {
                    previousTimestamp += input.readVarLong(false);
                    timestamps[i] = previousTimestamp;
                } else {
                    timestamps[i] = SourceRecord.NO_TIMESTAMP;
                }
                originals.add((carries & HAS_ORIGINALS) == 0 ? null : readOriginal(input, item));
            }
            return new RecordBatch<>(range, items, offsets, keys, timestamps, originals);
        }
    }

    public static final class MessageBatchSerializer extends Serializer<MessageBatch> {

        @Override
        public void write(Kryo kryo, Output output, MessageBatch batch) {
            output.writeVarInt(batch.size(), true);
            for (int i = 0; i < batch.size(); i++) {
                output.writeString(batch.keys().get(i));
                output.writeString(batch.messages().get(i));
            }
        }

        @Override
        public MessageBatch read(Kryo kryo, Input input, Class<? extends MessageBatch> type) {
            int size = input.readVarInt(true);
            List<String> keys = new ArrayList<>(size);
            List<String> messages = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                keys.add(input.readString());
                messages.add(input.readString());
            }
            return new MessageBatch(keys, messages);
        }
    }
}
