package io.datainmotion.sentiment.linear;

import io.datainmotion.sentiment.tokens.EmojiSentiment;
import io.datainmotion.sentiment.tokens.TweetTokens;
import io.datainmotion.sentiment.vader.VaderLexicon;
import io.datainmotion.sentiment.vader.VaderVocabulary;
import io.datainmotion.sentiment.tokens.WordIndex;

import java.util.List;
import java.util.Map;

/**
 * Turns a tokenized tweet into the linear model's features. Sparse features are hashed into
 * 2^{@code hashBits} buckets by fixed functions (no dictionary; the same text always lands in the same
 * buckets, on every machine and run):
 * <ul>
 *   <li>word unigrams, including {@code <user>}, {@code <url>}, emoticons and punctuation runs; a lexicon word in
 *       a negation scope ({@link TweetTokens#negated}) in a namespace of its own ({@code not happy} yields
 *       {@code word:~happy}). A negator that turns a lexicon word yields no unigram: its meaning is in the word
 *       it turns, and on its own it would carry the training tweets' "negation means negative" prior into
 *       "not bad" and "can't complain";</li>
 *   <li>word bigrams, with start and end markers;</li>
 *   <li>character n-grams of each word framed as {@code <word>}, which carry misspellings, elongations and
 *       hashtags glued from several words; not for negated lexicon words, whose n-grams would carry the
 *       un-negated sense, nor for negators, whose shared {@code n't} n-grams were a strong negation prior;</li>
 *   <li>the {@link WordClusters word cluster} of each word that yields char n-grams, except words before "but" or
 *       in an "although" clause, whose judgement the contrast rule sets aside: what the word's neighbours in
 *       an embedding space taught the model. It is not counted in the 1/√n of {@link FeatureVector#hashedValue},
 *       so the other features weigh what they weighed without it.</li>
 * </ul>
 * Emoji yield no hashed features: the training tweets have none, so their buckets would only carry the
 * weights of whatever trained features share them.
 *
 * <p>Dense features ({@link DenseFeature}) add the VADER lexicon valences (with regular inflections,
 * {@link VaderLexicon#withInflections}) under VADER's rules: a negated word counts {@code -0.74} times its
 * valence, so "not bad" adds to the positive sum; words before "but" count half and after it one and a half
 * ({@link TweetTokens#damped}, {@link TweetTokens#stressed}); a booster before a word adds to its magnitude
 * ({@link #boost}); plus emoji through the same valence table and
 * emphasis cues. A learnt feature for negated valence was tried and dropped: trained on class-balanced tweets it
 * learnt that negation means negative and undid the rule (docs/sentiment-model.md). Immutable and thread-safe;
 * the {@link TweetTokens} and {@link FeatureVector} passed in belong to the caller's thread.
 */
public final class LinearFeatures {

    /**
     * Bumped whenever a change here alters which buckets or dense values a text yields, so that a model
     * trained with other features is refused instead of silently mis-scored.
     */
    public static final int VERSION = 7;

    /** The tunable feature settings a model records and is scored with. */
    public record Settings(int hashBits, int minCharGram, int maxCharGram) {
        public Settings {
            if (hashBits < 10 || hashBits > 26) {
                throw new IllegalArgumentException("hashBits must be in [10, 26], got " + hashBits);
            }
            if (minCharGram < 1 || maxCharGram < minCharGram || maxCharGram > MAX_CHAR_GRAM) {
                throw new IllegalArgumentException("char n-gram range must satisfy 1 <= min <= max <= "
                        + MAX_CHAR_GRAM + ", got " + minCharGram + ".." + maxCharGram);
            }
        }

        public static final Settings DEFAULT = new Settings(16, 3, 4);
    }

