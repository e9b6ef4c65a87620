package io.datainmotion.bolts;

import java.nio.charset.StandardCharsets;

import io.datainmotion.records.SourceRecord;
import org.apache.storm.tuple.Tuple;

/**
 * Field names shared with storm-kafka-client: what its default record translator emits, and what
 * its KafkaBolt's default mapper sends.
 */
public final class KafkaFields {

    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String VALUE = "value";
    public static final String KEY = "key";
    public static final String MESSAGE = "message";

    private KafkaFields() {}

    /** The record value as bytes (null stays null); a spout emitting text has it encoded as UTF-8. */
    public static byte[] value(Tuple spoutTuple) {
        Object value = spoutTuple.getValueByField(VALUE);
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static SourceRecord source(Tuple spoutTuple) {
        return new SourceRecord(spoutTuple.getStringByField(TOPIC), spoutTuple.getIntegerByField(PARTITION),
                spoutTuple.getLongByField(OFFSET));
    }
}
