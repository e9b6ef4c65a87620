package io.datainmotion.sentiment.tokens;

import io.datainmotion.sentiment.vader.VaderLexicon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmojiSentimentTest {

    private final EmojiSentiment emoji = EmojiSentiment.standard();

    @Test
    void describesAnEmojiByItsUnicodeNameInLowerCaseWords() {
        int index = emoji.indexOf("😍".codePointAt(0));
        assertArrayEquals(new String[] {"smiling", "face", "with", "heart", "shaped", "eyes"}, emoji.words(index));
        assertEquals("smiling face with heart shaped eyes", emoji.description(index));
        assertEquals(0x1F60D, emoji.codePoint(index));
    }

    @Test
    void valenceIsTheSumOfTheLexiconValencesOfTheNameWords() {
        assertEquals(2.0, valenceOf("😍"), 1e-9);                 // smiling
        assertEquals(-0.9 + 2.8, valenceOf("😂"), 1e-9);          // face with TEARS of JOY
        assertEquals(-2.1, valenceOf("😭"), 1e-9);                // loudly CRYING face
        assertEquals(2.0, valenceOf("☺"), 1e-9);                  // white SMILING face, a BMP emoji
    }

    @Test
    void emojiWhoseNamesMissTheirMeaningReadAsTheirMeaning() {
        EmojiSentiment emoji = EmojiSentiment.standard();
        VaderLexicon lexicon = VaderLexicon.standard();
        int pouting = emoji.indexOf(0x1F621);
        assertEquals("angry", emoji.description(pouting));
        assertEquals(lexicon.valence(lexicon.indexOf("angry")), emoji.valence(pouting));
        assertTrue(emoji.valence(emoji.indexOf(0x1F624)) < 0, "face with look of triumph is frustration");
        assertTrue(emoji.valence(emoji.indexOf(0x2764)) > 0, "heavy black heart is love");
        for (int codePoint : EmojiSentiment.MEANINGS.keySet()) {
            assertTrue(emoji.indexOf(codePoint) >= 0, Integer.toHexString(codePoint) + " is an emoji");
            assertTrue(lexicon.indexOf(EmojiSentiment.MEANINGS.get(codePoint)) >= 0, "a lexicon word");
        }
    }

    @Test
    void eyeRollsAndUnamusedFacesAreIronic() {
        assertTrue(emoji.ironic(emoji.indexOf(0x1F644)), "face with rolling eyes");
        assertTrue(emoji.ironic(emoji.indexOf(0x1F612)), "unamused face");
        assertTrue(emoji.ironic(emoji.indexOf(0x1F643)), "upside-down face");
        assertFalse(emoji.ironic(emoji.indexOf(0x1F60A)), "smiling face with smiling eyes");
        assertFalse(emoji.ironic(emoji.indexOf(0x1F621)), "pouting face");
    }

    @Test
    void anEmojiWhoseNameHasNoLexiconWordHasNoValence() {
        assertEquals(0.0, valenceOf("🚌"), 0.0);                  // bus
        assertEquals(0.0, valenceOf("☕"), 0.0);                   // hot beverage
    }

    @Test
    void lettersDigitsPunctuationAndShapingCharactersAreNotEmoji() {
        for (int cp : new int[] {'a', '1', '!', ':', 'é', 0xFE0F, 0x200D, 0x1F3FB, 0x1F1FA}) {
            assertEquals(-1, emoji.indexOf(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void shapingCharactersAreModifiers() {
        assertTrue(EmojiSentiment.isEmojiModifier(0xFE0F));      // variation selector 16
        assertTrue(EmojiSentiment.isEmojiModifier(0x200D));      // zero-width joiner
        assertTrue(EmojiSentiment.isEmojiModifier(0x1F3FD));     // skin tone
        assertTrue(EmojiSentiment.isEmojiModifier(0x1F1EC));     // regional indicator G
        assertFalse(EmojiSentiment.isEmojiModifier('a'));
        assertFalse(EmojiSentiment.isEmojiModifier(0x1F600));
    }

    @Test
    void coversTheCommonEmojiBlocks() {
        assertTrue(emoji.count() > 1000, "emoji: " + emoji.count());
        for (String e : new String[] {"😀", "🙏", "👍", "🔥", "💔", "✨", "⭐", "🤣", "🥰", "✅"}) {
            assertTrue(emoji.indexOf(e.codePointAt(0)) >= 0, e);
        }
    }

    private double valenceOf(String e) {
        int index = emoji.indexOf(e.codePointAt(0));
        assertTrue(index >= 0, e + " is not an emoji");
        return emoji.valence(index);
    }
}
