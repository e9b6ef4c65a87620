package io.datainmotion.sentiment;

import java.util.Arrays;

/**
 * One tweet split into normalised tokens by a single hand-written pass over its characters (no regular
 * expressions, no strings per token): the buffer is reused from tweet to tweet, so after warm-up
 * tokenising allocates nothing. Not thread-safe: each scorer owns one.
 *
 * <p>Normalisation: words are lower-cased, a run of three or more equal characters is cut to two
 * ({@code sooooo} becomes {@code soo}, flagged elongated), a leading {@code #} is dropped (flagged hashtag),
 * {@code @mentions} become the token {@code <user>} and links {@code <url>}. Emoticons such as {@code :-)}
 * stay whole, each emoji is its own token ({@linkplain EmojiSentiment#isEmojiModifier modifiers} are skipped), and
 * runs of sentence punctuation ({@code .,;:!?}) become one token that ends a negation scope.
 */
public final class TweetTokens {

    /** What a token is; decides which features it yields. */
    public enum Kind { WORD, USER, URL, EMOTICON, EMOJI, PUNCTUATION }

    private static final Kind[] KINDS = Kind.values();

    /** 64-bit FNV-1a: cheap to compute char by char while the token is being written. */
    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    private static final int ELONGATED = 1;
    private static final int ALL_CAPS = 2;
    private static final int HASHTAG = 4;
    private static final int NEGATED = 8;

    private char[] chars = new char[256];
    private int charCount;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private byte[] kinds = new byte[64];
    private byte[] flags = new byte[64];
    private long[] hashes = new long[64];
    private int[] codePoints = new int[64];
    private int size;
    private int exclamationMarks;
    private int questionMarks;
    private long currentHash;

    private final NegatorSet negators;

    public TweetTokens(NegatorSet negators) {
        this.negators = negators;
    }

