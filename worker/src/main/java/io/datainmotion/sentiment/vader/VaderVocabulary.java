package io.datainmotion.sentiment.vader;

import io.datainmotion.sentiment.tokens.WordIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every word VADER's rules look at, with a dense id: the lexicon's words first (same ids as in
 * {@link VaderLexicon}), then boosters, negations and the words of idioms and of the rules ("no",
 * "but", "least", ...). One lookup per token then answers every question the rules ask of it.
 * The word lists are the reference's (vaderSentiment 3.3). Immutable.
 */
public final class VaderVocabulary {

    static final byte NONE = 0;
    static final byte NO = 1;
    static final byte OR = 2;
    static final byte NOR = 3;
    static final byte BUT = 4;
    static final byte LEAST = 5;
    static final byte AT = 6;
    static final byte VERY = 7;
    static final byte KIND = 8;
    static final byte OF = 9;
    static final byte SO = 10;
    static final byte THIS = 11;
    static final byte NEVER = 12;
    static final byte WITHOUT = 13;
    static final byte DOUBT = 14;

    private static final String[] ROLE_WORDS = {
        null, "no", "or", "nor", "but", "least", "at", "very", "kind", "of", "so", "this", "never", "without", "doubt"};

    private static final List<String> NEGATIONS = List.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    public static final List<String> INCREMENTS = List.of(
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
            "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
            "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin",
            "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully", "fuckin",
            "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible",
            "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
            "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally",
            "tremendous", "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very");

    /** Single-word dampeners; the two-word ones are {@link #BOOSTER_BIGRAMS}. */
    public static final List<String> DECREMENTS = List.of(
            "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal",
            "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight",
            "slightly", "somewhat", "sorta", "sortof", "sort-of");

    /** Two-word dampeners (all -0.293): as single tokens they never match, only the idiom step sees them. */
    private static final List<String> BOOSTER_BIGRAMS = List.of("just enough", "kind of", "sort of");

    private static final Map<String, Double> IDIOMS = idioms();

    private static Map<String, Double> idioms() {
        Map<String, Double> idioms = new LinkedHashMap<>();
        idioms.put("the shit", 3.0);
        idioms.put("the bomb", 3.0);
        idioms.put("bad ass", 1.5);
        idioms.put("badass", 1.5);
        idioms.put("bus stop", 0.0);
        idioms.put("yeah right", -2.0);
        idioms.put("kiss of death", -1.5);
        idioms.put("to die for", 3.0);
        idioms.put("beating heart", 3.1);
        idioms.put("broken heart", -2.9);
        return idioms;
    }

    private static final VaderVocabulary STANDARD = new VaderVocabulary(VaderLexicon.standard());

    private final WordIndex words;
    private final int lexiconSize;
    private final double[] valences;
    private final double[] boosters;
    private final boolean[] negations;
    private final byte[] roles;
    private final int[][] idiomIds;
    private final double[] idiomValences;
    private final String[] idiomTexts;
    private final int[][] boosterBigramIds;
    /** Whether a word starts an idiom or a two-word dampener: most tokens need no phrase comparison. */
    private final boolean[] startsPhrase;

