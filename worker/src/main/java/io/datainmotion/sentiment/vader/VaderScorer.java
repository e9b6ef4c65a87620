package io.datainmotion.sentiment.vader;

import io.datainmotion.sentiment.tokens.EmojiSentiment;
import io.datainmotion.sentiment.Explanation;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.SentimentScorer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * VADER (Hutto and Gilbert, ICWSM 2014), rule by rule as in the reference vaderSentiment 3.3
 * ({@code shared/notes/vader-reference.md}): lexicon valence, boosters and dampeners, ALL-CAPS
 * emphasis, the three-token negation window with the "never so/this" and "without doubt" cases,
 * the "no" rule, special-case idioms, "kind of", "least", the "but" shift (including the reference's
 * habit of rescaling the first equal value), the "!" and "?" amplifiers, and normalisation
 * {@code S / sqrt(S² + 15)} rounded to 4 places as the compound polarity. A text is positive when the
 * compound is at least the positive threshold, negative when at most the negative one (±0.05, the
 * README's, by default), otherwise neutral.
 *
 * <p>Tweets are not sentences, so the tokenizer goes further than the reference where the reference
 * would find nothing; on plain sentences it behaves the same:
 * <ul>
 *   <li>{@code @user} mentions and URLs are not tokens, and their "!" and "?" do not count;</li>
 *   <li>a hashtag is its word ({@code #blessed}: the reference already strips '#' as punctuation);</li>
 *   <li>an elongated token not in the vocabulary ({@code sooooo}, {@code gooood}, {@code :)))}) is
 *       looked up with its runs of three or more equal characters cut to two, then to one;</li>
 *   <li>the typographic apostrophe (U+2019) counts as ', so {@code don’t} negates;</li>
 *   <li>an emoji is one token whose lexicon valence is that of the words of its Unicode name
 *       ({@link EmojiSentiment}), so a negation or "but" takes it whole; variation selectors,
 *       joiners and skin tones separate tokens. The reference splices the CLDR name's words into
 *       the text (gluing a following character to the last one), so the rules count them one by one.</li>
 * </ul>
 *
 * <p>Thread-safe: the vocabulary is immutable and each thread scores in its own reused buffers, so
 * one instance may be shared; scoring allocates nothing per token.
 */
public final class VaderScorer implements SentimentScorer {

    public static final String NAME = "vader";
    public static final double DEFAULT_POSITIVE_THRESHOLD = 0.05;
    public static final double DEFAULT_NEGATIVE_THRESHOLD = -0.05;

    static final double B_INCR = 0.293;
    static final double B_DECR = -0.293;
    static final double C_INCR = 0.733;
    static final double N_SCALAR = -0.74;
    static final double ALPHA = 15;

    private final VaderVocabulary vocabulary;
    private final EmojiSentiment emoji;
    private final double positiveThreshold;
    private final double negativeThreshold;
    private final ThreadLocal<VaderTokens> buffers;

    /** With the README's thresholds, ±0.05. */
    public VaderScorer() {
        this(DEFAULT_POSITIVE_THRESHOLD, DEFAULT_NEGATIVE_THRESHOLD);
    }

    /**
     * @param positiveThreshold the least compound labelled positive
     * @param negativeThreshold the greatest compound labelled negative; below the positive one
     */
    public VaderScorer(double positiveThreshold, double negativeThreshold) {
        if (!(negativeThreshold < positiveThreshold) || Math.abs(positiveThreshold) > 1 || Math.abs(negativeThreshold) > 1) {
            throw new IllegalArgumentException("need -1 <= negative threshold < positive threshold <= 1, got "
                    + negativeThreshold + " and " + positiveThreshold);
        }
        this.vocabulary = VaderVocabulary.standard();
        this.emoji = EmojiSentiment.standard();
        this.positiveThreshold = positiveThreshold;
        this.negativeThreshold = negativeThreshold;
        this.buffers = ThreadLocal.withInitial(() -> new VaderTokens(vocabulary, emoji));
    }

