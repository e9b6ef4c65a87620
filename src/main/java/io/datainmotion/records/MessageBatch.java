package io.datainmotion.records;

import java.util.List;

/** Keyed text messages that one tuple hands to a Kafka sink: it is done when all of them are written. */
public record MessageBatch(List<String> keys, List<String> messages) {

    public MessageBatch {
        if (keys.size() != messages.size()) {
            throw new IllegalArgumentException(keys.size() + " keys but " + messages.size() + " messages");
        }
    }

    public int size() {
        return keys.size();
    }
}
