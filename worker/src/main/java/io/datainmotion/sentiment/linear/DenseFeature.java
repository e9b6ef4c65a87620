package io.datainmotion.sentiment.linear;

/** The linear model's hand-made features, each a small non-negative number; see {@link LinearFeatures}. */
public enum DenseFeature {
    /**
     * Sum of positive lexicon valences (emoji included), in units of the lexicon maximum 4, after VADER's
     * negation and contrast rules: "not bad" adds 0.74 × 2.5 / 4 here.
     */
    LEXICON_POSITIVE("lexicon positive"),
    /** Sum of the magnitudes of negative lexicon valences after the same rules, in units of 4. */
    LEXICON_NEGATIVE("lexicon negative"),
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
