package io.datainmotion.sentiment;

import io.datainmotion.sentiment.linear.LinearScorer;

import io.datainmotion.records.Outcome;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's sample tweets (hand-written for the project) against the label a person would give them, with the
 * default scorer. Where a person could fairly give either of two labels ("The movie was ok, nothing special"),
 * both are accepted: a notice of good news ("The library has extended its opening hours", "Parking is free after
 * 6pm on weekdays") reads as neutral or positive, as the training tweets' annotators split on such notices
 * (docs/sentiment-model.md, "Sample tweets"). Every one must get an accepted label.
 */
class SampleTweetsTest {

    private static final String SAMPLES = "/io/datainmotion/samples/tweets.txt";
    private static final Sentiment POS = Sentiment.POSITIVE;
    private static final Sentiment NEG = Sentiment.NEGATIVE;
    private static final Sentiment NEU = Sentiment.NEUTRAL;

    /** By id, or by the text's first words for the lines written as plain text. */
    private static final Map<String, Set<Sentiment>> EXPECTED = expected();

    private static Map<String, Set<Sentiment>> expected() {
        Map<String, Set<Sentiment>> expected = new HashMap<>();
        String[] positive = {"s001", "s005", "s008", "s010", "The bakery", "What a beautiful", "s016", "s021", "s024",
                "s026", "s029", "My sister", "The new park", "s037", "s040", "s043", "s045", "s048", "s050", "Loving the",
                "s056", "s060", "s063", "s065", "s068", "s070", "This little", "s076", "s077", "s080", "s083", "s085",
                "s088", "s090", "s093", "s095"};
        String[] negative = {"s002", "s006", "s009", "Not happy", "@support", "s017", "s020", "s022", "s025", "s028",
                "s030", "Stuck in", "s036", "s039", "s041", "s044", "s046", "s049", "Honestly", "s057", "s061", "s064",
                "s066", "My phone", "The heating", "s079", "s081", "s084", "s086", "s089", "s094", "s105", "s106"};
        String[] neutral = {"s003", "Reading a", "s007", "s018", "s023", "s027", "The museum", "Anyone know", "s042",
                "s047", "The bridge", "The quarterly", "s058", "s059", "s062", "The conference", "Today I learned",
                "s078", "s082", "s087", "s091"};
        for (String key : positive) {
            expected.put(key, Set.of(POS));
        }
        for (String key : negative) {
            expected.put(key, Set.of(NEG));
        }
        for (String key : neutral) {
            expected.put(key, Set.of(NEU));
        }
        // Either label is what a person might say.
        expected.put("s004", Set.of(POS, NEU));       // This coffee is not bad at all
        expected.put("s019", Set.of(NEU, NEG));       // The movie was ok, nothing special
        expected.put("s038", Set.of(NEU, POS));       // The library has extended its opening hours
        expected.put("s067", Set.of(NEU, POS));       // Parking is free after 6pm on weekdays
        expected.put("Our cat", Set.of(POS, NEU));    // Impressive and terrifying 😹
        expected.put("s069", Set.of(NEG, NEU));       // I'm not sure this plan is a good idea at all
        expected.put("s092", Set.of(NEU, NEG));       // The river path is flooded, use the upper trail instead
        expected.put("s102", Set.of(POS, NEU));       // Never had a problem with this bike shop
        expected.put("s103", Set.of(POS, NEU));       // Can't complain about the new office chairs
        expected.put("s104", Set.of(POS, NEU));       // I don't hate the new logo
        return expected;
    }

    @Test
    void sampleTweetsGetTheLabelAPersonWouldGive() throws IOException {
        LinearScorer scorer = new LinearScorer();
        TweetParser parser = new TweetParser(16_384);
        List<String> wrong = new ArrayList<>();
        int scored = 0;
        for (String line : sampleLines()) {
            if (!(parser.parse(line.getBytes(StandardCharsets.UTF_8), () -> "plain-text line")
                    instanceof Outcome.Accepted<Tweet> valid)) {
                continue; // deliberately malformed
            }
            Tweet tweet = valid.value();
            Set<Sentiment> accepted = expectedFor(tweet);
            Sentiment got = scorer.score(tweet.text()).sentiment();
            if (!accepted.contains(got)) {
                wrong.add(got.label() + " instead of " + accepted + ": " + tweet.text());
            }
            scored++;
        }
        assertEquals(EXPECTED.size(), scored, "every valid sample line has an expected label");
        assertTrue(wrong.isEmpty(), wrong.size() + " misses:\n" + String.join("\n", wrong));
    }

    private static Set<Sentiment> expectedFor(Tweet tweet) {
        Set<Sentiment> byId = EXPECTED.get(tweet.id());
        if (byId != null) {
            return byId;
        }
        for (Map.Entry<String, Set<Sentiment>> entry : EXPECTED.entrySet()) {
            if (tweet.text().startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        throw new AssertionError("no expected label for sample tweet: " + tweet.text());
    }

    private static List<String> sampleLines() throws IOException {
        try (InputStream in = SampleTweetsTest.class.getResourceAsStream(SAMPLES)) {
            assertNotNull(in, SAMPLES);
            List<String> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
