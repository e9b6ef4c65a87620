package io.datainmotion.sentiment.linear;

import io.datainmotion.sentiment.Explanation;
import io.datainmotion.sentiment.tokens.NegatorSet;
import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.training.SentimentEvaluation;
import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.SentimentScorers;
import io.datainmotion.sentiment.tokens.TweetTokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shipped model: clear-cut texts written for this test, emoji, explanations and the dev-split figure. */
class LinearScorerTest {

    private static final Path DEV = Path.of("../shared/data/tweeteval-sentiment-val.jsonl");

    private final LinearScorer scorer = new LinearScorer();

    @ParameterizedTest
    @ValueSource(strings = {
            "I absolutely love my new bike, best present ever!",
            "What a wonderful evening with great friends :)",
            "Congratulations on the new job, so happy for you!!",
            "This band is amazing, cannot wait to see them again"})
    void clearlyPositiveTexts(String text) {
        SentimentScore score = scorer.score(text);
        assertEquals(Sentiment.POSITIVE, score.sentiment(), text);
        assertTrue(score.polarity() > 0.3, text + " polarity " + score.polarity());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "This is the worst customer service ever, absolutely disgusting",
            "I hate waiting two hours for a train that never comes :(",
            "Terrible referee tonight, so angry and disappointed",
            "My phone broke again, what a horrible day"})
    void clearlyNegativeTexts(String text) {
        SentimentScore score = scorer.score(text);
        assertEquals(Sentiment.NEGATIVE, score.sentiment(), text);
        assertTrue(score.polarity() < -0.3, text + " polarity " + score.polarity());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The council meeting is scheduled for Thursday at 3pm in room 204",
            "New timetable for the number 12 bus starts on Monday",
            "The library will be closed on Friday for maintenance"})
    void plainStatementsAreNeutral(String text) {
        assertEquals(Sentiment.NEUTRAL, scorer.score(text).sentiment(), text);
    }

    @Test
    void negationTurnsPraiseDown() {
        double praise = scorer.score("I am happy with the new update").polarity();
        double negated = scorer.score("I am not happy with the new update").polarity();
        assertTrue(negated < praise - 0.3, "praise " + praise + ", negated " + negated);
        assertEquals(Sentiment.NEGATIVE, scorer.score("I am not happy with the new update").sentiment());
    }

    @Test
    void emojiMoveThePolarityTheWayTheyLook() {
        double plain = scorer.score("the results are in").polarity();
        double smiling = scorer.score("the results are in \uD83D\uDE0A").polarity();
        double angry = scorer.score("the results are in \uD83D\uDE20").polarity();
        assertTrue(smiling > plain + 0.1, "plain " + plain + ", smiling " + smiling);
        assertTrue(angry < plain - 0.1, "plain " + plain + ", angry " + angry);
        assertEquals(Sentiment.POSITIVE, scorer.score("finally home \uD83D\uDE0A\uD83D\uDE0A").sentiment());
    }

    @Test
    void explanationAddsUpToTheChosenClassLogit() {
        String text = "Sooo not impressed with this phone... #fail";
        Explanation explanation = scorer.explain(text);
        assertEquals(scorer.score(text), explanation.score());
        LinearModel model = LinearScorer.shippedModel();
        FeatureVector vector = new FeatureVector(false);
        LinearFeatures.standard(model.settings()).extract(new TweetTokens(NegatorSet.ENGLISH).tokenize(text), vector);
        float[] logits = new float[model.classCount()];
        model.scores(vector, logits);
        int chosen = 0;
        while (model.sentiment(chosen) != explanation.score().sentiment()) {
            chosen++;
        }
        double sum = explanation.contributions().stream().mapToDouble(Explanation.Contribution::weight).sum();
        assertEquals(logits[chosen], sum, 1e-4);
        assertTrue(explanation.contributions().stream().anyMatch(c -> c.feature().equals("word:~impressed")));
        double previous = Double.MAX_VALUE;
        for (Explanation.Contribution contribution : explanation.contributions()) {
            assertTrue(Math.abs(contribution.weight()) <= previous, "largest first");
            previous = Math.abs(contribution.weight());
        }
    }

    @Test
    void negatedNegativesAreNotNegativeAndTheExplanationShowsTheRule() {
        for (String text : new String[] {"This coffee is not bad at all", "never had a problem with them",
                "can't complain", "I don't hate it", "wasn't terrible"}) {
            assertNotEquals(Sentiment.NEGATIVE, scorer.score(text).sentiment(), text);
        }
        assertEquals(Sentiment.NEGATIVE, scorer.score("The app keeps crashing every time I open it").sentiment());
        assertEquals(Sentiment.NEGATIVE, scorer.score("\uD83D\uDE21\uD83D\uDE21").sentiment());

        Explanation explanation = scorer.explain("This coffee is not bad at all");
        Explanation.Contribution rule = explanation.contributions().stream()
                .filter(c -> c.feature().contains("'bad'")).findFirst().orElseThrow();
        assertTrue(rule.feature().startsWith("lexicon positive += "), rule.feature());
        assertTrue(rule.feature().contains("negated by 'not' (× -0.74)"), rule.feature());
        assertTrue(explanation.contributions().stream().noneMatch(c -> c.feature().equals("word:not")),
                "the negator's prior is not applied to a negation it explains");
    }

    @Test
    void polarityStaysInRangeForOddInput() {
        for (String text : new String[] {"", "   ", "!!!!!!!!", "\uD83D\uDE0A".repeat(200), "a".repeat(5000)}) {
            double polarity = scorer.score(text).polarity();
            assertTrue(polarity >= -1 && polarity <= 1, text + " gave " + polarity);
        }
    }

    @Test
    void theFactoryMakesItByNameAndItIsTheDefault() {
        assertEquals(LinearScorer.NAME, SentimentScorers.create("linear").name());
        assertEquals(LinearScorer.NAME, SentimentScorers.DEFAULT);
        assertThrows(IllegalArgumentException.class,
                () -> SentimentScorers.create("linear", java.util.Map.of("positiveThreshold", "0.1")));
    }

    @Test
    void shippedModelRecordsHowItWasMade() {
        LinearModel model = LinearScorer.shippedModel();
        assertTrue(model.metadata().get("command").startsWith("bin/dim train-sentiment "));
        assertEquals(64, model.metadata().get("training-data-sha256").length());
        assertFalse(model.metadata().get("C").isEmpty());
    }

    @Test
    void shippedModelReachesTheDevSplitTarget() throws IOException {
        assumeTrue(Files.isRegularFile(DEV), "needs ../shared/data");
        SentimentEvaluation evaluation = SentimentEvaluation.evaluate(scorer, SentimentEvaluation.readJsonLines(DEV));
        assertEquals(2000, evaluation.total());
        assertTrue(evaluation.macroRecall() >= 0.68, evaluation.toTable());
    }
}
