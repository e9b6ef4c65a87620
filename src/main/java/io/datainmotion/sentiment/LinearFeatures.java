package io.datainmotion.sentiment;

/**
 * Turns a tokenized tweet into the linear model's features. Sparse features are hashed into
 * 2^{@code hashBits} buckets by fixed functions (no dictionary; the same text always lands in the same
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
    public static final int VERSION = 3;

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
        int id = lexicon.indexOf(chars, start, end - start, tokens.indexHash(t));
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
}
