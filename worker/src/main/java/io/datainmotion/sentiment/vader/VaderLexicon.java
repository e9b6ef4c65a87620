package io.datainmotion.sentiment.vader;

import io.datainmotion.sentiment.tokens.WordHashFilter;
import io.datainmotion.sentiment.tokens.WordIndex;

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

    /** 64 Kbit (8 KB) for ~7,500 words: about one word in nine not in the lexicon still needs the probe. */
    private static final int FILTER_BITS_LOG2 = 16;
    /** A larger lexicon gets a larger filter, so that the share of false hits stays about the same. */
    private static final int FILTER_BITS_PER_WORD = 8;

    private final WordIndex words;
    private final WordHashFilter filter;
    private final double[] valences;

    private VaderLexicon(Map<String, Double> valenceByWord) {
        words = new WordIndex(new ArrayList<>(valenceByWord.keySet()));
        int filterBitsLog2 = FILTER_BITS_LOG2;
        while (1 << filterBitsLog2 < FILTER_BITS_PER_WORD * valenceByWord.size()) {
            filterBitsLog2++;
        }
        filter = new WordHashFilter(valenceByWord.keySet(), filterBitsLog2);
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

    /**
     * This lexicon plus the regular inflections of its words that it does not list itself, each with its base
     * word's valence: {@code crash} gives {@code crashes}, {@code crashed}, {@code crashing}; {@code hate} gives
     * {@code hated}, {@code hating}; {@code stop} also {@code stopped}, {@code stopping}. Only words of four or
     * more letters are inflected, so that short forms ({@code ok}, {@code lol}) stay as they are.
     */
    public VaderLexicon withInflections() {
        Map<String, Double> valenceByWord = new LinkedHashMap<>();
        for (int id = 0; id < size(); id++) {
            valenceByWord.put(word(id), valences[id]);
        }
        for (int id = 0; id < size(); id++) {
            for (String inflected : inflections(word(id))) {
                valenceByWord.putIfAbsent(inflected, valences[id]);
            }
        }
        return new VaderLexicon(valenceByWord);
    }

    /**
     * This lexicon with {@code additions} for words it does not list (a word it lists keeps its own valence) and
     * without the {@code removed} words.
     */
    public VaderLexicon with(Map<String, Double> additions, java.util.Collection<String> removed) {
        Map<String, Double> valenceByWord = new LinkedHashMap<>();
        for (int id = 0; id < size(); id++) {
            valenceByWord.put(word(id), valences[id]);
        }
        additions.forEach(valenceByWord::putIfAbsent);
        removed.forEach(valenceByWord::remove);
        return new VaderLexicon(valenceByWord);
    }

    static java.util.List<String> inflections(String word) {
        int length = word.length();
        if (length < 4 || !word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return java.util.List.of();
        }
        char last = word.charAt(length - 1);
        java.util.List<String> forms = new ArrayList<>();
        if (last == 'e') {
            String stem = word.substring(0, length - 1);
            forms.add(word + "s");
            forms.add(word + "d");
            forms.add(stem + "ing");
        } else if (last == 'y' && !isVowel(word.charAt(length - 2))) {
            String stem = word.substring(0, length - 1);
            forms.add(stem + "ies");
            forms.add(stem + "ied");
            forms.add(word + "ing");
        } else {
            boolean sibilant = last == 's' || last == 'x' || word.endsWith("ch") || word.endsWith("sh");
            forms.add(word + (sibilant ? "es" : "s"));
            forms.add(word + "ed");
            forms.add(word + "ing");
            if (!isVowel(last) && last != 'w' && last != 'x' && last != 'y' && isVowel(word.charAt(length - 2))
                    && !isVowel(word.charAt(length - 3))) {
                forms.add(word + last + "ed");
                forms.add(word + last + "ing");
            }
        }
        return forms;
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }

    public int size() {
        return valences.length;
    }

    /** The id of a lower-cased token spelled by {@code chars[offset, offset + length)}, or -1. No allocation. */
    public int indexOf(char[] chars, int offset, int length) {
        return words.indexOf(chars, offset, length);
    }

    /**
     * {@link #indexOf(char[], int, int)} for a caller that already has the characters' {@link WordIndex} hash,
     * which also lets most words not in the lexicon skip the table probe.
     */
    public int indexOf(char[] chars, int offset, int length, int indexHash) {
        return filter.mightContain(indexHash) ? words.indexOf(chars, offset, length, indexHash) : -1;
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
