package io.datainmotion.sentiment.vader;

import io.datainmotion.sentiment.tokens.EmojiSentiment;
import io.datainmotion.sentiment.Explanation;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.SentimentScore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The VADER rules of {@code shared/notes/vader-reference.md}. Expected compounds are the reference
 * vaderSentiment 3.3 run with this project's lexicon file unless a test says otherwise.
 */
class VaderScorerTest {

    private final VaderScorer vader = new VaderScorer();

    private double compound(String text) {
        return vader.score(text).polarity();
    }

    private void assertCompound(double expected, String text) {
        assertEquals(expected, compound(text), 1e-4, text);
    }

    /** vaderSentiment README.rst, "Output for the above example code". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "VADER is smart, handsome, and funny.| 0.8316",
        "VADER is smart, handsome, and funny!| 0.8439",
        "VADER is very smart, handsome, and funny.| 0.8545",
        "VADER is VERY SMART, handsome, and FUNNY.| 0.9227",
        "VADER is VERY SMART, handsome, and FUNNY!!!| 0.9342",
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!| 0.9469",
        "VADER is not smart, handsome, nor funny.| -0.7424",
        "The book was good.| 0.4404",
        "At least it isn't a horrible book.| 0.431",
        "The book was only kind of good.| 0.3832",
        "The plot was good, but the characters are uncompelling and the dialog is not great.| -0.7042",
        "Today SUX!| -0.5461",
        "Today only kinda sux! But I'll get by, lol| 0.5249",
        "Make sure you :) or :D today!| 0.8633",
        "Not bad at all| 0.431",
    })
    void reproducesTheReadmeExamples(String text, double readmeCompound) {
        assertEquals(readmeCompound, compound(text), 0.01, text);
    }

    /**
     * The README's emoji example (0.7003) differs on purpose: the reference names 💘 💋 😁 by its CLDR
     * file ("heart with arrow", "kiss mark", "beaming face with smiling eyes": kiss 1.8 + smiling 2.0),
     * this scorer by their Unicode names, where 😁 is "grinning face with smiling eyes" and adds
     * grinning 1.5, and by {@link EmojiSentiment#MEANINGS}, where 💘 reads as "love" (3.2), since "heart" is not in
     * the lexicon. Sum 8.5 → 8.5 / sqrt(8.5² + 15) = 0.9100.
     */
    @Test
    void readmeEmojiExampleDiffersByTheUnicodeNameOfBeamingFaceAndTheMeaningOfHearts() {
        String text = "Catch utf-8 emoji such as 💘 and 💋 and 😁";
        assertCompound(0.9100, text);
        assertEquals(VaderScorer.normalize(3.2 + 1.8 + 2.0 + 1.5), compound(text), 1e-4);
        assertEquals(0.7003, VaderScorer.normalize(1.8 + 2.0), 1e-4, "the README's value is kiss + smiling");
    }

    @Test
    void lexiconValenceIsNormalisedWithAlpha15() {
        assertCompound(0.4404, "The food was good.");
        assertEquals(1.9 / Math.sqrt(1.9 * 1.9 + 15), compound("good"), 1e-4);
        assertCompound(0.0, "the food");
    }

    @Test
    void emptyOrBlankTextIsNeutralZero() {
        for (String text : new String[] {"", "   ", "\t\n"}) {
            assertEquals(new SentimentScore(Sentiment.NEUTRAL, 0.0), vader.score(text));
        }
    }

    @Test
    void boostersAddDecayingWithDistance() {
        assertCompound(0.4927, "The food was very good.");
        assertCompound(0.5379, "The food was very really good.");
        assertCompound(0.5768, "The food was very, very, very good.");
    }

    @Test
    void dampenersSubtractTowardsZero() {
        assertCompound(0.3832, "The food was slightly good.");
        assertCompound(-0.4951, "The food was barely bad.");
    }