    /** Replaces the buffer's content with the tokens of {@code text}. */
    public TweetTokens tokenize(String text) {
        size = 0;
        charCount = 0;
        exclamationMarks = 0;
        questionMarks = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int chunkEnd = i + 1;
            while (chunkEnd < length && !Character.isWhitespace(text.charAt(chunkEnd))) {
                chunkEnd++;
            }
            addChunk(text, i, chunkEnd);
            i = chunkEnd;
        }
        markNegationScopes();
        return this;
    }

    public int size() {
        return size;
    }

    public Kind kind(int token) {
        return KINDS[kinds[token]];
    }

    /** The 64-bit FNV-1a hash of the token's normalised characters. */
    public long hash(int token) {
        return hashes[token];
    }

    /** The normalised characters; read with {@link #start} and {@link #end}. */
    public char[] chars() {
        return chars;
    }

    public int start(int token) {
        return starts[token];
    }

    public int end(int token) {
        return ends[token];
    }

    /** The emoji's code point, for {@link Kind#EMOJI} tokens. */
    public int codePoint(int token) {
        return codePoints[token];
    }

    public boolean elongated(int token) {
        return (flags[token] & ELONGATED) != 0;
    }

    /** Written in capitals with at least two letters ("GREAT"; "I" and "A" are not shouting). */
    public boolean allCaps(int token) {
        return (flags[token] & ALL_CAPS) != 0;
    }

    public boolean hashtag(int token) {
        return (flags[token] & HASHTAG) != 0;
    }

    /** Between a negator and the next sentence punctuation (the negator itself is not negated). */
    public boolean negated(int token) {
        return (flags[token] & NEGATED) != 0;
    }

    public boolean negator(int token) {
        return kinds[token] == Kind.WORD.ordinal() && negators.contains(chars, starts[token], ends[token]);
    }

    public int exclamationMarks() {
        return exclamationMarks;
    }

    public int questionMarks() {
        return questionMarks;
    }

    /** The normalised token as a string: for explanations and tests, not for the hot path. */
    public String text(int token) {
        return new String(chars, starts[token], ends[token] - starts[token]);
    }

    private void addChunk(String text, int from, int to) {
        char first = text.charAt(from);
        if (first == '@' && to - from > 1) {
            addSymbolic(Kind.USER, "<user>");
            return;
        }
        if (text.startsWith("http://", from) || text.startsWith("https://", from) || text.startsWith("www.", from)) {
            addSymbolic(Kind.URL, "<url>");
            return;
        }
        if (isEmoticon(text, from, to)) {
            beginToken();
            for (int i = from; i < to; i++) {
                append(Character.toLowerCase(text.charAt(i)));
            }
            endToken(Kind.EMOTICON, 0, 0);
            return;
        }
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (isWordChar(c) || (c == '#' && i + 1 < to && isWordChar(text.charAt(i + 1)))) {
                i = addWord(text, i, to);
            } else if (isSentencePunctuation(c)) {
                i = addPunctuation(text, i, to);
            } else if (Character.isHighSurrogate(c) || Character.getType(c) == Character.OTHER_SYMBOL) {
                int codePoint = text.codePointAt(i);
                if (!EmojiSentiment.isEmojiModifier(codePoint)) {
                    beginToken();
                    appendCodePoint(codePoint);
                    endToken(Kind.EMOJI, 0, codePoint);
                }
                i += Character.charCount(codePoint);
            } else {
                i++;
            }
        }
    }

    private int addWord(String text, int from, int to) {
        int i = from;
        int tokenFlags = 0;
        if (text.charAt(i) == '#') {
            tokenFlags |= HASHTAG;
            i++;
        }
        beginToken();
        int upper = 0;
        int lower = 0;
        int tokenStart = charCount;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\u2019') {
                c = '\'';
            }
            boolean apostropheInWord = c == '\'' && i + 1 < to && Character.isLetter(text.charAt(i + 1))
                    && charCount > tokenStart;
            if (!isWordChar(c) && !apostropheInWord) {
                break;
            }
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            }
            char normalised = Character.toLowerCase(c);
            if (charCount - tokenStart >= 2 && chars[charCount - 1] == normalised && chars[charCount - 2] == normalised) {
                tokenFlags |= ELONGATED;
                continue;
            }
            append(normalised);
        }
        if (upper >= 2 && lower == 0) {
            tokenFlags |= ALL_CAPS;
        }
        endToken(Kind.WORD, tokenFlags, 0);
        return i;
    }

    private int addPunctuation(String text, int from, int to) {
        beginToken();
        int i = from;
        for (; i < to && isSentencePunctuation(text.charAt(i)); i++) {
            char c = text.charAt(i);
            if (c == '!') {
                exclamationMarks++;
            } else if (c == '?') {
                questionMarks++;
            }
            if (charCount - starts[size] >= 2 && chars[charCount - 1] == c && chars[charCount - 2] == c) {
                continue;
            }
            append(c);
        }
        endToken(Kind.PUNCTUATION, 0, 0);
        return i;
    }

    private void addSymbolic(Kind kind, String form) {
        beginToken();
        for (int i = 0; i < form.length(); i++) {
            append(form.charAt(i));
        }
        endToken(kind, 0, 0);
    }

    private void markNegationScopes() {
        boolean inScope = false;
        for (int t = 0; t < size; t++) {
            if (kinds[t] == Kind.PUNCTUATION.ordinal()) {
                inScope = false;
            } else if (negator(t)) {
                inScope = true;
            } else if (inScope) {
                flags[t] |= NEGATED;
            }
        }
    }

    private void beginToken() {
        if (size == starts.length) {
            int capacity = size * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            flags = Arrays.copyOf(flags, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            codePoints = Arrays.copyOf(codePoints, capacity);
        }
        starts[size] = charCount;
        currentHash = FNV_OFFSET;
    }

    private void append(char c) {
        if (charCount == chars.length) {
            chars = Arrays.copyOf(chars, charCount * 2);
        }
        chars[charCount++] = c;
        currentHash = (currentHash ^ c) * FNV_PRIME;
    }

    private void appendCodePoint(int codePoint) {
        if (Character.isBmpCodePoint(codePoint)) {
            append((char) codePoint);
        } else {
            append(Character.highSurrogate(codePoint));
            append(Character.lowSurrogate(codePoint));
        }
    }

    private void endToken(Kind kind, int tokenFlags, int codePoint) {
        if (charCount == starts[size]) {
            return;
        }
        ends[size] = charCount;
        kinds[size] = (byte) kind.ordinal();
        flags[size] = (byte) tokenFlags;
        hashes[size] = currentHash;
        codePoints[size] = codePoint;
        size++;
    }

    /** The FNV-1a hash {@link #hash} gives a token with these normalised characters. */
    public static long hashOf(CharSequence normalised) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < normalised.length(); i++) {
            hash = (hash ^ normalised.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isSentencePunctuation(char c) {
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
    }

    /**
     * A whole whitespace-delimited chunk of 2-4 ASCII characters with eyes ({@code : ; =}) at one end, or a
     * heart ({@code <3}, {@code </3}): {@code :) :-( ;p =D (: <3}. At most one letter, so {@code :and} is not one.
     */
    static boolean isEmoticon(String text, int from, int to) {
        int length = to - from;
        if (length == 2 && text.charAt(from) == '<' && text.charAt(from + 1) == '3') {
            return true;
        }
        if (length == 3 && text.startsWith("</3", from)) {
            return true;
        }
        if (length < 2 || length > 4) {
            return false;
        }
        char first = text.charAt(from);
        char last = text.charAt(to - 1);
        if (!isEyes(first) && !isEyes(last)) {
            return false;
        }
        int letters = 0;
        boolean mouth = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c > 0x7e || c <= ' ') {
                return false;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
            mouth |= c == ')' || c == '(' || c == 'D' || c == 'P' || c == 'p' || c == '/' || c == '\\' || c == '|'
                    || c == '[' || c == ']' || c == '*' || c == 'o' || c == 'O' || c == '3' || c == '$' || c == '@';
        }
        return mouth && letters <= 1;
    }

    private static boolean isEyes(char c) {
        return c == ':' || c == ';' || c == '=';
    }
}
