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

/**
 * Kryo serializers for the batch payloads, registered in the Flux files' {@code topology.kryo.register}
 * as {@code class: serializer}. Written by hand because Kryo's field serializer would need every
 * array type registered too, and this writes offsets as compact variable-length deltas.
 */
public final class BatchSerializers {

    private BatchSerializers() {}

    /** Each item is written with its class, so every item type must itself be registered. */
    @SuppressWarnings("rawtypes")
    public static final class RecordBatchSerializer extends Serializer<RecordBatch> {

        @Override
        public void write(Kryo kryo, Output output, RecordBatch batch) {
            SourceRange range = batch.range();
            output.writeString(range.topic());
            output.writeVarInt(range.partition(), true);
            output.writeVarLong(range.start(), true);
            output.writeVarLong(range.end() - range.start(), true);
            output.writeBoolean(range.resumesCommitted());
            output.writeVarInt(batch.size(), true);
            long previous = range.start();
            for (int i = 0; i < batch.size(); i++) {
                output.writeVarLong(batch.offset(i) - previous, true);
                previous = batch.offset(i);
                kryo.writeClassAndObject(output, batch.item(i));
            }
        }

        @Override
        public RecordBatch read(Kryo kryo, Input input, Class<? extends RecordBatch> type) {
            String topic = input.readString();
            int partition = input.readVarInt(true);
            long start = input.readVarLong(true);
            long end = start + input.readVarLong(true);
            SourceRange range = new SourceRange(topic, partition, start, end, input.readBoolean());
            int size = input.readVarInt(true);
            List<Object> items = new ArrayList<>(size);
            long[] offsets = new long[size];
            long previous = start;
            for (int i = 0; i < size; i++) {
                previous += input.readVarLong(true);
                offsets[i] = previous;
                items.add(kryo.readClassAndObject(input));
            }
            return new RecordBatch<>(range, items, offsets);
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