    @Test
    void allCapsEmphasisesOnlyWhenSomeButNotAllTokensAreCaps() {
        assertCompound(0.5622, "The food was GOOD.");
        assertCompound(0.4404, "THE FOOD WAS GOOD.");
        assertCompound(0.8271, "GOOD GOOD GOOD");
        assertCompound(0.6028, "The food was VERY good.");
        assertCompound(0.6028, "Very GOOD movie");
    }

    @Test
    void negationWithinThreeTokensFlipsAndDamps() {
        assertCompound(-0.3412, "The food was not good.");
        assertCompound(-0.3865, "The food was not very good.");
        assertCompound(-0.427, "The food was not really very good.");
        assertCompound(-0.3412, "not good at all");
        assertCompound(-0.3412, "It has never been good.");
    }

    @Test
    void contractionsWithNtNegate() {
        assertCompound(-0.3412, "The food wasn't good.");
        assertCompound(-0.2755, "I don't like it");
        assertCompound(0.431, "The food isn't that bad.");
    }

    @Test
    void neverSoAndNeverThisIntensifyInsteadOfNegating() {
        assertCompound(0.6626, "It was never so good.");
        assertCompound(0.6084, "It was never this good.");
    }

    @Test
    void soOrThisRightBeforeTheWordIntensifiesWhenThreeTokensPrecedeIt() {
        assertCompound(0.4927, "so good");
        assertCompound(0.5777, "it is so good");
    }

    @Test
    void withoutDoubtDoesNotNegate() {
        assertCompound(0.6136, "Without doubt good.");
        assertCompound(0.6136, "Without a doubt, a good idea.");
    }

    @Test
    void noNegatesTheNextWordsAndLosesItsOwnValence() {
        assertCompound(-0.3412, "no good");
        assertCompound(-0.296, "no");
        assertCompound(-0.4717, "There is no joy.");
        assertCompound(-0.7536, "no love or joy");
        assertCompound(0.0328, "no hope nor joy");
    }

    @Test
    void leastNegatesExceptAfterAtOrVery() {
        assertCompound(-0.3412, "It is the least good idea.");
        assertCompound(-0.3412, "least good");
        assertCompound(0.4404, "At least it is good.");
        assertCompound(0.4902, "He is very least good.");
    }

    @Test
    void butHalvesWhatComesBeforeAndBoostsWhatComesAfter() {
        assertCompound(-0.5859, "The food was good, but the service was bad.");
        assertCompound(0.3818, "The food was bad, but the service was good.");
        assertCompound(0.85, "The movie was horrible, but the ending was good and the music was great.");
        assertEquals(VaderScorer.normalize(0.5 * 1.9 + 1.5 * 1.9), compound("good but good"), 1e-4);
    }

    @Test
    void kindOfDampsOnlyWithThreeTokensBeforeTheWord() {
        assertCompound(0.4404, "kind of good");
        assertCompound(0.3832, "it is kind of good");
        assertCompound(0.3832, "it is sort of good");
    }

    @Test
    void specialCaseIdiomsReplaceTheValence() {
        assertEquals(VaderScorer.normalize(3), compound("This movie is the shit."), 1e-4);
        assertCompound(0.6124, "it is the bomb");
        assertEquals(VaderScorer.normalize(-1.5 - 1.5), compound("That is the kiss of death."), 1e-4);
    }

    @Test
    void idiomsWithAWordMissingFromThisLexiconDoNotApply() {
        // "broken heart" is -2.9 in the reference, but "heart" is not in this lexicon, so only broken (-2.1) counts
        assertEquals(VaderScorer.normalize(-2.1), compound("a broken heart"), 1e-4);
    }

    @Test
    void exclamationMarksAmplifyUpToFour() {
        assertCompound(0.4926, "Good!");
        assertCompound(0.5399, "Good!!");
        assertCompound(0.6209, "Good!!!!");
        assertCompound(0.6209, "Good!!!!!!");
    }

    @Test
    void questionMarksAmplifyFromTwo() {
        assertCompound(0.4404, "Good?");
        assertCompound(0.504, "Good??");
        assertCompound(0.533, "Good???");
        assertCompound(0.594, "Good????");
        assertCompound(-0.6832, "Bad???!!");
    }