    @Override
    public String name() {
        return NAME;
    }

    public double positiveThreshold() {
        return positiveThreshold;
    }

    public double negativeThreshold() {
        return negativeThreshold;
    }

    @Override
    public SentimentScore score(String text) {
        VaderTokens tokens = buffers.get();
        tokens.tokenize(text);
        return scoreTokens(tokens, null);
    }

    @Override
    public Explanation explain(String text) {
        VaderTokens tokens = buffers.get();
        tokens.tokenize(text);
        StringBuilder[] traces = new StringBuilder[tokens.count];
        for (int i = 0; i < traces.length; i++) {
            traces[i] = new StringBuilder();
        }
        SentimentScore score = scoreTokens(tokens, traces);
        List<Explanation.Contribution> contributions = new ArrayList<>();
        double[] valences = tokens.valences;
        for (int i = 0; i < tokens.count; i++) {
            if (traces[i].length() > 0) {
                contributions.add(new Explanation.Contribution(tokens.token(i), valences[i], traces[i].substring(2)));
            }
        }
        double amplifier = punctuationAmplifier(tokens);
        double sum = sum(valences, tokens.count);
        if (amplifier != 0 && sum != 0) {
            contributions.add(new Explanation.Contribution("!/?", Math.copySign(amplifier, sum),
                    tokens.exclamations + " '!' and " + tokens.questions + " '?' amplify the sum"));
        }
        contributions.sort(Comparator.comparingDouble((Explanation.Contribution c) -> -Math.abs(c.weight())));
        return new Explanation(score, contributions);
    }

    /** Valences per token into {@code tokens.valences}, then the compound and label; traces may be null. */
    private SentimentScore scoreTokens(VaderTokens tokens, StringBuilder[] traces) {
        int n = tokens.count;
        double[] valences = tokens.valences;
        boolean capDifferential = tokens.upperCount > 0 && tokens.upperCount < n;
        for (int i = 0; i < n; i++) {
            valences[i] = tokenValence(tokens, i, capDifferential, traces == null ? null : traces[i]);
        }
        butCheck(tokens, traces);
        double compound = 0;
        if (n > 0) {
            double sum = sum(valences, n);
            double amplifier = punctuationAmplifier(tokens);
            if (sum > 0) {
                sum += amplifier;
            } else if (sum < 0) {
                sum -= amplifier;
            }
            compound = Math.rint(normalize(sum) * 10_000) / 10_000;
        }
        Sentiment label = compound >= positiveThreshold ? Sentiment.POSITIVE
                : compound <= negativeThreshold ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
        return new SentimentScore(label, compound);
    }

