package io.datainmotion.batch;

/** The fields storm-kafka-client's KafkaBolt sends by default: a record's key and its message. */
public final class KafkaFields {

    public static final String KEY = "key";
    public static final String MESSAGE = "message";

    private KafkaFields() {}
}
