package io.datainmotion.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRange;
import org.apache.storm.Testing;
import org.apache.storm.testing.MkTupleParam;
import org.apache.storm.tuple.Tuple;

/** Real tuples (with fields, stream and component) for bolt tests. */
public final class Tuples {

    private Tuples() {}

    public static Tuple tuple(String component, String stream, List<String> fields, List<Object> values) {
        MkTupleParam param = new MkTupleParam();
        param.setComponent(component);
        param.setStream(stream);
        param.setFields(fields.toArray(String[]::new));
        return Testing.testTuple(values, param);
    }

    /** A tuple as {@link io.datainmotion.batch.KafkaBatchSpout} emits it: the UTF-8 values at consecutive offsets. */
    public static Tuple recordBatch(String topic, int partition, long firstOffset, String... values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return recordBatch(topic, partition, firstOffset, bytes);
    }

    /** A tuple as {@link io.datainmotion.batch.KafkaBatchSpout} emits it: the raw values at consecutive offsets. */
    public static Tuple recordBatch(String topic, int partition, long firstOffset, byte[]... values) {
        return tuple("readings", "default", List.of("batch", "partition"),
                List.of(consecutive(topic, partition, firstOffset, Arrays.asList(values)), partition));
    }

    /** A tuple of one batch of items at consecutive offsets, as a batch-processing bolt emits it. */
    public static <T> Tuple batchOf(String component, String topic, int partition, long firstOffset, List<T> items) {
        return tuple(component, "default", List.of("batch"), List.of(consecutive(topic, partition, firstOffset, items)));
    }

    /** The range of a batch read from {@code start} up to {@code end}, as the first batch after the committed position. */
    public static SourceRange range(String topic, int partition, long start, long end) {
        return new SourceRange(topic, partition, start, end, true);
    }

    private static <T> RecordBatch<T> consecutive(String topic, int partition, long firstOffset, List<T> items) {
        RecordBatch.Builder<T> batch = RecordBatch.builder(range(topic, partition, firstOffset, firstOffset + items.size()), items.size());
        for (int i = 0; i < items.size(); i++) {
            batch.add(items.get(i), firstOffset + i);
        }
        return batch.build();
    }
}
