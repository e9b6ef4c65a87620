package io.datainmotion.topology;

import java.util.ArrayList;
import java.util.List;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.datainmotion.records.MessageBatch;
import io.datainmotion.records.RecordBatch;

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
            output.writeString(batch.topic());
            output.writeVarInt(batch.partition(), true);
            output.writeVarInt(batch.size(), true);
            long previous = 0;
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
            int size = input.readVarInt(true);
            List<Object> items = new ArrayList<>(size);
            long[] offsets = new long[size];
            long previous = 0;
            for (int i = 0; i < size; i++) {
                previous += input.readVarLong(true);
                offsets[i] = previous;
                items.add(kryo.readClassAndObject(input));
            }
            return new RecordBatch<>(topic, partition, items, offsets);
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
