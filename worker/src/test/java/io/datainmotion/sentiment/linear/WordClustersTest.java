package io.datainmotion.sentiment.linear;

import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.tokens.TweetTokens;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordClustersTest {

    private static WordClusters of(String tsv) {
        return new WordClusters(tsv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void looksWordsUpByTheTokenizersHash() {
        WordClusters clusters = of("awful\t3\ngreat\t7\nterrible\t3\n");

        assertEquals(3, clusters.size());
        assertEquals(7, clusters.clusterOf(TweetTokens.hashOf("great")));
        assertEquals(clusters.clusterOf(TweetTokens.hashOf("awful")), clusters.clusterOf(TweetTokens.hashOf("terrible")));
        assertEquals(-1, clusters.clusterOf(TweetTokens.hashOf("fine")));
    }

    @Test
    void everyShippedWordFindsItsOwnCluster() throws Exception {
        byte[] tsv;
        try (var in = WordClusters.class.getResourceAsStream(WordClusters.RESOURCE)) {
            tsv = in.readAllBytes();
        }
        WordClusters shipped = WordClusters.standard();
        String[] lines = new String(tsv, StandardCharsets.UTF_8).split("\n");
        assertEquals(lines.length, shipped.size());
        for (String line : lines) {
            String[] parts = line.split("\t");
            assertEquals(Integer.parseInt(parts[1]), shipped.clusterOf(TweetTokens.hashOf(parts[0])), line);
        }
        assertEquals(shipped.sha256(), of(new String(tsv, StandardCharsets.UTF_8)).sha256());
        assertNotEquals(shipped.sha256(), of("great\t7\n").sha256());
    }

    @Test
    void refusesAMalformedOrRepeatedEntryInOneLine() {
        for (String bad : List.of("great\n", "great\tseven\n", "great\t-1\n", "great\t40000\n", "\t7\n")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(bad), bad);
            assertTrue(e.getMessage().startsWith("word clusters: expected 'word TAB cluster"), e.getMessage());
            assertEquals(-1, e.getMessage().indexOf('\n'));
        }
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class, () -> of("great\t7\ngreat\t8\n"));
        assertEquals("word clusters: repeated word or hash: great", repeated.getMessage());
    }

    @Test
    void aModelTrainedWithOtherClustersIsRefused() {
        LinearFeatures.Settings settings = LinearFeatures.Settings.DEFAULT;
        LinearModel model = new LinearModel(settings, Map.of(LinearModel.WORD_CLUSTERS, "00ff"),
                List.of(Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE), new float[3],
                new float[DenseFeature.COUNT * 3], new int[0], new float[0]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LinearScorer(model));
        assertEquals("the model was trained with word clusters of sha256 00ff, this build has "
                + WordClusters.standard().sha256() + ": retrain it", e.getMessage());
    }
}