    /** Char n-grams are packed 16 bits a char into a long, exactly, so four chars at most. */
    public static final int MAX_CHAR_GRAM = Long.SIZE / Character.SIZE;
    /** 2^64 / golden ratio: multiplying by it moves every input bit into the top bits a bucket is cut from. */
    private static final long FIBONACCI_MULTIPLIER = 0x9e3779b97f4a7c15L;
    private static final long WORD = 0x1000_0000_0000_0001L;
    private static final long NEGATED_WORD = 0x2000_0000_0000_0002L;
    private static final long BIGRAM = 0x3000_0000_0000_0003L;
    private static final long CHARS = 0x4000_0000_0000_0004L;
    private static final long REQUESTED_WORD = 0x5000_0000_0000_0005L;
    private static final long CLUSTER = 0x6000_0000_0000_0006L;
    private static final long START = TweetTokens.hashOf("<s>");
    private static final long END = TweetTokens.hashOf("</s>");
    private static final float LEXICON_SCALE = 1f / 4f;
    /**
     * Degree adverbs VADER's booster list lacks although its lexicon rates them as praise, so that "super
     * boring", "truly awful" and "pretty bad" read partly positive: before a lexicon word they boost it.
     */
    static final List<String> EXTRA_INCREMENTS = List.of("super", "truly", "pretty");
    /** VADER's boosters plus {@link #EXTRA_INCREMENTS}, increments first: {@link #boost}. */
    private static final List<String> BOOSTER_WORDS = java.util.stream.Stream.of(VaderVocabulary.INCREMENTS,
            EXTRA_INCREMENTS, VaderVocabulary.DECREMENTS).flatMap(List::stream).toList();
    private static final int INCREMENT_COUNT = VaderVocabulary.INCREMENTS.size() + EXTRA_INCREMENTS.size();
    private static final WordIndex BOOSTERS = new WordIndex(BOOSTER_WORDS);
    /** VADER's B_INCR, on the lexicon's scale. */
    private static final float BOOSTER_STEP = 0.293f;
    /** VADER's N_SCALAR: a negated word counts for -0.74 of its valence. */
    private static final float NEGATION_SCALAR = -0.74f;
    /** VADER's weights around "but": the words before count half, those after one and a half. */
    private static final float DAMPED = 0.5f;
    private static final float STRESSED = 1.5f;
    /**
     * "either" in a negation scope ("wasn't terrible either", "don't like it either") is the negation's
     * own word, as "neither" and "nor" are, and so are the "any" words the negation licenses ("without any
     * problems", "hardly any delays", "don't need anything"): like a negator's, their char n-grams would carry
     * the training tweets' "negation means negative" prior, so they yield none.
     */
    private static final long[] NEGATIONS_OWN_WORDS = {TweetTokens.hashOf("either"), TweetTokens.hashOf("any"),
            TweetTokens.hashOf("anything"), TweetTokens.hashOf("anyone"), TweetTokens.hashOf("anybody"),
            TweetTokens.hashOf("anymore"), TweetTokens.hashOf("anywhere")};

    private final Settings settings;
    private final VaderLexicon lexicon;
    private final EmojiSentiment emoji;
    private final WordClusters clusters;
    private final int shift;

    /**
     * @param lexicon valences of words and emoticons
     * @param emoji valences of emoji, through the lexicon words of what they depict: the training tweets have
     *              no emoji, so this is how an emoji reaches the weights learnt for lexicon words
     * @param clusters the word clusters
     */
    public LinearFeatures(Settings settings, VaderLexicon lexicon, EmojiSentiment emoji, WordClusters clusters) {
        this.settings = settings;
        this.lexicon = lexicon;
        this.emoji = emoji;
        this.clusters = clusters;
        this.shift = 64 - settings.hashBits();
    }

    /** Features over the shipped lexicon, emoji mapping and word clusters. */
    public static LinearFeatures standard(Settings settings) {
        return new LinearFeatures(settings, Standard.LEXICON, EmojiSentiment.standard(), WordClusters.standard());
    }

    public WordClusters clusters() {
        return clusters;
    }

    public Settings settings() {
        return settings;
    }

