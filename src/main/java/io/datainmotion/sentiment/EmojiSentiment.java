package io.datainmotion.sentiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Emoji as words and valence, from a source that needs no download and no hand-made list: the
 * character's Unicode name (as the JDK knows it, {@link Character#getName}) split into lower-case
 * words, e.g. U+1F60D "smiling face with heart shaped eyes", and the sum of the VADER lexicon
 * valences of those words (smiling 2.0 here). VADER's own emoji file maps emoji to CLDR short
 * names the same way; Unicode names are older and plainer but cover the same characters.
 *
 * <p>An emoji is a code point of general category "other symbol" in the blocks emoji are drawn
 * from (U+2600..U+27BF, U+2B50, U+2B55, U+1F000..U+1FAFF), except the regional indicator letters,
 * which only mean something in pairs (flags). Characters that merely shape an emoji (variation
 * selectors, zero-width joiner, skin-tone modifiers, keycap, regional indicators) are
 * {@linkplain #isEmojiModifier modifiers}: a tokenizer should treat them as separators.
 *
 * <p>Known limits of the names: "heart" is missing from the shipped lexicon, so heart emoji carry
 * no valence, and "fire" is negative in the lexicon while 🔥 is mostly praise on Twitter.
 * Immutable and thread-safe.
 */
public final class EmojiSentiment {

    private final int[] codePoints;
    private final String[][] words;
    private final double[] valences;

    private EmojiSentiment(VaderLexicon lexicon) {
        List<Integer> found = new ArrayList<>();
        for (int cp = 0x2600; cp <= 0x1FAFF; cp++) {
            if (isEmojiCandidate(cp)) {
                found.add(cp);
            }
        }
        codePoints = found.stream().mapToInt(Integer::intValue).toArray();
        words = new String[codePoints.length][];
        valences = new double[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            words[i] = Character.getName(codePoints[i]).toLowerCase(Locale.ROOT).split("[ -]+");
            for (String word : words[i]) {
                int id = lexicon.indexOf(word);
                if (id >= 0) {
                    valences[i] += lexicon.valence(id);
                }
            }
        }
    }

    /** Emoji over the shipped lexicon, built on first use. */
    public static EmojiSentiment standard() {
        return Standard.EMOJI;
    }

    private static boolean isEmojiCandidate(int cp) {
        boolean inEmojiBlocks = cp <= 0x27BF || cp == 0x2B50 || cp == 0x2B55 || cp >= 0x1F000;
        return inEmojiBlocks
                && Character.getType(cp) == Character.OTHER_SYMBOL
                && !isRegionalIndicator(cp)
                && Character.getName(cp) != null;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /**
     * Variation selectors, zero-width joiner, combining keycap, skin-tone modifiers and regional
     * indicators: parts of an emoji sequence that add no words of their own.
     */
    public static boolean isEmojiModifier(int cp) {
        return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || cp == 0x20E3
                || (cp >= 0x1F3FB && cp <= 0x1F3FF) || isRegionalIndicator(cp);
    }

    /** The index of an emoji code point among {@link #count()} emoji, or -1 if it is not an emoji. */
    public int indexOf(int codePoint) {
        if (codePoint < 0x2600) {
            return -1;
        }
        int index = Arrays.binarySearch(codePoints, codePoint);
        return index >= 0 ? index : -1;
    }

    public int count() {
        return codePoints.length;
    }

    public int codePoint(int index) {
        return codePoints[index];
    }

    /** The lower-case words of the emoji's Unicode name; the caller must not modify the array. */
    public String[] words(int index) {
        return words[index];
    }

    /** The words of the emoji's name joined by spaces, e.g. "face with tears of joy". */
    public String description(int index) {
        return String.join(" ", words[index]);
    }

    /** The sum of the lexicon valences of the name's words; 0 when none is in the lexicon. */
    public double valence(int index) {
        return valences[index];
    }

    private static final class Standard {
        static final EmojiSentiment EMOJI = new EmojiSentiment(VaderLexicon.standard());
    }
}
