package io.datainmotion.sentiment.linear;

import io.datainmotion.sentiment.SentimentScore;
import io.datainmotion.sentiment.training.SentimentEvaluation;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Speed work on the tokenizer, the features and the model must not change a single score: the shipped model's
 * label and exact polarity for the demo's sample lines and for {@link #EDGE_CASES} (written to reach every
 * tokenizer path), and a SHA-256 over the scores of every tweet of the dev split and the training file (when
 * {@code ../shared/data} is there), as {@code pinned-scores.tsv} recorded them. That file was written by
 * {@link #main} running on the classes from before the speed work (commit 8dc9069), so what is compared is
 * old code against new, recomputed on each run. A change meant to alter scores (a new model, new features)
 * regenerates the file with {@link #main}, from the project directory after {@code mvn test-compile}, and says so
 * in its commit:
 * <pre>
 * java -cp tools/target/test-classes:tools/target/classes:worker/target/classes:$(cat tools/target/test-classpath.txt) \
 *   io.datainmotion.sentiment.linear.PinnedScoresTest > tools/src/test/resources/io/datainmotion/sentiment/linear/pinned-scores.tsv
 * </pre>
 */
class PinnedScoresTest {

    private static final String PINNED = "pinned-scores.tsv";
    private static final String SAMPLES = "/io/datainmotion/samples/tweets.txt";
    private static final Path DATA = Path.of("..", "shared", "data");
    private static final List<String> SPLITS = List.of("tweeteval-sentiment-val.jsonl", "semeval-sentiment-train.jsonl");

    /**
     * Written for this test: elongation, capitals, accents and non-Latin letters, curly and straight
     * apostrophes, negators with and without apostrophe, contrast words, names, boosters, emoticons, emoji with
     * modifiers and surrogate pairs, hashtags, mentions, links, punctuation runs, and a text long enough to grow
     * every buffer.
     */
    static final List<String> EDGE_CASES = List.of(
            "",
            "   ",
            "!!!???...",
            "This coffee is not bad at all ☕",
            "I don’t hate it, I don't love it either",
            "dont cant wont isnt arent hardly barely scarcely nobody without",
            "It was good but the ending was terrible",
            "Although the food was great, the service was awful",
            "The movie was good, however the seats though",
            "SOOOOO HAPPPPYYYY!!! Loooovvveee it",
            "impressivee sooo goooood",
            "Ünïcödé ÀÉÎÕÜ straße İstanbul ΑΒΓ δεζ Москва",
            "We stayed at the Joy Hotel on Hope Road",
            "Happy Birthday to my Best Friend",
            "very good extremely bad slightly happy somewhat sad incredibly boring",
            ":) :-( ;p =D (: <3 </3 :and :D:D",
            "😡😡 👍🏽 ❤️ 😂😂😂 🇬🇧 1️⃣ 👨‍👩‍👧",
            "#blessed #NotHappy ##double # alone",
            "@user @ @@x http://example.com https://x.y/z?a=1 www.example.org/path",
            "RT @user: can't believe it's not butter... #win",
            "a'b 'quoted' don't' o'clock rock'n'roll l’amour",
            "numbers 123 4ever 2day 1st",
            "mixed\ttabs\nnewlines\u00a0nbsp\u2003emspace",
            "x".repeat(300) + " " + "not bad ".repeat(80) + "😍".repeat(40) + " @u".repeat(70));

    @Test
    void sampleLinesAndEdgeCasesScoreAsPinned() throws IOException {
        Map<String, String> pinned = pinned();
        SPLITS.forEach(pinned::remove);
        Map<String, String> now = scoredTexts();
        assertEquals(pinned.keySet(), now.keySet(), "the same texts are pinned as are scored");
        for (Map.Entry<String, String> entry : now.entrySet()) {
            assertEquals(pinned.get(entry.getKey()), entry.getValue(), entry.getKey());
        }
    }

    @Test
    void everyTweetOfTheSharedDataScoresAsPinned() throws IOException {
        Map<String, String> pinned = pinned();
        for (String split : SPLITS) {
            Path file = DATA.resolve(split);
            assumeTrue(Files.isReadable(file), file + " is absent");
            assertEquals(pinned.get(split), digestOfScores(file), "SHA-256 of the scores of every tweet in " + split);
        }
    }

    /** Writes {@code pinned-scores.tsv} to standard output, over the classes on the class path. */
    public static void main(String[] args) throws IOException {
        StringBuilder out = new StringBuilder();
        scoredTexts().forEach((key, score) -> out.append(key).append('\t').append(score).append('\n'));
        for (String split : SPLITS) {
            out.append(split).append('\t').append(digestOfScores(DATA.resolve(split))).append('\n');
        }
        System.out.print(out);
    }

    /** By key ({@code sample:<line>} or {@code edge:<index>}), "label polarity" with the polarity's exact digits. */
    private static Map<String, String> scoredTexts() throws IOException {
        LinearScorer scorer = new LinearScorer();
        Map<String, String> scores = new LinkedHashMap<>();
        List<String> samples = sampleLines();
        for (int i = 0; i < samples.size(); i++) {
            scores.put("sample:" + (i + 1), format(scorer.score(samples.get(i))));
        }
        for (int i = 0; i < EDGE_CASES.size(); i++) {
            scores.put("edge:" + i, format(scorer.score(EDGE_CASES.get(i))));
        }
        return scores;
    }

    private static String format(SentimentScore score) {
        return score.sentiment().label() + " " + score.polarity();
    }

    private static String digestOfScores(Path split) throws IOException {
        LinearScorer scorer = new LinearScorer();
        MessageDigest sha256 = sha256();
        for (SentimentEvaluation.LabelledText tweet : SentimentEvaluation.readJsonLines(split)) {
            SentimentScore score = scorer.score(tweet.text());
            sha256.update((score.sentiment().label() + " " + Long.toHexString(Double.doubleToRawLongBits(score.polarity()))
                    + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample file's lines as they are, malformed ones too: the scorer takes any text. */
    private static List<String> sampleLines() throws IOException {
        return lines(PinnedScoresTest.class.getResourceAsStream(SAMPLES), SAMPLES);
    }

    private static Map<String, String> pinned() throws IOException {
        Map<String, String> pinned = new LinkedHashMap<>();
        for (String line : lines(PinnedScoresTest.class.getResourceAsStream(PINNED), PINNED)) {
            int tab = line.indexOf('\t');
            pinned.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return pinned;
    }

    private static List<String> lines(InputStream in, String name) throws IOException {
        assertNotNull(in, name);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        }
    }
}
