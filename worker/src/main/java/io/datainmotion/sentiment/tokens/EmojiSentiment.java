package io.datainmotion.sentiment.tokens;

import io.datainmotion.sentiment.vader.VaderLexicon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * <p>Where the Unicode name misses what an emoji says on Twitter, {@link #MEANINGS} (written for this
 * project from the emoji's CLDR short names and common use) gives lexicon words instead: 😡 is named
 * "pouting face" (no lexicon word; CLDR calls it "enraged face"), 😤 "face with look of triumph" (CLDR:
 * "face with steam from nose", frustration), and "heart" is missing from the lexicon, so hearts would carry
 * nothing. Known limits left as they are: "fire" is negative in the lexicon while 🔥 is mostly praise, and 💀
 * ("skull") is often laughter. Immutable and thread-safe.
 */
public final class EmojiSentiment {

    /** Lexicon words for emoji whose Unicode name misses or contradicts their usual meaning. */
    static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(0x1F621, "angry"),        // 😡 pouting face
            Map.entry(0x1F624, "annoyed"),      // 😤 face with look of triumph
            Map.entry(0x1F644, "annoyed"),      // 🙄 face with rolling eyes
            Map.entry(0x1F612, "annoyed"),      // 😒 unamused face
            Map.entry(0x1F92C, "furious"),      // 🤬 serious face with symbols covering mouth
            Map.entry(0x1F92E, "disgusting"),   // 🤮 face with open mouth vomiting
            Map.entry(0x1F922, "disgusting"),   // 🤢 nauseated face
            Map.entry(0x1F614, "sad"),          // 😔 pensive face
            Map.entry(0x1F616, "upset"),        // 😖 confounded face
            Map.entry(0x1F630, "anxious"),      // 😰 face with open mouth and cold sweat
            Map.entry(0x1F61C, "fun"),          // 😜 face with stuck-out tongue and winking eye
            Map.entry(0x1F44E, "dislike"),      // 👎 thumbs down sign
            Map.entry(0x1F44D, "like"),         // 👍 thumbs up sign
            Map.entry(0x1F44C, "ok"),           // 👌 ok hand sign ("hand" is +2.2 in the lexicon)
            Map.entry(0x270C, "peace"),         // ✌ victory hand
            Map.entry(0x1F91E, "hope"),         // 🤞 hand with index and middle fingers crossed
            Map.entry(0x1F64F, "thanks"),       // 🙏 person with folded hands
            Map.entry(0x1F44F, "applause"),     // 👏 clapping hands sign
            Map.entry(0x1F64C, "celebrate"),    // 🙌 person raising both hands in celebration
            Map.entry(0x1F4AF, "perfect"),      // 💯 hundred points symbol
            Map.entry(0x2764, "love"),          // ❤ heavy black heart
            Map.entry(0x2665, "love"),          // ♥ black heart suit
            Map.entry(0x1F493, "love"),         // 💓 beating heart
            Map.entry(0x1F495, "love"),         // 💕 two hearts
            Map.entry(0x1F496, "love"),         // 💖 sparkling heart
            Map.entry(0x1F497, "love"),         // 💗 growing heart
            Map.entry(0x1F498, "love"),         // 💘 heart with arrow
            Map.entry(0x1F499, "love"),         // 💙 blue heart
            Map.entry(0x1F49A, "love"),         // 💚 green heart
            Map.entry(0x1F49B, "love"),         // 💛 yellow heart
            Map.entry(0x1F49C, "love"),         // 💜 purple heart
            Map.entry(0x1F49D, "love"),         // 💝 heart with ribbon
            Map.entry(0x1F49E, "love"),         // 💞 revolving hearts
            Map.entry(0x1F9E1, "love"));        // 🧡 orange heart

    /**
     * Emoji that say the writer does not mean the praise around them: 🙄 face with rolling eyes, 😒 unamused face,
     * 🙃 upside-down face ("Great, just great. 🙄").
     */
    private static final java.util.Set<Integer> IRONIC = java.util.Set.of(0x1F644, 0x1F612, 0x1F643);

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
            String meaning = MEANINGS.get(codePoints[i]);
            words[i] = (meaning != null ? meaning : Character.getName(codePoints[i]).toLowerCase(Locale.ROOT))
                    .split("[ -]+");
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

    /** The lower-case words of the emoji's Unicode name, or of its {@link #MEANINGS}; the caller must not modify the array. */
    public String[] words(int index) {
        return words[index];
    }

    /** The emoji's {@link #words} joined by spaces, e.g. "face with tears of joy". */
    public String description(int index) {
        return String.join(" ", words[index]);
    }

    /** Whether the emoji marks irony: praise in the same tweet is not meant ({@link #IRONIC}). */
    public boolean ironic(int index) {
        return IRONIC.contains(codePoints[index]);
    }

    /** The sum of the lexicon valences of the name's words; 0 when none is in the lexicon. */
    public double valence(int index) {
        return valences[index];
    }

    private static final class Standard {
        static final EmojiSentiment EMOJI = new EmojiSentiment(VaderLexicon.standard());
    }
}