    /** Replaces {@code out}'s content with the features of the tokens. */
    public void extract(TweetTokens tokens, FeatureVector out) {
        out.clear();
        boolean names = out.recordsNames();
        float[] valences = out.valences(tokens.size());
        int lastNegatedValence = -1;
        int lastWord = -1;
        boolean ironic = false;
        boolean negatedPositive = false;
        boolean negatedNegative = false;
        for (int t = 0; t < tokens.size(); t++) {
            TweetTokens.Kind kind = tokens.kind(t);
            if (kind == TweetTokens.Kind.WORD) {
                lastWord = t;
            } else if (kind == TweetTokens.Kind.EMOJI) {
                int index = emoji.indexOf(tokens.codePoint(t));
                ironic |= index >= 0 && emoji.ironic(index);
            }
            valences[t] = valence(tokens, t, out);
            if (valences[t] != 0 && t > 0) {
                float boost = boost(tokens, t - 1);
                if (boost != 0) {
                    valences[t] += valences[t] > 0 ? boost : -boost;
                    valences[t - 1] = 0f;
                }
            }
            if (valences[t] != 0 && tokens.negated(t)) {
                lastNegatedValence = t;
                negatedPositive |= valences[t] > 0;
                negatedNegative |= valences[t] < 0;
            }
        }
        long previous = START;
        String previousName = "<s>";
        char[] chars = tokens.chars();
        float[] dense = out.dense;
        int elongated = 0;
        int allCaps = 0;
        /*
         * Negated words of both polarities ("not great, but not terrible either", "neither good nor bad", "not
         * bad, not great") deny both ends: the writer's judgement is in the middle, so they carry no valence.
         */
        boolean middleJudgement = negatedPositive && negatedNegative;
        for (int t = 0; t < tokens.size(); t++) {
            float valence = valences[t];
            TweetTokens.Kind kind = tokens.kind(t);
            boolean negated = valence != 0 && (tokens.negated(t) || ironic && valence > 0);
            boolean requested = valence != 0 && tokens.requested(t);
            boolean negator = kind == TweetTokens.Kind.WORD && tokens.negator(t);
            if (kind != TweetTokens.Kind.EMOJI) {
                long hash = tokens.hash(t);
                if (!(negator && negatesSentiment(tokens, t, valences, lastNegatedValence))) {
                    out.add(bucket(hash, requested ? REQUESTED_WORD : negated ? NEGATED_WORD : WORD));
                    if (names) {
                        out.nameLast("word:" + (requested ? "?" : negated ? "~" : "") + tokens.text(t));
                    }
                }
                out.add(bucket(previous * 31 + hash, BIGRAM));
                if (names) {
                    String text = tokens.text(t);
                    out.nameLast("bigram:" + previousName + " " + text);
                    previousName = text;
                }
                previous = hash;
            }
            if (kind == TweetTokens.Kind.WORD) {
                boolean negationWord = negator || tokens.negated(t) && isNegationsOwnWord(tokens.hash(t));
                if (!negated && !negationWord && !requested) {
                    addCharGrams(chars, tokens.start(t), tokens.end(t), out);
                    int cluster = tokens.damped(t) ? -1 : clusters.clusterOf(tokens.hash(t));
                    if (cluster >= 0) {
                        out.addUncounted(bucket(cluster, CLUSTER));
                        if (names) {
                            out.nameLast("cluster:" + cluster + " (" + tokens.text(t) + ")");
                        }
                    }
                }
                if (tokens.elongated(t)) {
                    elongated++;
                }
                if (tokens.allCaps(t)) {
                    allCaps++;
                }
            }
            boolean cancelled = valence != 0 && middleJudgement && tokens.negated(t);
            if (valence != 0 && !cancelled && !requested) {
                float weight = tokens.damped(t) ? DAMPED
                        : tokens.stressed(t) || kind == TweetTokens.Kind.EMOJI && t > lastWord ? STRESSED : 1f;
                float value = (negated ? valence * NEGATION_SCALAR : valence) * weight * LEXICON_SCALE;
                if (value > 0) {
                    dense[DenseFeature.LEXICON_POSITIVE.ordinal()] += value;
                } else {
                    dense[DenseFeature.LEXICON_NEGATIVE.ordinal()] -= value;
                }
                if (names) {
                    noteValence(tokens, t, valence, negated, weight, value, out);
                }
            } else if (cancelled && names) {
                out.noteDense(valence > 0 ? DenseFeature.LEXICON_NEGATIVE : DenseFeature.LEXICON_POSITIVE, 0f,
                        "'" + tokens.text(t) + "' valence " + valence + ", negated by '"
                                + tokens.text(tokens.negatorOf(t)) + "' beside a negated word of the other polarity:"
                                + " a middle judgement, counts nothing");
            } else if (requested && names) {
                out.noteDense(valence > 0 ? DenseFeature.LEXICON_NEGATIVE : DenseFeature.LEXICON_POSITIVE, 0f,
                        "'" + tokens.text(t) + "' valence " + valence + ", asked about in a request ('"
                                + "anyone know a good ...?'): names what is sought, not the writer's judgement,"
                                + " counts nothing");
            }
        }
        out.add(bucket(previous * 31 + END, BIGRAM));
        if (names) {
            out.nameLast("bigram:" + previousName + " </s>");
        }
        dense[DenseFeature.EXCLAMATIONS.ordinal()] = Math.min(tokens.exclamationMarks(), 4) / 4f;
        dense[DenseFeature.QUESTIONS.ordinal()] = Math.min(tokens.questionMarks(), 4) / 4f;
        dense[DenseFeature.ELONGATED_WORDS.ordinal()] = Math.min(elongated, 3) / 3f;
        dense[DenseFeature.ALL_CAPS_WORDS.ordinal()] = Math.min(allCaps, 3) / 3f;
    }

