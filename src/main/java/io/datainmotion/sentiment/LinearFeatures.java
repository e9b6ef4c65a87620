package io.datainmotion.sentiment;

/**
 * Turns a tokenized tweet into the linear model's features. Sparse features are hashed into
 * 2^{@code hashBits} buckets with a fixed seed (no dictionary; the same text always lands in the same
 * buckets, on every machine and run):
 * <ul>
 *   <li>word unigrams, in their own namespace when inside a negation scope ({@code not happy} yields
 *       {@code word:~happy}), including {@code <user>}, {@code <url>}, emoticons, emoji and punctuation runs;</li>
 *   <li>word bigrams, with start and end markers;</li>
 *   <li>character n-grams of each word framed as {@code <word>}, which carry misspellings, elongations and
 *       hashtags glued from several words; not for negated words, whose n-grams would carry the
 *       un-negated sense ({@code happy}'s n-grams outvoted {@code not}).</li>
 * </ul>
 * Dense features ({@link DenseFeature}) add the VADER lexicon valences, emoji through the same valence
 * table, and emphasis cues. Immutable and thread-safe; the {@link TweetTokens} and {@link FeatureVector}
 * passed in belong to the caller's thread.
 */
public final class LinearFeatures {

    /**
     * Bumped whenever a change here alters which buckets or dense values a text yields, so that a model
     * trained with other features is refused instead of silently mis-scored.
     */
    public static final int VERSION = 2;

    /** The tunable feature settings a model records and is scored with. */
    public record Settings(int hashBits, int minCharGram, int maxCharGram) {
        public Settings {
            if (hashBits < 10 || hashBits > 26) {
                throw new IllegalArgumentException("hashBits must be in [10, 26], got " + hashBits);
            }
            if (minCharGram < 1 || maxCharGram < minCharGram || maxCharGram > 8) {
                throw new IllegalArgumentException("char n-gram range must satisfy 1 <= min <= max <= 8, got "
                        + minCharGram + ".." + maxCharGram);
            }
        }

        public static final Settings DEFAULT = new Settings(18, 3, 5);
    }

    private static final long SEED = 0x5eed_d1a1_2024_0003L;
    private static final long WORD = 0x1000_0000_0000_0001L;
    private static final long NEGATED_WORD = 0x2000_0000_0000_0002L;
    private static final long BIGRAM = 0x3000_0000_0000_0003L;
    private static final long CHARS = 0x4000_0000_0000_0004L;
    private static final long START = TweetTokens.hashOf("<s>");
    private static final long END = TweetTokens.hashOf("</s>");
    private static final float LEXICON_SCALE = 1f / 4f;

    private final Settings settings;
    private final VaderLexicon lexicon;
    private final EmojiSentiment emoji;
    private final int shift;

    /**
     * @param lexicon valences of words and emoticons
     * @param emoji valences of emoji, through the lexicon words of what they depict: the training tweets have
     *              no emoji, so this is how an emoji reaches the weights learnt for lexicon words
     */
    public LinearFeatures(Settings settings, VaderLexicon lexicon, EmojiSentiment emoji) {
        this.settings = settings;
        this.lexicon = lexicon;
        this.emoji = emoji;
        this.shift = 64 - settings.hashBits();
    }

    /** Features over the shipped lexicon and emoji mapping. */
    public static LinearFeatures standard(Settings settings) {
        return new LinearFeatures(settings, VaderLexicon.standard(), EmojiSentiment.standard());
    }

    public Settings settings() {
        return settings;
    }

