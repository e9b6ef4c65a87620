package io.datainmotion.sentiment.vader;

import io.datainmotion.sentiment.tokens.EmojiSentiment;

import java.util.Arrays;

/**
 * One thread's reusable buffers for scoring a text with {@link VaderScorer}: the tokens as VADER
 * sees them (whitespace-separated, outer punctuation stripped unless that leaves at most two
 * characters, lower-cased for lookup), each with its vocabulary id and flags, and the text's "!"
 * and "?" counts. Grows as needed and never shrinks; not thread-safe.
 */
final class VaderTokens {

    private final VaderVocabulary vocabulary;
    private final EmojiSentiment emoji;

    int count;
    int upperCount;
    int exclamations;
    int questions;
    int[] ids = new int[64];
    /** Python's {@code str.isupper()} of the token: at least one cased character and none lower case. */
    boolean[] upper = new boolean[64];
    /** A negation word, or a token containing "n't". */
    boolean[] negation = new boolean[64];
    /** The emoji the token is, or -1. */
    int[] emojiSources = new int[64];
    /** Whether the token has a lexicon valence: a lexicon word, or an emoji whose name has lexicon words. */
    boolean[] inLexicon = new boolean[64];
    double[] lexiconValences = new double[64];
    double[] valences = new double[64];
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private char[] chars = new char[1024];
    private int charCount;
    /** The text being tokenized: reading a char[] beats String.charAt in this loop. */
    private char[] text = new char[512];
    /** The first token "but" (any case), or -1. */
    int butIndex;

    VaderTokens(VaderVocabulary vocabulary, EmojiSentiment emoji) {
        this.vocabulary = vocabulary;
        this.emoji = emoji;
    }

    /** The lower-cased token as looked up (after cutting an elongation), or the emoji. */
    String token(int i) {
        return new String(chars, starts[i], lengths[i]);
    }

    void tokenize(String source) {
        count = 0;
        upperCount = 0;
        exclamations = 0;
        questions = 0;
        charCount = 0;
        butIndex = -1;
        int length = source.length();
        if (length > text.length) {
            text = new char[Math.max(length, 2 * text.length)];
        }
        source.getChars(0, length, text, 0);
        char[] text = this.text;
        int i = 0;
        while (i < length) {
            if (isSpace(text[i])) {
                i++;
                continue;
            }
            int start = i;
            int emojiIndex = -1;
            int separatorLength = 0;
            for (; i < length; i++) {
                char c = text[i];
                if (isSpace(c)) {
                    break;
                }
                if (c >= '\u2000') {
                    int cp = Character.codePointAt(text, i, length);
                    emojiIndex = emoji.indexOf(cp);
                    if (emojiIndex >= 0 || EmojiSentiment.isEmojiModifier(cp)) {
                        separatorLength = Character.charCount(cp);
                        break;
                    }
                }
            }
            if (i > start) {
                addWord(start, i);
            }
            if (emojiIndex >= 0) {
                addEmoji(emojiIndex);
            }
            i += separatorLength;
        }
    }

