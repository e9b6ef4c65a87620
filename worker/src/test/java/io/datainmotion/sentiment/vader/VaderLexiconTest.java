package io.datainmotion.sentiment.vader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class VaderLexiconTest {

    private final VaderLexicon lexicon = VaderLexicon.standard();

    @Test
    void loadsTheShippedLexicon() {
        assertTrue(lexicon.size() > 7400, "entries: " + lexicon.size());
        assertEquals(1.9, valence("good"));
        assertEquals(-2.5, valence("horrible"));
        assertEquals(2.0, valence(":)"));
    }

    @Test
    void additionsFillOnlyGapsAndRemovedWordsAreGone() {
        VaderLexicon changed = lexicon.with(java.util.Map.of("spotless", 2.0, "good", -1.0), java.util.List.of("honestly"));
        assertEquals(2.0, changed.valence(changed.indexOf("spotless")));
        assertEquals(1.9, changed.valence(changed.indexOf("good")), "a listed word keeps its own valence");
        assertEquals(-1, changed.indexOf("honestly"));
        assertEquals(lexicon.size(), changed.size(), "one word added, one removed");
        assertTrue(lexicon.indexOf("honestly") >= 0, "the original is unchanged");
    }

    @Test
    void laterLineOfARepeatedTokenWins() {
        // lol is listed as 2.9 and later as 1.8, ok as 1.6 then 1.2 (the reference behaves the same)
        assertEquals(1.8, valence("lol"));
        assertEquals(1.2, valence("ok"));
    }

    @Test
    void keysAreKeptAsWrittenSoUpperCaseKeysNeverMatchALowerCasedToken() {
        assertTrue(lexicon.indexOf(":D") >= 0);
        assertEquals(2.3, valence(":d"));
    }

    @Test
    void readsTabSeparatedLinesWithCarriageReturns() throws IOException {
        VaderLexicon small = VaderLexicon.read(new StringReader(
                "good\t1.9\t0.9\t[2, 2]\r\n\r\nbad\t-2.5\t0.6\t[-2]\r\ngood\t1.5\t0\t[]\r\n"));
        assertEquals(2, small.size());
        assertEquals(1.5, small.valence(small.indexOf("good")));
        assertEquals(-2.5, small.valence(small.indexOf("bad")));
        assertEquals(-1, small.indexOf("ugly"));
    }

    @Test
    void rejectsALineWithoutValence() {
        IOException e = assertThrows(IOException.class, () -> VaderLexicon.read(new StringReader("good\n")));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    private double valence(String token) {
        int id = lexicon.indexOf(token);
        assertTrue(id >= 0, token + " is not in the lexicon");
        return lexicon.valence(id);
    }
}
