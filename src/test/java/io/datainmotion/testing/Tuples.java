package io.datainmotion.testing;

import java.util.List;

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

    /** A tuple as storm-kafka-client's default record translator emits it. */
    public static Tuple kafkaRecord(String topic, int partition, long offset, String key, Object value) {
        return tuple("spout", "default", List.of("topic", "partition", "offset", "key", "value"),
                java.util.Arrays.asList(topic, partition, offset, key, value));
    }
}