    /**
     * A capitalised word inside the tweet next to another capitalised word is most likely part of a name
     * ("the Joy Hotel", "Hope Road"), not a judgement; the first word is left alone ("Happy Birthday").
     */
    private static boolean inName(TweetTokens tokens, int t) {
        return t > 0 && tokens.titleCase(t)
                && (tokens.titleCase(t - 1) || t + 1 < tokens.size() && tokens.titleCase(t + 1));
    }

    /**
     * VADER's booster rule for the word right before a lexicon word: "very", "extremely" add 0.293 to its
     * magnitude, "slightly", "somewhat" take 0.293 off; the booster then counts for nothing itself (so
     * "incredibly boring" is not partly positive). Negators are left to the negation rule.
     */
    private static float boost(TweetTokens tokens, int t) {
        if (tokens.kind(t) != TweetTokens.Kind.WORD || tokens.negator(t)) {
            return 0f;
        }
        int id = BOOSTERS.indexOf(tokens.chars(), tokens.start(t), tokens.end(t) - tokens.start(t), tokens.indexHash(t));
        return id < 0 ? 0f : id < INCREMENT_COUNT ? BOOSTER_STEP : -BOOSTER_STEP;
    }

    /** Whether a lexicon word lies in the scope of the negator at {@code t}. */
    private static boolean negatesSentiment(TweetTokens tokens, int t, float[] valences, int lastNegatedValence) {
        for (int u = t + 1; u <= lastNegatedValence && tokens.negated(u); u++) {
            if (valences[u] != 0) {
                return true;
            }
        }
        return false;
    }

    /** The rules behind one token's share of the lexicon features, in words, for explanations. */
    private static void noteValence(TweetTokens tokens, int t, float valence, boolean negated, float weight,
                                    float value, FeatureVector out) {
        StringBuilder why = new StringBuilder("'").append(tokens.text(t)).append("' valence ").append(valence);
        int phrase = phraseAt(tokens, t);
        if (phrase >= 0) {
            why.append(" as '").append(PHRASES.get(phrase)).append('\'');
        }
        if (tokens.damped(t)) {
            why.append(", damped by contrast (× ").append(DAMPED).append(')');
        } else if (tokens.stressed(t)) {
            why.append(", stressed after 'but' (× ").append(STRESSED).append(')');
        } else if (weight == STRESSED) {
            why.append(", stressed as the closing emoji (× ").append(STRESSED).append(')');
        }
        if (negated) {
            why.append(tokens.negated(t) ? ", negated by '" + tokens.text(tokens.negatorOf(t)) + "'"
                            : ", turned by an ironic emoji").append(" (× ").append(NEGATION_SCALAR).append(')');
        }
        out.noteDense(value > 0 ? DenseFeature.LEXICON_POSITIVE : DenseFeature.LEXICON_NEGATIVE, Math.abs(value),
                why.append(", / 4").toString());
    }

