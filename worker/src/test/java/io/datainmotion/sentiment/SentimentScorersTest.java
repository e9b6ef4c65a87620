package io.datainmotion.sentiment;

import io.datainmotion.sentiment.vader.VaderScorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SentimentScorersTest {

    @Test
    void createsVaderWithTheReadmeThresholdsByDefault() {
        VaderScorer vader = assertInstanceOf(VaderScorer.class, SentimentScorers.create("vader"));
        assertEquals("vader", vader.name());
        assertEquals(0.05, vader.positiveThreshold());
        assertEquals(-0.05, vader.negativeThreshold());
    }

    @Test
    void takesThresholdSettings() {
        VaderScorer vader = assertInstanceOf(VaderScorer.class, SentimentScorers.create("vader",
                Map.of("positiveThreshold", "0.3", "negativeThreshold", " -0.2 ")));
        assertEquals(0.3, vader.positiveThreshold());
        assertEquals(-0.2, vader.negativeThreshold());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SentimentScorers.create("textblob"));
        assertTrue(e.getMessage().contains("textblob") && e.getMessage().contains("vader"), e.getMessage());
        assertTrue(SentimentScorers.names().contains("vader"));
    }

    @Test
    void rejectsUnknownAndMalformedSettings() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SentimentScorers.create("vader", Map.of("alpha", "15")));
        assertTrue(unknown.getMessage().contains("alpha") && unknown.getMessage().contains("positiveThreshold"),
                unknown.getMessage());
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> SentimentScorers.create("vader", Map.of("positiveThreshold", "high")));
        assertTrue(malformed.getMessage().contains("high"), malformed.getMessage());
    }
}