    private static double sum(double[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum;
    }

    static double normalize(double score) {
        double normalized = score / Math.sqrt(score * score + ALPHA);
        return Math.max(-1.0, Math.min(1.0, normalized));
    }

    private static double punctuationAmplifier(VaderTokens tokens) {
        double amplifier = 0.292 * Math.min(tokens.exclamations, 4);
        int questions = tokens.questions;
        if (questions > 1) {
            amplifier += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return amplifier;
    }

    private double tokenValence(VaderTokens tokens, int i, boolean capDifferential, StringBuilder trace) {
        VaderVocabulary v = vocabulary;
        int[] ids = tokens.ids;
        int id = ids[i];
        int n = tokens.count;
        boolean[] inLexicon = tokens.inLexicon;
        if (v.isBooster(id)) {
            return 0;
        }
        if (v.role(id) == VaderVocabulary.KIND && i < n - 1 && v.role(ids[i + 1]) == VaderVocabulary.OF) {
            return 0;
        }
        if (!inLexicon[i]) {
            return 0;
        }
        double lexiconValence = tokens.lexiconValences[i];
        double valence = lexiconValence;
        if (trace != null) {
            int emojiIndex = tokens.emojiSources[i];
            if (emojiIndex >= 0) {
                trace.append("; emoji named '").append(emoji.description(emojiIndex)).append("' ").append(lexiconValence);
            } else {
                trace.append("; lexicon ").append(lexiconValence);
            }
        }

        if (v.role(id) == VaderVocabulary.NO && i != n - 1 && inLexicon[i + 1]) {
            valence = 0.0;
            trace(trace, "'no' before a lexicon word counts 0");
        }
        if ((i > 0 && v.role(ids[i - 1]) == VaderVocabulary.NO)
                || (i > 1 && v.role(ids[i - 2]) == VaderVocabulary.NO)
                || (i > 2 && v.role(ids[i - 3]) == VaderVocabulary.NO && v.isOrNor(ids[i - 1]))) {
            valence = lexiconValence * N_SCALAR;
            trace(trace, "after 'no' ×" + N_SCALAR);
        }

        if (capDifferential && tokens.upper[i]) {
            valence += valence > 0 ? C_INCR : -C_INCR;
            trace(trace, "ALL CAPS ±" + C_INCR);
        }

        for (int k = 0; k < 3; k++) {
            int j = i - k - 1;
            if (j < 0 || inLexicon[j]) {
                continue;
            }
            valence += boosterScalar(tokens, j, valence, capDifferential, k, trace);
            valence = negationCheck(tokens, i, k, valence, trace);
            if (k == 2) {
                valence = idiomsCheck(tokens, i, valence, trace);
            }
        }
        return leastCheck(tokens, i, valence, trace);
    }

    private double boosterScalar(VaderTokens tokens, int j, double valence, boolean capDifferential, int distance,
                                 StringBuilder trace) {
        int id = tokens.ids[j];
        if (id < 0 || !vocabulary.isBooster(id)) {
            return 0;
        }
        double scalar = vocabulary.booster(id);
        if (valence < 0) {
            scalar = -scalar;
        }
        if (capDifferential && tokens.upper[j]) {
            scalar += valence > 0 ? C_INCR : -C_INCR;
        }
        if (distance == 1) {
            scalar *= 0.95;
        } else if (distance == 2) {
            scalar *= 0.9;
        }
        if (trace != null) {
            trace.append("; booster '").append(tokens.token(j)).append("' ").append(signed(scalar));
        }
        return scalar;
    }

    private double negationCheck(VaderTokens tokens, int i, int k, double valence, StringBuilder trace) {
        VaderVocabulary v = vocabulary;
        int[] ids = tokens.ids;
        if (k == 0) {
            return negated(tokens, i - 1, valence, trace);
        }
        if (k == 1) {
            if (v.role(ids[i - 2]) == VaderVocabulary.NEVER && v.isSoOrThis(ids[i - 1])) {
                trace(trace, "'never so/this' ×1.25");
                return valence * 1.25;
            }
            if (v.role(ids[i - 2]) == VaderVocabulary.WITHOUT && v.role(ids[i - 1]) == VaderVocabulary.DOUBT) {
                return valence;
            }
            return negated(tokens, i - 2, valence, trace);
        }
        // The reference's operator precedence: "so"/"this" right before the word triggers ×1.25 alone.
        if ((v.role(ids[i - 3]) == VaderVocabulary.NEVER && v.isSoOrThis(ids[i - 2])) || v.isSoOrThis(ids[i - 1])) {
            trace(trace, "'so/this' ×1.25");
            return valence * 1.25;
        }
        if (v.role(ids[i - 3]) == VaderVocabulary.WITHOUT
                && (v.role(ids[i - 2]) == VaderVocabulary.DOUBT || v.role(ids[i - 1]) == VaderVocabulary.DOUBT)) {
            return valence;
        }
        return negated(tokens, i - 3, valence, trace);
    }

    private static double negated(VaderTokens tokens, int j, double valence, StringBuilder trace) {
        if (!tokens.negation[j]) {
            return valence;
        }
        if (trace != null) {
            trace.append("; negated by '").append(tokens.token(j)).append("' ×").append(N_SCALAR);
        }
        return valence * N_SCALAR;
    }

    private double idiomsCheck(VaderTokens tokens, int i, double valence, StringBuilder trace) {
        VaderVocabulary v = vocabulary;
        int[] ids = tokens.ids;
        int n = tokens.count;
        // The reference's order: the first of these preceding n-grams that is an idiom sets the valence.
        int idiom = v.idiomAt(ids, i - 1, 2);
        if (idiom < 0) {
            idiom = v.idiomAt(ids, i - 2, 3);
        }
        if (idiom < 0) {
            idiom = v.idiomAt(ids, i - 2, 2);
        }
        if (idiom < 0) {
            idiom = v.idiomAt(ids, i - 3, 3);
        }
        if (idiom < 0) {
            idiom = v.idiomAt(ids, i - 3, 2);
        }
        valence = applyIdiom(idiom, valence, trace);
        if (n - 1 > i) {
            valence = applyIdiom(v.idiomAt(ids, i, 2), valence, trace);
        }
        if (n - 1 > i + 1) {
            valence = applyIdiom(v.idiomAt(ids, i, 3), valence, trace);
        }
        valence = applyBoosterBigram(v.boosterBigramAt(ids, i - 3), valence, trace);
        return applyBoosterBigram(v.boosterBigramAt(ids, i - 2), valence, trace);
    }

    private double applyIdiom(int idiom, double valence, StringBuilder trace) {
        if (idiom < 0) {
            return valence;
        }
        double idiomValence = vocabulary.idiomValence(idiom);
        if (trace != null) {
            trace.append("; idiom '").append(vocabulary.idiomText(idiom)).append("' sets ").append(idiomValence);
        }
        return idiomValence;
    }

    private double applyBoosterBigram(int bigram, double valence, StringBuilder trace) {
        if (bigram < 0) {
            return valence;
        }
        if (trace != null) {
            trace.append("; '").append(vocabulary.boosterBigramText(bigram)).append("' ").append(B_DECR);
        }
        return valence + B_DECR;
    }

    private double leastCheck(VaderTokens tokens, int i, double valence, StringBuilder trace) {
        VaderVocabulary v = vocabulary;
        int[] ids = tokens.ids;
        if (i == 0 || tokens.inLexicon[i - 1] || v.role(ids[i - 1]) != VaderVocabulary.LEAST) {
            return valence;
        }
        if (i == 1 || (v.role(ids[i - 2]) != VaderVocabulary.AT && v.role(ids[i - 2]) != VaderVocabulary.VERY)) {
            trace(trace, "after 'least' ×" + N_SCALAR);
            return valence * N_SCALAR;
        }
        return valence;
    }

    /**
     * Halves the valences before the first "but" and multiplies those after it by 1.5. Like the
     * reference, each value is located by its first equal value, so an earlier equal value may be
     * rescaled in its place.
     */
    private void butCheck(VaderTokens tokens, StringBuilder[] traces) {
        int but = tokens.butIndex;
        if (but < 0) {
            return;
        }
        double[] valences = tokens.valences;
        for (int i = 0; i < tokens.count; i++) {
            double valence = valences[i];
            int first = 0;
            while (valences[first] != valence) {
                first++;
            }
            if (first != but) {
                double factor = first < but ? 0.5 : 1.5;
                valences[first] = valence * factor;
                if (traces != null && valence != 0) {
                    traces[first].append(first < but ? "; before 'but' ×0.5" : "; after 'but' ×1.5");
                }
            }
        }
    }

    private static void trace(StringBuilder trace, String rule) {
        if (trace != null) {
            trace.append("; ").append(rule);
        }
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "") + Math.round(value * 10_000) / 10_000.0;
    }
}
