package io.datainmotion.sentiment;

import java.util.Locale;

/** The three labels of the tweet sentiment task, written in lower case on the wire. */
public enum Sentiment {
    POSITIVE, NEGATIVE, NEUTRAL;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    public static Sentiment fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