    /**
     * The token's lexicon (or emoji) valence; none for a negator (its work is to turn the words it negates, and
     * "no" would otherwise count as a negative word too) or a word that looks like part of a name. An elongated
     * word not in the lexicon as cut to double letters is looked up again, {@link #elongatedIndex}.
     */
    private float valence(TweetTokens tokens, int t, FeatureVector out) {
        TweetTokens.Kind kind = tokens.kind(t);
        if (kind == TweetTokens.Kind.EMOJI) {
            int index = emoji.indexOf(tokens.codePoint(t));
            return index < 0 ? 0f : (float) emoji.valence(index);
        }
        if (kind != TweetTokens.Kind.WORD && kind != TweetTokens.Kind.EMOTICON
                || kind == TweetTokens.Kind.WORD && (tokens.negator(t) || inName(tokens, t))) {
            return 0f;
        }
        char[] chars = tokens.chars();
        int start = tokens.start(t);
        int end = tokens.end(t);
        int id = lexicon.indexOf(chars, start, end - start, tokens.indexHash(t));
        if (id < 0 && tokens.elongated(t)) {
            id = elongatedIndex(chars, start, end, out.scratch(end - start));
        }
        if (id < 0) {
            return 0f;
        }
        int phrase = phraseAt(tokens, t);
        return phrase >= 0 ? PHRASE_VALENCES[phrase] : (float) lexicon.valence(id);
    }

    /**
     * The {@link #PHRASES} entry that starts at token {@code t}, or -1: the token and the next word, compared by
     * their hashes.
     */
    private static int phraseAt(TweetTokens tokens, int t) {
        if (t + 1 >= tokens.size()) {
            return -1;
        }
        long head = tokens.hash(t);
        long next = tokens.hash(t + 1);
        for (int p = 0; p < PHRASE_HASHES.length; p += 2) {
            if (PHRASE_HASHES[p] == head && PHRASE_HASHES[p + 1] == next) {
                return p / 2;
            }
        }
        return -1;
    }

    /**
     * The lexicon id of an elongated word, whose stretched run the tokenizer cut to two letters: each double
     * letter made single in turn ({@code impressivee} finds {@code impressive}, keeping its {@code ss}), then all
     * of them at once, for words stretched in several places ({@code loovvee} finds {@code love}).
     */
    private int elongatedIndex(char[] chars, int start, int end, char[] rewritten) {
        for (int doubled = start + 1; doubled < end; doubled++) {
            if (chars[doubled] == chars[doubled - 1]) {
                int length = doubled - start;
                System.arraycopy(chars, start, rewritten, 0, length);
                System.arraycopy(chars, doubled + 1, rewritten, length, end - doubled - 1);
                int id = lexicon.indexOf(rewritten, 0, end - start - 1);
                if (id >= 0) {
                    return id;
                }
            }
        }
        int length = 0;
        for (int i = start; i < end; i++) {
            if (i == start || chars[i] != chars[i - 1]) {
                rewritten[length++] = chars[i];
            }
        }
        return lexicon.indexOf(rewritten, 0, length);
    }

    private static boolean isNegationsOwnWord(long hash) {
        for (long own : NEGATIONS_OWN_WORDS) {
            if (own == hash) {
                return true;
            }
        }
        return false;
    }

    /**
     * Slides a window over {@code <word>} that holds its last four chars, 16 bits each, in a long: every n-gram
     * ending at a position is the window's low 16n bits, an exact key that costs no hashing of its own. Word
     * chars are never NUL, so n-grams of different lengths never share a key.
     */
    private void addCharGrams(char[] chars, int start, int end, FeatureVector out) {
        int framedLength = end - start + 2;
        int min = settings.minCharGram();
        int max = settings.maxCharGram();
        long window = 0;
        for (int position = 0; position < framedLength; position++) {
            char c = position == 0 ? '<' : position == framedLength - 1 ? '>' : chars[start + position - 1];
            window = window << Character.SIZE | c;
            for (int n = min, longest = Math.min(max, position + 1); n <= longest; n++) {
                out.add(bucket(window & -1L >>> (Long.SIZE - Character.SIZE * n), CHARS));
                if (out.recordsNames()) {
                    out.nameLast("chars:" + framed(chars, start, end).substring(position + 1 - n, position + 1));
                }
            }
        }
    }