    /** Replaces {@code out}'s content with the features of the tokens. */
    public void extract(TweetTokens tokens, FeatureVector out) {
        out.clear();
        long previous = START;
        String previousName = "<s>";
        boolean names = out.recordsNames();
        char[] chars = tokens.chars();
        float[] dense = out.dense;
        int elongated = 0;
        int allCaps = 0;
        for (int t = 0; t < tokens.size(); t++) {
            long hash = tokens.hash(t);
            boolean negated = tokens.negated(t);
            out.add(bucket(hash, negated ? NEGATED_WORD : WORD));
            if (names) {
                out.nameLast("word:" + (negated ? "~" : "") + tokens.text(t));
            }
            out.add(bucket(previous * 31 + hash, BIGRAM));
            if (names) {
                String text = tokens.text(t);
                out.nameLast("bigram:" + previousName + " " + text);
                previousName = text;
            }
            previous = hash;

            TweetTokens.Kind kind = tokens.kind(t);
            if (kind == TweetTokens.Kind.WORD) {
                if (!negated) {
                    addCharGrams(chars, tokens.start(t), tokens.end(t), out);
                }
                if (tokens.elongated(t)) {
                    elongated++;
                }
                if (tokens.allCaps(t)) {
                    allCaps++;
                }
            }
            if (kind == TweetTokens.Kind.WORD || kind == TweetTokens.Kind.EMOTICON || kind == TweetTokens.Kind.EMOJI) {
                float valence = valence(tokens, t, out);
                if (valence > 0) {
                    dense[(negated ? DenseFeature.NEGATED_POSITIVE : DenseFeature.LEXICON_POSITIVE).ordinal()]
                            += valence * LEXICON_SCALE;
                } else if (valence < 0) {
                    dense[(negated ? DenseFeature.NEGATED_NEGATIVE : DenseFeature.LEXICON_NEGATIVE).ordinal()]
                            -= valence * LEXICON_SCALE;
                }
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
     * The token's lexicon (or emoji) valence. An elongated word not in the lexicon as cut to double letters
     * ({@code loooove} to {@code loove}) is looked up once more with every double letter made single
     * ({@code love}).
     */
    private float valence(TweetTokens tokens, int t, FeatureVector out) {
        if (tokens.kind(t) == TweetTokens.Kind.EMOJI) {
            int index = emoji.indexOf(tokens.codePoint(t));
            return index < 0 ? 0f : (float) emoji.valence(index);
        }
        char[] chars = tokens.chars();
        int start = tokens.start(t);
        int end = tokens.end(t);
        int id = lexicon.indexOf(chars, start, end - start);
        if (id < 0 && tokens.elongated(t)) {
            char[] collapsed = out.scratch(end - start);
            int length = 0;
            for (int i = start; i < end; i++) {
                if (i == start || chars[i] != chars[i - 1]) {
                    collapsed[length++] = chars[i];
                }
            }
            id = lexicon.indexOf(collapsed, 0, length);
        }
        return id < 0 ? 0f : (float) lexicon.valence(id);
    }

    private void addCharGrams(char[] chars, int start, int end, FeatureVector out) {
        int framedLength = end - start + 2;
        int min = settings.minCharGram();
        int max = settings.maxCharGram();
        for (int from = 0; from + min <= framedLength; from++) {
            long hash = TweetTokens.FNV_OFFSET;
            int limit = Math.min(max, framedLength - from);
            for (int n = 1; n <= limit; n++) {
                int position = from + n - 1;
                char c = position == 0 ? '<' : position == framedLength - 1 ? '>' : chars[start + position - 1];
                hash = (hash ^ c) * TweetTokens.FNV_PRIME;
                if (n >= min) {
                    out.add(bucket(hash, CHARS));
                    if (out.recordsNames()) {
                        out.nameLast("chars:" + framed(chars, start, end).substring(from, from + n));
                    }
                }
            }
        }
    }

    private static String framed(char[] chars, int start, int end) {
        return "<" + new String(chars, start, end - start) + ">";
    }

    /** The bucket of a feature hash in a namespace: a SplitMix64 finaliser spreads FNV's weak low bits. */
    private int bucket(long hash, long namespace) {
        long z = hash ^ namespace ^ SEED;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return (int) (z >>> shift);
    }
}