    private VaderVocabulary(VaderLexicon lexicon) {
        Set<String> all = new LinkedHashSet<>();
        for (int id = 0; id < lexicon.size(); id++) {
            all.add(lexicon.word(id));
        }
        lexiconSize = all.size();
        List<String> extras = new ArrayList<>(NEGATIONS);
        extras.addAll(INCREMENTS);
        extras.addAll(DECREMENTS);
        for (String role : ROLE_WORDS) {
            if (role != null) {
                extras.add(role);
            }
        }
        for (String phrase : IDIOMS.keySet()) {
            extras.addAll(List.of(phrase.split(" ")));
        }
        for (String phrase : BOOSTER_BIGRAMS) {
            extras.addAll(List.of(phrase.split(" ")));
        }
        all.addAll(extras);
        words = new WordIndex(new ArrayList<>(all));
        valences = new double[all.size()];
        for (int id = 0; id < lexiconSize; id++) {
            valences[id] = lexicon.valence(id);
        }
        boosters = new double[all.size()];
        INCREMENTS.forEach(word -> boosters[words.indexOf(word)] = VaderScorer.B_INCR);
        DECREMENTS.forEach(word -> boosters[words.indexOf(word)] = VaderScorer.B_DECR);
        negations = new boolean[all.size()];
        NEGATIONS.forEach(word -> negations[words.indexOf(word)] = true);
        roles = new byte[all.size()];
        for (byte role = NO; role < ROLE_WORDS.length; role++) {
            roles[words.indexOf(ROLE_WORDS[role])] = role;
        }
        idiomIds = new int[IDIOMS.size()][];
        idiomValences = new double[IDIOMS.size()];
        idiomTexts = IDIOMS.keySet().toArray(new String[0]);
        for (int idiom = 0; idiom < idiomTexts.length; idiom++) {
            idiomIds[idiom] = idsOf(idiomTexts[idiom]);
            idiomValences[idiom] = IDIOMS.get(idiomTexts[idiom]);
        }
        boosterBigramIds = BOOSTER_BIGRAMS.stream().map(this::idsOf).toArray(int[][]::new);
        startsPhrase = new boolean[all.size()];
        for (int[] phrase : idiomIds) {
            startsPhrase[phrase[0]] = true;
        }
        for (int[] phrase : boosterBigramIds) {
            startsPhrase[phrase[0]] = true;
        }
    }

    static VaderVocabulary standard() {
        return STANDARD;
    }

    private int[] idsOf(String phrase) {
        return List.of(phrase.split(" ")).stream().mapToInt(words::indexOf).toArray();
    }

    int indexOf(char[] chars, int offset, int length) {
        return words.indexOf(chars, offset, length);
    }

    int indexOf(char[] chars, int offset, int length, int polynomialHash) {
        return words.indexOf(chars, offset, length, polynomialHash);
    }

    boolean inLexicon(int id) {
        return id >= 0 && id < lexiconSize;
    }

    /** Lexicon valence; only for ids {@link #inLexicon}. */
    double valence(int id) {
        return valences[id];
    }

    boolean isBooster(int id) {
        return id >= 0 && boosters[id] != 0;
    }

    double booster(int id) {
        return boosters[id];
    }

    boolean isNegation(int id) {
        return id >= 0 && negations[id];
    }

    byte role(int id) {
        return id < 0 ? NONE : roles[id];
    }

    boolean isOrNor(int id) {
        byte role = role(id);
        return role == OR || role == NOR;
    }

    boolean isSoOrThis(int id) {
        byte role = role(id);
        return role == SO || role == THIS;
    }

    /** The idiom spelled by the {@code length} token ids from {@code start}, or -1. */
    int idiomAt(int[] ids, int start, int length) {
        if (!startsPhrase(ids[start])) {
            return -1;
        }
        for (int idiom = 0; idiom < idiomIds.length; idiom++) {
            if (matches(idiomIds[idiom], ids, start, length)) {
                return idiom;
            }
        }
        return -1;
    }

    double idiomValence(int idiom) {
        return idiomValences[idiom];
    }

    String idiomText(int idiom) {
        return idiomTexts[idiom];
    }

    /** The two-word dampener ("kind of", ...) at {@code start}, or -1. */
    int boosterBigramAt(int[] ids, int start) {
        if (!startsPhrase(ids[start])) {
            return -1;
        }
        for (int bigram = 0; bigram < boosterBigramIds.length; bigram++) {
            if (matches(boosterBigramIds[bigram], ids, start, 2)) {
                return bigram;
            }
        }
        return -1;
    }

    String boosterBigramText(int bigram) {
        return BOOSTER_BIGRAMS.get(bigram);
    }

    private boolean startsPhrase(int id) {
        return id >= 0 && startsPhrase[id];
    }

    private static boolean matches(int[] phrase, int[] ids, int start, int length) {
        if (phrase.length != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (ids[start + k] != phrase[k]) {
                return false;
            }
        }
        return true;
    }
}
