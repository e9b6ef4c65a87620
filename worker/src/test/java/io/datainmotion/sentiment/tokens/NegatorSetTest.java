package io.datainmotion.sentiment.tokens;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NegatorSetTest {

    private static boolean contains(NegatorSet negators, String word) {
        return negators.contains(word.toCharArray(), 0, word.length(), word.hashCode());
    }

    private static boolean endsInNt(String word) {
        // Offset into a longer buffer, as the tokenizer's words are.
        char[] buffer = ("xyz" + word + "n't").toCharArray();
        return NegatorSet.endsInNt(buffer, 3, 3 + word.length());
    }

    @Test
    void anyWordEndingInNtNegatesAndOnlyThose() {
        for (String word : List.of("don't", "can't", "shouldn't", "ain't", "n't")) {
            assertTrue(endsInNt(word), word);
            assertTrue(contains(NegatorSet.ENGLISH, word), word);
        }
        for (String word : List.of("", "t", "'t", "nt", "dont'", "don't't", "dn't".replace("'", "`"), "want", "n'tx")) {
            assertFalse(endsInNt(word), word);
        }
    }

    @Test
    void listedNegatorsAreFoundAndOtherWordsAreNot() {
        NegatorSet negators = new NegatorSet(List.of("nope", "nah"));
        assertEquals(List.of("nope", "nah"), negators.listed());
        assertTrue(contains(negators, "nope"));
        assertTrue(contains(negators, "nah"));
        assertTrue(contains(negators, "won't"), "n't needs no listing");
        assertFalse(contains(negators, "not"), "only this set's words are listed");
        for (String word : NegatorSet.ENGLISH.listed()) {
            char[] chars = word.toCharArray();
            assertTrue(NegatorSet.ENGLISH.isListed(chars, 0, chars.length, word.hashCode()), word);
        }
        for (String word : List.of("note", "know", "nothings", "nobody's", "never-ending")) {
            assertFalse(contains(NegatorSet.ENGLISH, word), word);
        }
    }
}
