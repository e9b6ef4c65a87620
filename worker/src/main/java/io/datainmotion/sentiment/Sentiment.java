package io.datainmotion.sentiment;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The three labels of the tweet sentiment task, written in lower case on the wire. */
public enum Sentiment {
    POSITIVE, NEGATIVE, NEUTRAL;

    private final String label = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Sentiment fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
