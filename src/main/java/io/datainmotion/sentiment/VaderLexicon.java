package io.datainmotion.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The VADER sentiment lexicon: token to mean valence (-4..+4), read once from the classpath resource
 * the build unpacks ({@code vader_sentiment_lexicon.txt}: ISO-8859-1, tab-separated token, mean, SD,
 * ratings). As in the reference implementation, keys are kept exactly as written (so the few
 * upper-case emoticons such as {@code :D} are unreachable), a later line for the same token replaces
 * an earlier one, and callers look up the lower-cased token. Immutable and thread-safe.
 */
public final class VaderLexicon {

    static final String RESOURCE = "/io/datainmotion/sentiment/vader_sentiment_lexicon.txt";

    private final WordIndex words;
    private final double[] valences;

    private VaderLexicon(Map<String, Double> valenceByWord) {
        words = new WordIndex(new ArrayList<>(valenceByWord.keySet()));
        valences = new double[words.size()];
        int id = 0;
        for (double valence : valenceByWord.values()) {
            valences[id++] = valence;
        }
    }

    /** The lexicon shipped with the project, loaded on first use. */
    public static VaderLexicon standard() {
        return Standard.LEXICON;
    }

    /** Reads lexicon lines: token TAB mean-valence [TAB anything]; blank lines are skipped. */
    static VaderLexicon read(Reader source) throws IOException {
        Map<String, Double> valenceByWord = new LinkedHashMap<>();
        BufferedReader lines = new BufferedReader(source);
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] fields = trimmed.split("\t", 3);
            if (fields.length < 2) {
                throw new IOException("lexicon line " + lineNumber + " has no valence: " + trimmed);
            }
            try {
                valenceByWord.put(fields[0], Double.parseDouble(fields[1]));
            } catch (NumberFormatException e) {
                throw new IOException("lexicon line " + lineNumber + " has a bad valence: " + trimmed, e);
            }
        }
        return new VaderLexicon(valenceByWord);
    }

    public int size() {
        return valences.length;
    }

    /** The id of a lower-cased token spelled by {@code chars[offset, offset + length)}, or -1. No allocation. */
    public int indexOf(char[] chars, int offset, int length) {
        return words.indexOf(chars, offset, length);
    }

    /** The id of a lower-cased token, or -1. */
    public int indexOf(CharSequence token) {
        return words.indexOf(token);
    }

    public double valence(int id) {
        return valences[id];
    }

    public String word(int id) {
        return words.word(id);
    }

    private static final class Standard {
        static final VaderLexicon LEXICON = load();

        private static VaderLexicon load() {
            try (InputStream in = VaderLexicon.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("VADER lexicon " + RESOURCE
                            + " is not on the classpath; the build unpacks it (mvn generate-resources)");
                }
                return read(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