    private void addWord(int start, int end) {
        char[] text = this.text;
        if (isMentionOrUrl(text, start, end)) {
            return;
        }
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
        int from = start;
        int to = end;
        while (from < to && isPunctuation(text[from])) {
            from++;
        }
        while (to > from && isPunctuation(text[to - 1])) {
            to--;
        }
        // The reference keeps the unstripped token when stripping leaves at most two characters (":)").
        if (atMostTwoCodePoints(text, from, to)) {
            from = start;
            to = end;
        }
        int length = to - from;
        ensureCapacity(1, 3 * length);
        int at = charCount;
        boolean cased = false;
        boolean lower = false;
        boolean run = false;
        boolean apostrophe = false;
        int hash = 0;
        for (int i = from; i < to; i++) {
            char c = text[i];
            char folded;
            if (c < 128) {
                if (c >= 'A' && c <= 'Z') {
                    cased = true;
                    folded = (char) (c + ('a' - 'A'));
                } else {
                    lower |= c >= 'a' && c <= 'z';
                    folded = c;
                }
            } else {
                if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
                    lower = true;
                } else if (Character.isUpperCase(c)) {
                    cased = true;
                }
                folded = c == '\u2019' ? '\'' : Character.toLowerCase(c);
            }
            chars[at + i - from] = folded;
            hash = 31 * hash + folded;
            apostrophe |= folded == '\'';
            run |= i - from >= 2 && folded == chars[at + i - from - 1] && folded == chars[at + i - from - 2];
        }
        int id = vocabulary.indexOf(chars, at, length, hash);
        int tokenStart = at;
        int tokenLength = length;
        if (id < 0 && run) {
            int cut = at + length;
            for (int maxRun = 2; maxRun >= 1 && id < 0; maxRun--) {
                int cutLength = cutRuns(chars, at, length, cut, maxRun);
                id = vocabulary.indexOf(chars, cut, cutLength);
                if (id >= 0) {
                    tokenStart = cut;
                    tokenLength = cutLength;
                }
            }
        }
        boolean isUpper = cased && !lower;
        add(id, tokenStart, tokenLength, isUpper, vocabulary.isNegation(id) || (apostrophe && containsNt(tokenStart, tokenLength)), -1);
    }

    /** An emoji is one token valued by the words of its name, so that a negation or "but" takes it whole. */
    private void addEmoji(int emojiIndex) {
        ensureCapacity(1, 2);
        int length = Character.toChars(emoji.codePoint(emojiIndex), chars, charCount);
        add(-1, charCount, length, false, false, emojiIndex);
    }

    private void add(int id, int start, int length, boolean isUpper, boolean isNegation, int emojiSource) {
        if (butIndex < 0 && vocabulary.role(id) == VaderVocabulary.BUT) {
            butIndex = count;
        }
        ids[count] = id;
        if (emojiSource >= 0) {
            lexiconValences[count] = emoji.valence(emojiSource);
            inLexicon[count] = lexiconValences[count] != 0;
        } else {
            inLexicon[count] = vocabulary.inLexicon(id);
            lexiconValences[count] = inLexicon[count] ? vocabulary.valence(id) : 0;
        }
        starts[count] = start;
        lengths[count] = length;
        upper[count] = isUpper;
        negation[count] = isNegation;
        emojiSources[count] = emojiSource;
        if (isUpper) {
            upperCount++;
        }
        count++;
        charCount = start + length;
    }

    /** Copies {@code chars[from, from + length)} to {@code to}, runs of three or more equal chars cut to {@code maxRun}. */
    private static int cutRuns(char[] chars, int from, int length, int to, int maxRun) {
        int written = 0;
        int i = 0;
        while (i < length) {
            char c = chars[from + i];
            int runEnd = i + 1;
            while (runEnd < length && chars[from + runEnd] == c) {
                runEnd++;
            }
            int keep = runEnd - i >= 3 ? maxRun : runEnd - i;
            for (int k = 0; k < keep; k++) {
                chars[to + written++] = c;
            }
            i = runEnd;
        }
        return written;
    }

    private static boolean atMostTwoCodePoints(char[] text, int from, int to) {
        int length = to - from;
        if (length > 4) {
            return false;
        }
        int codePoints = length;
        for (int i = from; i < to; i++) {
            if (Character.isHighSurrogate(text[i])) {
                codePoints--;
            }
        }
        return codePoints <= 2;
    }

    private boolean containsNt(int start, int length) {
        for (int i = start, end = start + length - 2; i < end; i++) {
            if (chars[i] == 'n' && chars[i + 1] == '\'' && chars[i + 2] == 't') {
                return true;
            }
        }
        return false;
    }

    private static boolean isMentionOrUrl(char[] text, int start, int end) {
        char first = text[start];
        if (first == '@') {
            return end - start > 1 && isHandleChar(text[start + 1]);
        }
        return startsWithIgnoringCase(text, start, end, "http://")
                || startsWithIgnoringCase(text, start, end, "https://")
                || startsWithIgnoringCase(text, start, end, "www.");
    }

    private static boolean isHandleChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || (c >= 128 && Character.isLetterOrDigit(c));
    }

    /** {@code prefix} in lower case ASCII. */
    private static boolean startsWithIgnoringCase(char[] text, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if ((text[start + k] | 0x20) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Python's {@code string.punctuation}: the 32 ASCII punctuation characters. */
    private static boolean isPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }

    /** Python's {@code str.split()} separators: Unicode white space, including no-break spaces. */
    static boolean isSpace(char c) {
        if (c > ' ' && c < '\u0085') {
            return false;
        }
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f') || c == '\u0085'
                || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028'
                || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }

    private void ensureCapacity(int moreTokens, int moreChars) {
        if (count + moreTokens > ids.length) {
            int size = Math.max(ids.length * 2, count + moreTokens);
            ids = Arrays.copyOf(ids, size);
            upper = Arrays.copyOf(upper, size);
            negation = Arrays.copyOf(negation, size);
            emojiSources = Arrays.copyOf(emojiSources, size);
            inLexicon = Arrays.copyOf(inLexicon, size);
            lexiconValences = Arrays.copyOf(lexiconValences, size);
            valences = Arrays.copyOf(valences, size);
            starts = Arrays.copyOf(starts, size);
            lengths = Arrays.copyOf(lengths, size);
        }
        if (charCount + moreChars > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + moreChars));
        }
    }
}
