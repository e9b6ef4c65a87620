package io.datainmotion.records;

import java.util.ArrayList;
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

    /** Collects the messages of one batch; each {@link #build} hands over what was added and starts anew. */
    public static final class Builder {
        private List<String> keys = new ArrayList<>();
        private List<String> messages = new ArrayList<>();

        public Builder add(String key, String message) {
            keys.add(key);
            messages.add(message);
            return this;
        }

        public boolean isEmpty() {
            return keys.isEmpty();
        }

        public int size() {
            return keys.size();
        }

        public MessageBatch build() {
            MessageBatch batch = new MessageBatch(keys, messages);
            keys = new ArrayList<>();
            messages = new ArrayList<>();
            return batch;
        }
    }
}
