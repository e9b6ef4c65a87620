package io.datainmotion.sentiment;

/** The linear model's hand-made features, each a small non-negative number; see {@link LinearFeatures}. */
public enum DenseFeature {
    /** Sum of positive lexicon valences (emoji included) outside negation, in units of the lexicon maximum 4. */
    LEXICON_POSITIVE("lexicon positive"),
    /** Sum of the magnitudes of negative lexicon valences outside negation, in units of 4. */
    LEXICON_NEGATIVE("lexicon negative"),
    /** Positive valences inside a negation scope ("not happy"). */
    NEGATED_POSITIVE("negated lexicon positive"),
    /** Negative valences inside a negation scope ("not bad"). */
    NEGATED_NEGATIVE("negated lexicon negative"),
    /** Exclamation marks, at most 4, in units of 4. */
    EXCLAMATIONS("exclamation marks"),
    /** Question marks, at most 4, in units of 4. */
    QUESTIONS("question marks"),
    /** Elongated words ("sooo"), at most 3, in units of 3. */
    ELONGATED_WORDS("elongated words"),
    /** ALL-CAPS words, at most 3, in units of 3. */
    ALL_CAPS_WORDS("all-caps words");

    public static final int COUNT = values().length;

    private final String label;

    DenseFeature(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
