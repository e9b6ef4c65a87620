package io.datainmotion.sentiment.linear;

import io.datainmotion.sentiment.tokens.EmojiSentiment;
import io.datainmotion.sentiment.tokens.NegatorSet;
import io.datainmotion.sentiment.tokens.TweetTokens;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearFeaturesTest {

    private final LinearFeatures features = LinearFeatures.standard(LinearFeatures.Settings.DEFAULT);
    private final TweetTokens tokens = new TweetTokens(NegatorSet.ENGLISH);

    private FeatureVector extract(String text) {
        FeatureVector vector = new FeatureVector(true);
        features.extract(tokens.tokenize(text), vector);
        return vector;
    }

    private static List<String> names(FeatureVector vector) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < vector.size(); i++) {
            names.add(vector.name(i));
        }
        return names;
    }

    private static int[] buckets(FeatureVector vector) {
        int[] buckets = new int[vector.size()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = vector.bucket(i);
        }
        return buckets;
    }

    private static int bucketOf(FeatureVector vector, String name) {
        for (int i = 0; i < vector.size(); i++) {
            if (vector.name(i).equals(name)) {
                return vector.bucket(i);
            }
        }
        throw new AssertionError("no feature " + name + " in " + names(vector));
    }

    private static String clusterOf(String word) {
        int cluster = WordClusters.standard().clusterOf(TweetTokens.hashOf(word));
        assertTrue(cluster >= 0, word + " is in the shipped map");
        return "cluster:" + cluster + " (" + word + ")";
    }

    @Test
    void yieldsWordsBigramsFramedCharacterNGramsAndWordClusters() {
        List<String> names = names(extract("Good day"));
        assertEquals(List.of(
                "word:good", "bigram:<s> good", "chars:<go", "chars:goo", "chars:<goo", "chars:ood", "chars:good",
                "chars:od>", "chars:ood>", clusterOf("good"),
                "word:day", "bigram:good day", "chars:<da", "chars:day", "chars:<day", "chars:ay>", "chars:day>",
                clusterOf("day"), "bigram:day </s>"), names);
    }

    @Test
    void wordClustersLeaveTheOtherFeaturesValueAsItWas() {
        FeatureVector vector = extract("Good day");
        long clusters = names(vector).stream().filter(name -> name.startsWith("cluster:")).count();
        assertEquals(2, clusters);
        assertEquals((float) (1.0 / Math.sqrt(vector.size() - clusters)), vector.hashedValue());
    }

    @Test
    void wordsTheContrastSetsAsideOrANegationTurnsYieldNoCluster() {
        List<String> contrasted = names(extract("The food was tasty but the service was slow"));
        assertFalse(contrasted.contains(clusterOf("food")), "before 'but'");
        assertFalse(contrasted.contains(clusterOf("tasty")), "before 'but'");
        assertTrue(contrasted.contains(clusterOf("service")));
        assertTrue(contrasted.contains(clusterOf("slow")));

        List<String> negated = names(extract("not happy"));
        assertFalse(negated.contains(clusterOf("happy")), "a negated word's neighbours carry its un-negated sense");
    }

    @Test
    void capitalDColonIsDismayNotATongue() {
        FeatureVector vector = extract("D:");
        assertEquals(0f, vector.dense(DenseFeature.LEXICON_POSITIVE));
        assertEquals(2.9f / 4f, vector.dense(DenseFeature.LEXICON_NEGATIVE), 1e-6f);
    }

    @Test
    void negatedLexiconWordsAreDistinctFeaturesAndTheirNegatorYieldsNoUnigram() {
        FeatureVector negated = extract("not happy");
        assertTrue(names(negated).contains("word:~happy"));
        assertFalse(names(negated).contains("word:not"), "its meaning is in the word it turns");
        assertTrue(names(negated).contains("bigram:not happy"));
        assertFalse(names(negated).stream().anyMatch(name -> name.startsWith("chars:<no")), "no n-grams of negators");
        assertNotEquals(bucketOf(negated, "word:~happy"), bucketOf(extract("happy"), "word:happy"));
        assertTrue(names(extract("not happy. happy")).containsAll(List.of("word:~happy", "word:happy")));
        List<String> plain = names(extract("not the weekend"));
        assertTrue(plain.containsAll(List.of("word:not", "word:weekend", "chars:<wee")),
                "a negator that turns no lexicon word stays, and the words it reaches are plain words: " + plain);
    }

    @Test
    void negationTurnsLexiconValenceTheVaderWay() {
        FeatureVector plain = extract("I am happy");
        assertEquals(0.675f, plain.dense(DenseFeature.LEXICON_POSITIVE), 1e-6, "happy is 2.7 in the lexicon, over 4");
        assertEquals(0f, plain.dense(DenseFeature.LEXICON_NEGATIVE));

        FeatureVector negated = extract("I am not happy");
        assertEquals(0f, negated.dense(DenseFeature.LEXICON_POSITIVE));
        assertEquals(0.74f * 0.675f, negated.dense(DenseFeature.LEXICON_NEGATIVE), 1e-6);

        FeatureVector notBad = extract("not bad at all");
        assertEquals(0.74f * 2.5f / 4, notBad.dense(DenseFeature.LEXICON_POSITIVE), 1e-6, "bad is -2.5");
        assertEquals(0f, notBad.dense(DenseFeature.LEXICON_NEGATIVE), "no, not, never carry no valence of their own");
    }

    @Test
    void negatedWordsOfBothPolaritiesAreAMiddleJudgementAndCountNothing() {
        for (String text : List.of("It wasn't great but it wasn't terrible either", "neither good nor bad",
                "not bad, not great")) {
            FeatureVector middle = extract(text);
            assertEquals(0f, middle.dense(DenseFeature.LEXICON_POSITIVE), text);
            assertEquals(0f, middle.dense(DenseFeature.LEXICON_NEGATIVE), text);
            assertTrue(middle.denseNotes().stream().anyMatch(note -> note.why().contains("middle judgement")), text);
        }
        assertTrue(extract("not good, not nice").dense(DenseFeature.LEXICON_NEGATIVE) > 0f, "one polarity stays");
    }

    @Test
    void eitherInANegationScopeIsPartOfTheNegationAndYieldsNoCharNGrams() {
        List<String> negated = names(extract("it wasn't terrible either"));
        assertTrue(negated.containsAll(List.of("word:either", "bigram:terrible either")), negated.toString());
        assertFalse(negated.stream().anyMatch(name -> name.startsWith("chars:") && name.contains("eit")), negated.toString());
        List<String> plain = names(extract("either way it was great"));
        assertTrue(plain.contains("chars:<eit"), "outside a negation it is a plain word: " + plain);
    }

    @Test
    void theAnyWordsANegationLicensesArePartOfItAndYieldNoCharNGrams() {
        for (String text : List.of("got it sorted without any problems", "there were hardly any delays",
                "I don't need anything", "nobody asked anyone", "it doesn't crash anymore")) {
            List<String> negated = names(extract(text));
            assertTrue(negated.stream().anyMatch(name -> name.startsWith("word:any")), text + ": its unigram stays " + negated);
            assertFalse(negated.stream().anyMatch(name -> name.startsWith("chars:") && name.contains("any")),
                    text + ": " + negated);
        }
        List<String> plain = names(extract("any ideas for the weekend"));
        assertTrue(plain.contains("chars:<any"), "outside a negation it is a plain word: " + plain);
    }

    @Test
    void worthItAndWorthEveryAreAVerdictTheNegationRuleTurns() {
        assertEquals(0.9f / 4, extract("worth a look").dense(DenseFeature.LEXICON_POSITIVE), 1e-6, "worth alone is 0.9");
        for (String text : List.of("worth it", "worth every penny", "the view was worth every step")) {
            assertEquals(2.1f / 4, extract(text).dense(DenseFeature.LEXICON_POSITIVE), 1e-6, text);
        }
        FeatureVector notWorthIt = extract("not worth it");
        assertEquals(0f, notWorthIt.dense(DenseFeature.LEXICON_POSITIVE));
        assertEquals(0.74f * 2.1f / 4, notWorthIt.dense(DenseFeature.LEXICON_NEGATIVE), 1e-6);
        assertTrue(extract("worth it").denseNotes().get(0).why().contains("as 'worth it'"));
        assertEquals(0.9f / 4, extract("it is worth").dense(DenseFeature.LEXICON_POSITIVE), 1e-6, "at the end, no phrase");
    }

    @Test
    void wordsAskedForInARequestAreNotTheWritersJudgement() {
        FeatureVector request = extract("Anyone know a good tutorial for learning Rust?");
        assertEquals(0f, request.dense(DenseFeature.LEXICON_POSITIVE));
        assertTrue(request.denseNotes().stream().anyMatch(note -> note.why().contains("request")));
        List<String> names = names(request);
        assertTrue(names.contains("word:?good"), names.toString());
        assertFalse(names.contains("word:good") || names.contains("chars:<go"), "no plain-sense features: " + names);
        assertTrue(names.contains("chars:<tut"), "other words stay plain words: " + names);
        assertTrue(extract("Anyone else loving this good weather?").dense(DenseFeature.LEXICON_POSITIVE) > 0f);
        assertTrue(extract("Anyone know a good tutorial? Love this community")
                .dense(DenseFeature.LEXICON_POSITIVE) > 0f, "love is after the question");
    }

    @Test
    void anEyeRollTurnsThePraiseAroundIt() {
        FeatureVector ironic = extract("Great, just great. \uD83D\uDE44");
        assertEquals(0f, ironic.dense(DenseFeature.LEXICON_POSITIVE));
        assertTrue(ironic.dense(DenseFeature.LEXICON_NEGATIVE) > 2 * 0.74f * 3.1f / 4, "both greats turned, plus the eye roll");
        assertTrue(names(ironic).contains("word:~great"));
        assertTrue(extract("Great, just great. \uD83D\uDE0A").dense(DenseFeature.LEXICON_POSITIVE) > 0f);
    }

    @Test
    void aClosingEmojiIsStressed() {
        EmojiSentiment emoji = EmojiSentiment.standard();
        double smiling = emoji.valence(emoji.indexOf(0x1F60A));
        assertEquals(1.5 * smiling / 4, extract("results are in \uD83D\uDE0A").dense(DenseFeature.LEXICON_POSITIVE), 1e-6);
        assertEquals(smiling / 4, extract("\uD83D\uDE0A results are in").dense(DenseFeature.LEXICON_POSITIVE), 1e-6);
    }

    @Test
    void lexiconGapsStanceAdverbsAndDegreeAdverbs() {
        assertTrue(extract("the room was spotless").dense(DenseFeature.LEXICON_POSITIVE) > 0f);
        assertTrue(extract("the noise is unbearable").dense(DenseFeature.LEXICON_NEGATIVE) > 0f);
        assertEquals(0f, extract("honestly the service here").dense(DenseFeature.LEXICON_POSITIVE),
                "honestly says how it is said, not whether it is good");
        FeatureVector superBoring = extract("super boring");
        assertEquals(0f, superBoring.dense(DenseFeature.LEXICON_POSITIVE), "super is a degree here, not praise");
        assertEquals((1.3f + 0.293f) / 4, superBoring.dense(DenseFeature.LEXICON_NEGATIVE), 1e-6);
    }

    @Test
    void wordsBeforeButCountHalfAndAfterItOneAndAHalf() {
        FeatureVector contrast = extract("the food was good but the service was bad");
        assertEquals(1.9f * 0.5f / 4, contrast.dense(DenseFeature.LEXICON_POSITIVE), 1e-6, "good is 1.9");
        assertEquals(2.5f * 1.5f / 4, contrast.dense(DenseFeature.LEXICON_NEGATIVE), 1e-6);
        FeatureVector concession = extract("although the food was good, the service was bad");
        assertEquals(1.9f * 0.5f / 4, concession.dense(DenseFeature.LEXICON_POSITIVE), 1e-6);
        assertEquals(2.5f / 4, concession.dense(DenseFeature.LEXICON_NEGATIVE), 1e-6);
    }

    @Test
    void inflectedFormsAndNamesOfLexiconWords() {
        assertEquals(1.7f / 4, extract("the app keeps crashing").dense(DenseFeature.LEXICON_NEGATIVE), 1e-6,
                "crash is -1.7; crashing is not in the lexicon itself");
        assertEquals(0f, extract("the Joy Hotel is on Hope Road").dense(DenseFeature.LEXICON_POSITIVE),
                "capitalised words next to capitalised words are names");
        assertEquals(2.7f / 4, extract("Happy Birthday").dense(DenseFeature.LEXICON_POSITIVE), 1e-6,
                "the first word is not taken for a name");
    }

    @Test
    void anElongatedWordReachesTheLexiconThroughItsSingleLetterSpelling() {
        assertEquals(0f, extract("I loove it").dense(DenseFeature.LEXICON_POSITIVE), "a plain misspelling is not elongated");
        FeatureVector elongated = extract("I looooove it");
        assertEquals(extract("I love it").dense(DenseFeature.LEXICON_POSITIVE),
                elongated.dense(DenseFeature.LEXICON_POSITIVE));
        assertTrue(elongated.dense(DenseFeature.LEXICON_POSITIVE) > 0f);
        assertEquals(1f / 3f, elongated.dense(DenseFeature.ELONGATED_WORDS), 1e-6);
        assertEquals(extract("impressive").dense(DenseFeature.LEXICON_POSITIVE),
                extract("impressiveeee").dense(DenseFeature.LEXICON_POSITIVE), "the stretched run alone is undone");
        assertTrue(extract("impressive").dense(DenseFeature.LEXICON_POSITIVE) > 0f);
    }

    @Test
    void emojiAddTheLexiconValenceOfWhatTheyDepict() {
        EmojiSentiment emoji = EmojiSentiment.standard();
        double smiling = emoji.valence(emoji.indexOf(0x1F60A));
        double angry = emoji.valence(emoji.indexOf(0x1F620));
        assertTrue(smiling > 0 && angry < 0, "smiling face with smiling eyes is positive, angry face negative");

        FeatureVector happy = extract("results are in \uD83D\uDE0A");
        assertEquals(1.5 * smiling / 4, happy.dense(DenseFeature.LEXICON_POSITIVE), 1e-6, "a closing emoji is stressed");
        FeatureVector cross = extract("results are in \uD83D\uDE20");
        assertEquals(-1.5 * angry / 4, cross.dense(DenseFeature.LEXICON_NEGATIVE), 1e-6);
        FeatureVector negated = extract("not \uD83D\uDE0A today");
        assertEquals(0f, negated.dense(DenseFeature.LEXICON_POSITIVE));
        assertEquals(0.74 * smiling / 4, negated.dense(DenseFeature.LEXICON_NEGATIVE), 1e-6);
        assertFalse(names(happy).stream().anyMatch(name -> name.contains("\uD83D\uDE0A")),
                "emoji yield no hashed features: no training tweet has one");
        assertTrue(extract("\uD83D\uDE21\uD83D\uDE21").dense(DenseFeature.LEXICON_NEGATIVE) > 0f,
                "the pouting face reads as angry");
    }

    @Test
    void emphasisCuesAreCappedCounts() {
        FeatureVector shouting = extract("WHAT IS THIS AWFUL THING?!?!?!?!");
        assertEquals(1f, shouting.dense(DenseFeature.ALL_CAPS_WORDS), "five capital words, capped at three");
        assertEquals(1f, shouting.dense(DenseFeature.EXCLAMATIONS));
        assertEquals(1f, shouting.dense(DenseFeature.QUESTIONS));
        FeatureVector calm = extract("what is this thing?");
        assertEquals(0f, calm.dense(DenseFeature.ALL_CAPS_WORDS));
        assertEquals(0.25f, calm.dense(DenseFeature.QUESTIONS));
        assertEquals(0f, calm.dense(DenseFeature.EXCLAMATIONS));
    }

    @Test
    void hashingIsStableAcrossInstancesAndReuse() {
        String text = "Can't wait for the weekend!!! #blessed @friend http://t.co/x";
        int[] first = buckets(extract(text));
        extract("something else entirely");
        FeatureVector reused = new FeatureVector(false);
        LinearFeatures other = LinearFeatures.standard(LinearFeatures.Settings.DEFAULT);
        other.extract(new TweetTokens(NegatorSet.ENGLISH).tokenize(text), reused);
        assertArrayEquals(first, buckets(reused));
    }

    /**
     * The shipped model's weights are indexed by these buckets: if this fails, the hashing changed and the
     * model must be retrained (and {@link LinearFeatures#VERSION} bumped).
     */
    @Test
    void bucketsArePinnedForTheShippedModel() {
        FeatureVector vector = extract("good");
        assertEquals(PINNED_WORD_GOOD, bucketOf(vector, "word:good"));
        assertEquals(PINNED_CHARS_GOOD, bucketOf(vector, "chars:<go"));
    }

    private static final int PINNED_WORD_GOOD = 8949;
    private static final int PINNED_CHARS_GOOD = 12359;

    @Test
    void bucketsStayWithinTheHashSpace() {
        LinearFeatures small = LinearFeatures.standard(new LinearFeatures.Settings(12, 3, 4));
        FeatureVector vector = new FeatureVector(false);
        small.extract(tokens.tokenize("a reasonably long tweet with plenty of different words and n-grams"), vector);
        for (int i = 0; i < vector.size(); i++) {
            assertTrue(vector.bucket(i) >= 0 && vector.bucket(i) < 1 << 12);
        }
        assertFalse(vector.size() == 0);
    }
}