    @Test
    void emoticonsAreLexiconTokens() {
        assertCompound(0.7096, "It was good :)");
        assertTrue(compound("ok :(") < 0);
    }

    @Test
    void labelsUseTheThresholds() {
        assertEquals(Sentiment.POSITIVE, vader.score("good").sentiment());
        assertEquals(Sentiment.NEGATIVE, vader.score("bad").sentiment());
        assertEquals(Sentiment.NEUTRAL, vader.score("the food").sentiment());
        VaderScorer strict = new VaderScorer(0.5, -0.5);
        assertEquals(Sentiment.NEUTRAL, strict.score("good").sentiment());
        assertEquals(Sentiment.POSITIVE, strict.score("very very good!").sentiment());
        assertEquals(0.4404, strict.score("good").polarity(), 1e-4);
    }

    @Test
    void labelsAtExactlyTheThresholdAreNotNeutral() {
        double compoundOfGood = compound("good");
        assertEquals(Sentiment.POSITIVE, new VaderScorer(compoundOfGood, -0.05).score("good").sentiment());
        double compoundOfNotGood = compound("not good");
        assertEquals(Sentiment.NEGATIVE, new VaderScorer(0.05, compoundOfNotGood).score("not good").sentiment());
    }

    @Test
    void rejectsThresholdsInTheWrongOrder() {
        assertThrows(IllegalArgumentException.class, () -> new VaderScorer(-0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new VaderScorer(0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new VaderScorer(2, -0.05));
    }

    // ---- tweets ----

    @Test
    void mentionsAreNotTokens() {
        assertEquals(compound("good :)"), compound("@user good :)"));
        assertEquals(compound("It was good"), compound("It was @someone good"));
    }

    @Test
    void urlsAreNotTokensAndTheirQuestionMarksDoNotAmplify() {
        assertEquals(compound("good"), compound("good https://example.com/a?b=1&c=?? www.example.org/x??"));
        assertEquals(compound("good"), compound("good HTTP://EXAMPLE.COM/why??"));
    }

    @Test
    void hashtagsCountAsTheirWord() {
        assertEquals(compound("so blessed"), compound("so #blessed"));
        assertTrue(compound("#happy") > 0);
    }

    @Test
    void elongatedWordsAreFoundByCuttingRuns() {
        assertEquals(compound("so good"), compound("sooooo good"));
        assertEquals(compound("good"), compound("gooooood"));
        assertEquals(compound("happy"), compound("happyyyy"));
        assertEquals(compound("I love it"), compound("I looooove it"));
        assertEquals(compound("lol"), compound("lolll"));
        assertEquals(compound("no"), compound("NOOOOOO"), "all caps alone is no emphasis");
    }

    @Test
    void elongatedEmoticonsAreFoundByCuttingRuns() {
        assertEquals(compound("fun :)"), compound("fun :)))))"));
        assertEquals(compound("meh :("), compound("meh :(((("));
    }

    @Test
    void wordsWithDoubleLettersAreNotCut() {
        assertCompound(0.4404, "good");
        assertNotEquals(compound("good"), compound("god"));
    }

    @Test
    void repeatedPunctuationCountsTheReferenceWay() {
        assertEquals(compound("Good!!!!"), compound("Good!!!!!!!!!!"));
        assertEquals(compound("Good !!!"), compound("Good!!!"));
    }

    @Test
    void typographicApostropheNegatesLikeAnAsciiOne() {
        assertEquals(compound("I don't like it"), compound("I don’t like it"));
        assertCompound(-0.2755, "I don’t like it");
    }

    @Test
    void noBreakSpacesSeparateTokensAsInPython() {
        assertEquals(compound("very good"), compound("very\u00a0good"));
    }

    // ---- emoji ----

    @Test
    void emojiScoreByTheWordsOfTheirUnicodeNames() {
        assertTrue(compound("😍") > 0.4, "smiling face with heart-shaped eyes");
        assertTrue(compound("😭") < -0.4, "loudly crying face");
        assertEquals(compound("smiling face with heart shaped eyes"), compound("😍"));
    }

    @Test
    void emojiGluedToAWordAreSeparateTokens() {
        assertEquals(compound("good 😍"), compound("good😍"));
        assertEquals(compound("😍 good"), compound("😍good"));
        assertEquals(compound("😍 😍"), compound("😍😍"));
    }

    @Test
    void variationSelectorsJoinersAndSkinTonesAddNothing() {
        assertEquals(compound("great 😍"), compound("great 😍\uFE0F"));
        assertEquals(compound("👍 good"), compound("👍🏽 good"));
        assertEquals(compound("😭 😭"), compound("😭\u200D😭"));
        assertEquals(compound("fun"), compound("fun 🇬🇧"));
    }

    @Test
    void anEmojiIsOneTokenThatANegationTakesWhole() {
        // smiling face with smiling eyes: 2 × smiling 2.0; spliced in as words, only the first would be negated
        assertEquals(VaderScorer.normalize(4.0 * VaderScorer.N_SCALAR), compound("not 😊"), 1e-4);
        assertTrue(compound("not smiling face with smiling eyes") > 0);
    }

    @Test
    void anEmojiAfterButCountsOneAndAHalfTimes() {
        assertEquals(VaderScorer.normalize(0.5 * 1.9 - 1.5 * 2.1), compound("good but 😭"), 1e-4);
    }

    @Test
    void emojiWithoutLexiconWordsAreNeutral() {
        assertEquals(0.0, compound("🚌"));
        assertEquals(Sentiment.POSITIVE, vader.score("❤️").sentiment(), "heart is not in this lexicon, but ❤ reads as love");
        assertEquals(Sentiment.NEGATIVE, vader.score("😡😡").sentiment(), "the pouting face reads as angry");
    }

    // ---- explanation, concurrency ----

    @Test
    void explanationGivesTheScoreAndPerTokenRules() {
        String text = "The food was not very good, but the service was GREAT!!";
        Explanation explanation = vader.explain(text);
        assertEquals(vader.score(text), explanation.score());
        List<Explanation.Contribution> contributions = explanation.contributions();
        Explanation.Contribution great = contributions.get(0);
        assertEquals("great", great.feature());
        assertTrue(great.detail().contains("lexicon 3.1") && great.detail().contains("ALL CAPS")
                && great.detail().contains("after 'but'"), great.detail());
        Explanation.Contribution good = find(contributions, "good");
        assertTrue(good.weight() < 0, "negated");
        assertTrue(good.detail().contains("booster 'very'") && good.detail().contains("negated by 'not'")
                && good.detail().contains("before 'but'"), good.detail());
        Explanation.Contribution punctuation = find(contributions, "!/?");
        assertEquals(2 * 0.292, punctuation.weight(), 1e-9);
        double tokenSum = contributions.stream().filter(c -> !c.feature().equals("!/?"))
                .mapToDouble(Explanation.Contribution::weight).sum();
        assertEquals(explanation.score().polarity(), VaderScorer.normalize(tokenSum + punctuation.weight()), 1e-4);
    }

    @Test
    void explanationNamesTheEmojiBehindAToken() {
        Explanation explanation = vader.explain("😭");
        Explanation.Contribution crying = find(explanation.contributions(), "😭");
        assertEquals(-2.1, crying.weight(), 1e-9);
        assertEquals("emoji named 'loudly crying face' -2.1", crying.detail());
    }

    private static Explanation.Contribution find(List<Explanation.Contribution> contributions, String feature) {
        return contributions.stream().filter(c -> c.feature().equals(feature)).findFirst()
                .orElseThrow(() -> new AssertionError(feature + " not in " + contributions));
    }

    @Test
    void oneInstanceScoresFromManyThreadsAsFromOne() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            texts.add((i % 2 == 0 ? "not " : "very ") + "good ".repeat(i % 7) + "but bad!".repeat(i % 3) + " 😍".repeat(i % 5));
        }
        List<SentimentScore> expected = texts.stream().map(vader::score).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<SentimentScore>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> texts.stream().map(vader::score).toList()));
            }
            for (Future<List<SentimentScore>> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
