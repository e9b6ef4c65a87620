package io.datainmotion.sentiment.tokens;

import io.datainmotion.sentiment.vader.VaderLexicon;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordHashFilterTest {

    private static List<String> madeUpWords(String prefix, int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(prefix + Integer.toString(i, 36));
        }
        return words;
    }

    @Test
    void everyWordOfTheSetPassesAndMostOthersDoNot() {
        List<String> members = madeUpWords("in", 7_500);
        WordHashFilter filter = new WordHashFilter(members, 16);
        for (String word : members) {
            assertTrue(filter.mightContain(word.hashCode()), word);
        }
        long falseHits = madeUpWords("out", 10_000).stream().filter(word -> filter.mightContain(word.hashCode())).count();
        assertTrue(falseHits < 2_000, "7,500 words in 65,536 bits should let about 11 % of others through, got "
                + falseHits + " of 10,000");
    }

    @Test
    void lexiconLookupsThroughTheFilterFindWhatThePlainLookupFinds() {
        VaderLexicon lexicon = VaderLexicon.standard();
        List<String> probes = new ArrayList<>(madeUpWords("zz", 2_000));
        for (int id = 0; id < lexicon.size(); id++) {
            probes.add(lexicon.word(id));
        }
        for (String probe : probes) {
            char[] chars = probe.toCharArray();
            assertEquals(lexicon.indexOf(chars, 0, chars.length), lexicon.indexOf(chars, 0, chars.length, probe.hashCode()),
                    probe);
        }
    }
}
