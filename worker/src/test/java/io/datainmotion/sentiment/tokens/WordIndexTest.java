package io.datainmotion.sentiment.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordIndexTest {

    @Test
    void findsEveryWordByItsIdAndNothingElse() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            words.add("w" + i);
        }
        WordIndex index = new WordIndex(words);
        for (int i = 0; i < words.size(); i++) {
            assertEquals(i, index.indexOf(words.get(i)));
            assertEquals(words.get(i), index.word(i));
        }
        assertEquals(-1, index.indexOf("w5000"));
        assertEquals(-1, index.indexOf(""));
    }

    @Test
    void looksUpASliceOfACharBuffer() {
        WordIndex index = new WordIndex(List.of("good", "goo", ":)"));
        char[] buffer = "xxgoodyy:)".toCharArray();
        assertEquals(0, index.indexOf(buffer, 2, 4));
        assertEquals(1, index.indexOf(buffer, 2, 3));
        assertEquals(2, index.indexOf(buffer, 8, 2));
        assertEquals(-1, index.indexOf(buffer, 1, 4));
    }

    @Test
    void isCaseSensitive() {
        WordIndex index = new WordIndex(List.of(":D"));
        assertEquals(0, index.indexOf(":D"));
        assertEquals(-1, index.indexOf(":d"));
    }

    @Test
    void rejectsWordsLongerThanTheSlotCanHold() {
        assertThrows(IllegalArgumentException.class, () -> new WordIndex(List.of("x".repeat(WordIndex.MAX_WORD_LENGTH + 1))));
        assertEquals(0, new WordIndex(List.of("x".repeat(WordIndex.MAX_WORD_LENGTH))).indexOf("x".repeat(WordIndex.MAX_WORD_LENGTH)));
    }

    @Test
    void rejectsDuplicates() {
        assertThrows(IllegalArgumentException.class, () -> new WordIndex(List.of("a", "b", "a")));
    }
}
