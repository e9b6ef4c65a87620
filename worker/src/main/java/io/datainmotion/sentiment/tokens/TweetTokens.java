package io.datainmotion.sentiment.tokens;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
 *
 * <p>Scopes, marked per token after the pass: a negation scope runs from a negator over at most
 * {@link #NEGATION_WINDOW} words, ending early at sentence punctuation, a contrast word, a wh-word or a verb of
 * surprise or eagerness, and running on to the clause's end after a neg-raising word ({@link #SCOPE_WORD_CLASSES}).
 * Contrast follows
 * VADER: the words before the first {@code but} (or {@code however}) are {@linkplain #damped damped} and those
 * after it {@linkplain #stressed stressed}; a clause opened by {@code although} or {@code though} is damped up to
 * the next punctuation, because its main clause carries the writer's point.
 */
public final class TweetTokens {

    /** What a token is; decides which features it yields. */
    public enum Kind { WORD, USER, URL, EMOTICON, EMOJI, PUNCTUATION }

    private static final Kind[] KINDS = Kind.values();

    /** 64-bit FNV-1a: cheap to compute char by char while the token is being written. */
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private static final int ELONGATED = 1;
    private static final int ALL_CAPS = 2;
    private static final int HASHTAG = 4;
    private static final int NEGATED = 8;
    private static final int DAMPED = 16;
    private static final int STRESSED = 32;
    private static final int TITLE_CASE = 64;
    /**
     * Word classes set as each word is written, while its characters and hash are at hand: a negator (so the
     * features need not look it up again), "but" or "however", "although" or "though".
     */
    private static final int NEGATOR = 128;
    private static final int SHIFTING_CONTRAST = 256;
    private static final int CONCESSIVE_CONTRAST = 512;
    /** Scope words ({@link #SCOPE_WORDS}), also set as each word is written. */
    private static final int CLAUSE_OPENER = 1024;
    private static final int NEG_RAISING = 2048;
    private static final int SCOPE_CLOSING = 4096;
    private static final int REQUEST_ASKER = 8192;
    private static final int WORD_CLASSES = NEGATOR | SHIFTING_CONTRAST | CONCESSIVE_CONTRAST | CLAUSE_OPENER
            | NEG_RAISING | SCOPE_CLOSING | REQUEST_ASKER;
    /** In a request ({@link #requested}); marked after the pass. */
    private static final int REQUESTED = 16384;
    /**
     * The verbs that make an asker's question a request, by their {@link #hashOf hash}: they are common words, so
     * they are compared only after an asker, not filtered for in every word.
     */
    private static final long[] REQUEST_VERB_HASHES = java.util.stream.Stream.of("know", "knows", "have", "has",
            "got", "recommend", "suggest").mapToLong(TweetTokens::hashOf).toArray();

    /**
     * Words after a negator that it can reach: "not bad at all", "never had a problem", "don't really like it";
     * further on the negator seldom governs the word ("can't believe how rude they were").
     */
    public static final int NEGATION_WINDOW = 3;

    /**
     * Words that shape scopes, each with its class:
     * <ul>
     *   <li>contrast: "but" and "however" shift the weight to what follows, "although" and "though" away from
     *       their clause;</li>
     *   <li>clause openers: a wh-word starts a clause the negator before it does not govern ("can't believe how
     *       rude they were", "don't know why it is so good"), so it ends the scope;</li>
     *   <li>neg-raising words: "not sure this is a good idea", "don't think it will be fun" deny the clause that
     *       follows, so the scope runs on to the clause's end (punctuation, a contrast or a wh-word);</li>
     *   <li>scope-closing verbs: "can't wait", "can't believe", "can't stop" are eagerness and surprise, not
     *       denial of what follows ("can't wait for the amazing show"), so the scope ends after them;</li>
     *   <li>requests: "anyone", "someone" right before "know", "have", "recommend" open a question that asks for
     *       a thing ("anyone know a good tutorial?"), {@link #requested}.</li>
     * </ul>
     */
    private static final Map<String, Integer> SCOPE_WORD_CLASSES = scopeWordClasses();
    private static final List<String> SCOPE_WORDS = List.copyOf(SCOPE_WORD_CLASSES.keySet());
    private static final WordIndex SCOPE_WORD_INDEX = new WordIndex(SCOPE_WORDS);
    private static final int[] SCOPE_WORD_CLASS_BY_ID = SCOPE_WORDS.stream().mapToInt(SCOPE_WORD_CLASSES::get).toArray();
    /** 4,096 bits for a few dozen scope words and negators: a word of a tweet hits a wrong bit about once in a hundred. */
    private static final int LISTED_WORDS_FILTER_BITS_LOG2 = 12;

    private static Map<String, Integer> scopeWordClasses() {
        Map<String, Integer> classes = new java.util.LinkedHashMap<>();
        for (String word : List.of("but", "however")) {
            classes.put(word, SHIFTING_CONTRAST);
        }
        for (String word : List.of("although", "though")) {
            classes.put(word, CONCESSIVE_CONTRAST);
        }
        for (String word : List.of("how", "what", "why", "who", "whom", "whose", "where", "when", "which")) {
            classes.put(word, CLAUSE_OPENER);
        }
        for (String word : List.of("sure", "think", "certain", "convinced", "expect", "suppose")) {
            classes.put(word, NEG_RAISING);
        }
        for (String word : List.of("believe", "wait", "stop")) {
            classes.put(word, SCOPE_CLOSING);
        }
        for (String word : List.of("anyone", "anybody", "someone", "somebody")) {
            classes.put(word, REQUEST_ASKER);
        }
        return classes;
    }

    /**
     * Classes of the ASCII characters, read from {@link Character} once: most tweet characters are ASCII, and a
     * table lookup is cheaper than {@code Character}'s per-call dispatch. Other characters still ask it.
     */
    private static final byte[] ASCII_CLASSES = new byte[128];
    private static final int WHITESPACE = 1;
    private static final int WORD_CHAR = 2;
    private static final int UPPER_CASE = 4;
    private static final int LOWER_CASE = 8;

    static {
        for (char c = 0; c < ASCII_CLASSES.length; c++) {
            ASCII_CLASSES[c] = (byte) ((Character.isWhitespace(c) ? WHITESPACE : 0)
                    | (Character.isLetterOrDigit(c) || c == '_' ? WORD_CHAR : 0)
                    | (Character.isUpperCase(c) ? UPPER_CASE : 0)
                    | (Character.isLowerCase(c) ? LOWER_CASE : 0));
        }
    }

    /** The tweet being tokenized, copied once so the scan reads an array instead of calling {@code charAt}. */
    private char[] input = new char[256];
    private char[] chars = new char[256];
    private int charCount;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private byte[] kinds = new byte[64];
    private int[] flags = new int[64];
    private long[] hashes = new long[64];
    private int[] indexHashes = new int[64];
    private int[] codePoints = new int[64];
    private int size;
    private int exclamationMarks;
    private int questionMarks;
    private long currentHash;
    private int currentIndexHash;

    private final NegatorSet negators;
    /** The contrast words and the listed negators. */
    private final WordHashFilter listedWords;

    public TweetTokens(NegatorSet negators) {
        this.negators = negators;
        this.listedWords = new WordHashFilter(
                java.util.stream.Stream.concat(SCOPE_WORDS.stream(), negators.listed().stream()).toList(),
                LISTED_WORDS_FILTER_BITS_LOG2);
    }

    /** Replaces the buffer's content with the tokens of {@code text}. */
    public TweetTokens tokenize(String text) {
        size = 0;
        charCount = 0;
        exclamationMarks = 0;
        questionMarks = 0;
        int length = text.length();
        if (input.length < length) {
            input = new char[Math.max(length, input.length * 2)];
        }
        text.getChars(0, length, input, 0);
        char[] buffer = input;
        int i = 0;
        while (i < length) {
            if (isWhitespace(buffer[i])) {
                i++;
                continue;
            }
            int chunkEnd = i + 1;
            while (chunkEnd < length && !isWhitespace(buffer[chunkEnd])) {
                chunkEnd++;
            }
            addChunk(buffer, i, chunkEnd, length);
            i = chunkEnd;
        }
        markScopes();
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

    /**
     * {@link WordIndex}'s hash of the token's normalised characters ({@code h = 31 * h + c}), folded in while
     * they were written, so that lexicon and negator lookups need not read them twice.
     */
    public int indexHash(int token) {
        return indexHashes[token];
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

    /** Written with a capital first letter and no other capital ("Joy"). */
    public boolean titleCase(int token) {
        return (flags[token] & TITLE_CASE) != 0;
    }

    public boolean hashtag(int token) {
        return (flags[token] & HASHTAG) != 0;
    }

    /**
     * In a negator's scope: within {@link #NEGATION_WINDOW} words after it, or to the clause's end after a
     * negated neg-raising word, with no sentence punctuation, contrast word or wh-word between (the negator itself
     * is not negated).
     */
    public boolean negated(int token) {
        return (flags[token] & NEGATED) != 0;
    }

    /** The negator whose scope a {@linkplain #negated negated} token is in. */
    public int negatorOf(int token) {
        for (int t = token - 1; t >= 0; t--) {
            if (negator(t)) {
                return t;
            }
        }
        throw new IllegalArgumentException("token " + token + " is not negated");
    }

    /** Before the first "but" or "however", or in a clause opened by "although" or "though": it weighs less. */
    public boolean damped(int token) {
        return (flags[token] & DAMPED) != 0;
    }

    /** After the first "but" or "however": it weighs more. */
    public boolean stressed(int token) {
        return (flags[token] & STRESSED) != 0;
    }

    /**
     * In a question that asks for something ("Anyone know a good tutorial for Rust?", "Can someone recommend a
     * nice cafe?"): from the asker ("anyone", "someone", ... right before "know", "have", "recommend", ...) to the
     * question mark that ends its clause. The words there name what is sought, not what the writer thinks of it:
     * in the training tweets 80 % of such requests are neutral. "Anyone else sick of this rain?" is no request
     * ("else" parts asker and verb): its words stay the writer's.
     */
    public boolean requested(int token) {
        return (flags[token] & REQUESTED) != 0;
    }

    public boolean negator(int token) {
        return (flags[token] & NEGATOR) != 0;
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

    /** @param length the tweet's length: a surrogate pair is read up to it, as {@code String.codePointAt} does */
    private void addChunk(char[] text, int from, int to, int length) {
        char first = text[from];
        if (first == '@' && to - from > 1) {
            addSymbolic(Kind.USER, "<user>");
            return;
        }
        if (startsWith(text, from, to, "http://") || startsWith(text, from, to, "https://")
                || startsWith(text, from, to, "www.")) {
            addSymbolic(Kind.URL, "<url>");
            return;
        }
        if (isEmoticon(text, from, to)) {
            beginToken();
            for (int i = from; i < to; i++) {
                append(Character.toLowerCase(text[i]));
            }
            endToken(Kind.EMOTICON, 0, 0);
            return;
        }
        int i = from;
        while (i < to) {
            char c = text[i];
            if (isWordChar(c) || (c == '#' && i + 1 < to && isWordChar(text[i + 1]))) {
                i = addWord(text, i, to);
            } else if (isSentencePunctuation(c)) {
                i = addPunctuation(text, i, to);
            } else if (c >= ASCII_CLASSES.length // ASCII has no OTHER_SYMBOL
                    && (Character.isHighSurrogate(c) || Character.getType(c) == Character.OTHER_SYMBOL)) {
                int codePoint = Character.codePointAt(text, i, length);
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

    private int addWord(char[] text, int from, int to) {
        int i = from;
        int tokenFlags = 0;
        if (text[i] == '#') {
            tokenFlags |= HASHTAG;
            i++;
        }
        beginToken();
        int upper = 0;
        int lower = 0;
        int tokenStart = charCount;
        boolean firstUpper = i < to && Character.isUpperCase(text[i]);
        for (; i < to; i++) {
            char c = text[i];
            if (c == '\u2019') {
                c = '\'';
            }
            boolean apostropheInWord = c == '\'' && i + 1 < to && Character.isLetter(text[i + 1])
                    && charCount > tokenStart;
            if (!isWordChar(c) && !apostropheInWord) {
                break;
            }
            char normalised;
            if (c < ASCII_CLASSES.length) {
                int classes = ASCII_CLASSES[c];
                if ((classes & UPPER_CASE) != 0) {
                    upper++;
                    normalised = (char) (c + ('a' - 'A'));
                } else {
                    if ((classes & LOWER_CASE) != 0) {
                        lower++;
                    }
                    normalised = c;
                }
            } else {
                if (Character.isUpperCase(c)) {
                    upper++;
                } else if (Character.isLowerCase(c)) {
                    lower++;
                }
                normalised = Character.toLowerCase(c);
            }
            if (charCount - tokenStart >= 2 && chars[charCount - 1] == normalised && chars[charCount - 2] == normalised) {
                tokenFlags |= ELONGATED;
                continue;
            }
            append(normalised);
        }
        if (upper >= 2 && lower == 0) {
            tokenFlags |= ALL_CAPS;
        } else if (upper == 1 && lower > 0 && charCount > tokenStart && firstUpper) {
            tokenFlags |= TITLE_CASE;
        }
        tokenFlags |= wordClass(tokenStart, charCount, currentIndexHash);
        endToken(Kind.WORD, tokenFlags, 0);
        return i;
    }

    private int addPunctuation(char[] text, int from, int to) {
        beginToken();
        int i = from;
        for (; i < to && isSentencePunctuation(text[i]); i++) {
            char c = text[i];
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

    /**
     * {@link #NEGATOR}, a {@linkplain #SCOPE_WORD_CLASSES scope word}'s class or 0 for the word in
     * {@code chars[start, end)}. One filter over the scope words and the listed negators sends nearly every
     * word straight to the {@code n't} test.
     */
    private int wordClass(int start, int end, int indexHash) {
        if (listedWords.mightContain(indexHash)) {
            int scopeWord = SCOPE_WORD_INDEX.indexOf(chars, start, end - start, indexHash);
            if (scopeWord >= 0) {
                return SCOPE_WORD_CLASS_BY_ID[scopeWord];
            }
            if (negators.isListed(chars, start, end, indexHash)) {
                return NEGATOR;
            }
        }
        return NegatorSet.endsInNt(chars, start, end) ? NEGATOR : 0;
    }

    private void markScopes() {
        int negatedLeft = 0;
        boolean concessive = false;
        int firstBut = -1;
        for (int t = 0; t < size; t++) {
            if (kinds[t] == Kind.PUNCTUATION.ordinal()) {
                negatedLeft = 0;
                concessive = false;
                continue;
            }
            int wordClass = flags[t] & WORD_CLASSES;
            if (wordClass == SHIFTING_CONTRAST) {
                negatedLeft = 0;
                if (firstBut < 0) {
                    firstBut = t;
                }
            } else if (wordClass == CONCESSIVE_CONTRAST) {
                negatedLeft = 0;
                concessive = true;
            } else if (wordClass == NEGATOR) {
                negatedLeft = NEGATION_WINDOW;
            } else {
                if (wordClass == REQUEST_ASKER && requestVerb(t + 1)) {
                    markRequest(t);
                }
                if (wordClass == CLAUSE_OPENER) {
                    negatedLeft = 0;
                } else if (negatedLeft > 0) {
                    flags[t] |= NEGATED;
                    negatedLeft = wordClass == NEG_RAISING ? Integer.MAX_VALUE
                            : wordClass == SCOPE_CLOSING ? 0 : negatedLeft - 1;
                }
                if (concessive) {
                    flags[t] |= DAMPED;
                }
            }
        }
        for (int t = 0; firstBut >= 0 && t < size; t++) {
            if (t < firstBut) {
                flags[t] |= DAMPED;
            } else if (t > firstBut && (flags[t] & DAMPED) == 0) {
                flags[t] |= STRESSED;
            }
        }
    }

    private boolean requestVerb(int token) {
        if (token >= size || kinds[token] != Kind.WORD.ordinal()) {
            return false;
        }
        for (long verb : REQUEST_VERB_HASHES) {
            if (hashes[token] == verb) {
                return true;
            }
        }
        return false;
    }

    /** Marks the clause from the asker at {@code from} {@link #requested} if a question mark ends it. */
    private void markRequest(int from) {
        int end = from;
        while (end < size && kinds[end] != Kind.PUNCTUATION.ordinal()) {
            end++;
        }
        if (end == size || !contains(chars, starts[end], ends[end], '?')) {
            return;
        }
        for (int t = from; t < end; t++) {
            flags[t] |= REQUESTED;
        }
    }

    private static boolean contains(char[] chars, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (chars[i] == c) {
                return true;
            }
        }
        return false;
    }

    private void beginToken() {
        if (size == starts.length) {
            int capacity = size * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            flags = Arrays.copyOf(flags, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            indexHashes = Arrays.copyOf(indexHashes, capacity);
            codePoints = Arrays.copyOf(codePoints, capacity);
        }
        starts[size] = charCount;
        currentHash = FNV_OFFSET;
        currentIndexHash = 0;
    }

    private void append(char c) {
        if (charCount == chars.length) {
            chars = Arrays.copyOf(chars, charCount * 2);
        }
        chars[charCount++] = c;
        currentHash = (currentHash ^ c) * FNV_PRIME;
        currentIndexHash = 31 * currentIndexHash + c;
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
        flags[size] = tokenFlags;
        hashes[size] = currentHash;
        indexHashes[size] = currentIndexHash;
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

    private static boolean isWhitespace(char c) {
        return c < ASCII_CLASSES.length ? (ASCII_CLASSES[c] & WHITESPACE) != 0 : Character.isWhitespace(c);
    }

    private static boolean isWordChar(char c) {
        return c < ASCII_CLASSES.length ? (ASCII_CLASSES[c] & WORD_CHAR) != 0 : Character.isLetterOrDigit(c);
    }

    private static boolean startsWith(char[] text, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSentencePunctuation(char c) {
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
    }

    /**
     * A whole whitespace-delimited chunk of 2-4 ASCII characters with eyes ({@code : ; =}) at one end, or a
     * heart ({@code <3}, {@code </3}): {@code :) :-( ;p =D (: <3}. At most one letter, so {@code :and} is not one.
     */
    static boolean isEmoticon(char[] text, int from, int to) {
        int length = to - from;
        if (length == 2 && text[from] == '<' && text[from + 1] == '3') {
            return true;
        }
        if (length == 3 && startsWith(text, from, to, "</3")) {
            return true;
        }
        if (length < 2 || length > 4) {
            return false;
        }
        char first = text[from];
        char last = text[to - 1];
        if (!isEyes(first) && !isEyes(last)) {
            return false;
        }
        int letters = 0;
        boolean mouth = false;
        for (int i = from; i < to; i++) {
            char c = text[i];
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