    private static String framed(char[] chars, int start, int end) {
        return "<" + new String(chars, start, end - start) + ">";
    }

    /**
     * The bucket of a feature key in a namespace: the top bits of a Fibonacci (multiplicative) hash, which
     * depend on every bit of the key, so neither FNV's weak low bits nor a packed n-gram's structure shows.
     */
    private int bucket(long key, long namespace) {
        return (int) (((key ^ namespace) * FIBONACCI_MULTIPLIER) >>> shift);
    }

    /**
     * Words VADER lacks that tweets use to judge things, written for this project on VADER's -4..4 scale from
     * the valences VADER gives their near-synonyms: spotless between clean 1.7 and flawless 2.3, unbearable as
     * horrible -2.5, buggy and glitchy as error -1.7 and useless -1.8, filthy beyond dirty -1.9, smelly as
     * stinky -1.5. Plain forms VADER has (delay, problem, failure) it inflects itself, {@link
     * VaderLexicon#withInflections}.
     */
    static final Map<String, Double> LEXICON_ADDITIONS = Map.ofEntries(
            Map.entry("spotless", 2.0), Map.entry("immaculate", 2.0), Map.entry("tasty", 2.2),
            Map.entry("comfy", 1.8), Map.entry("cozy", 1.8), Map.entry("unbearable", -2.5),
            Map.entry("overpriced", -1.8), Map.entry("unreliable", -1.8), Map.entry("unusable", -2.2),
            Map.entry("unresponsive", -1.6), Map.entry("understaffed", -1.4), Map.entry("buggy", -1.8),
            Map.entry("glitchy", -1.8), Map.entry("laggy", -1.6), Map.entry("rubbish", -2.2),
            Map.entry("mediocre", -1.3), Map.entry("overrated", -1.5), Map.entry("underwhelming", -1.6),
            Map.entry("filthy", -2.4), Map.entry("smelly", -1.7), Map.entry("issues", -1.0),
            Map.entry("bugs", -1.2), Map.entry("glitch", -1.5), Map.entry("glitches", -1.5),
            Map.entry("hiccup", -0.8), Map.entry("hiccups", -0.8));
    /**
     * Lexicon words whose valence the next word sets: "worth" alone is a mild +0.9 in VADER ("worth a look"),
     * but "worth it" and "worth every penny / minute / step" are a verdict that something repaid its cost, rated as
     * VADER's "valuable" (2.1). In the training tweets 71 % of the 34 with "worth it" or "worth every" are positive
     * (39 % of all), and all 3 with "not worth it" negative, which the negation rule gives.
     */
    static final List<String> PHRASES = List.of("worth it", "worth every");
    private static final float[] PHRASE_VALENCES = {2.1f, 2.1f};
    /** Each phrase's first and second word's {@link TweetTokens#hash}, in turn. */
    private static final long[] PHRASE_HASHES = PHRASES.stream()
            .flatMap(phrase -> java.util.Arrays.stream(phrase.split(" ")))
            .mapToLong(TweetTokens::hashOf).toArray();

    /**
     * Stance adverbs: they say how frankly or how surely something is said, not whether it is good
     * ("Honestly the service is not good"), so they carry no valence (VADER gives honestly 2.0).
     */
    static final List<String> STANCE_ADVERBS = List.of("honestly", "seriously", "clearly", "frankly", "obviously");

    /**
     * The emoticon "D:" (dismay) at its own valence. Tokens are lowercased, and VADER's file lists {@code d:}
     * twice: -2.9, the raters' "D:" lowercased, and 1.2, a tongue face; VADER keeps the last row, so "so sad D:"
     * read as partly positive. The capital form is the one tweets use.
     */
    static final Map<String, Double> EMOTICON_VALENCES = Map.of("d:", -2.9);

    private static final class Standard {
        static final VaderLexicon LEXICON = VaderLexicon.standard().withInflections()
                .with(LEXICON_ADDITIONS, java.util.stream.Stream.concat(STANCE_ADVERBS.stream(),
                        EMOTICON_VALENCES.keySet().stream()).toList())
                .with(EMOTICON_VALENCES, List.of());
    }
}
