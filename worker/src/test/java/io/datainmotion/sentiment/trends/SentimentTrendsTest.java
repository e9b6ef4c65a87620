package io.datainmotion.sentiment.trends;

import static io.datainmotion.sentiment.Sentiment.NEGATIVE;
import static io.datainmotion.sentiment.Sentiment.NEUTRAL;
import static io.datainmotion.sentiment.Sentiment.POSITIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SentimentTrendsTest {

    /** 10 s windows, 2 s lateness, top 2 hashtags. */
    private final SentimentTrends trends = new SentimentTrends(new SentimentTrends.Settings(10_000, 2_000, 2, 3));

    @Test
    void windowClosesOnceTheWatermarkPassesItsEndWithExactCountsAndMean() {
        assertEquals(List.of(), trends.add("p0", 1_000, POSITIVE, 0.5, List.of("a", "b")));
        assertEquals(List.of(), trends.add("p0", 4_000, NEGATIVE, -0.25, List.of("a")));
        assertEquals(List.of(), trends.add("p0", 9_999, NEUTRAL, 0.0, List.of("c")));
        assertEquals(List.of(), trends.add("p0", 11_999, POSITIVE, 1.0, List.of()), "watermark 9,999 < 10,000");

        List<TrendWindow> closed = trends.add("p0", 12_000, POSITIVE, 0.2, List.of());
        assertEquals(1, closed.size());
        TrendWindow window = closed.get(0);
        assertEquals(0, window.windowStart());
        assertEquals(10_000, window.windowEnd());
        assertEquals(new TrendWindow.Trend(3, 1, 1, 1, 0.25 / 3), window.overall());
        assertEquals(List.of(
                new TrendWindow.HashtagTrend("a", new TrendWindow.Trend(2, 1, 1, 0, 0.125)),
                new TrendWindow.HashtagTrend("b", new TrendWindow.Trend(1, 1, 0, 0, 0.5))), window.hashtags(),
                "most frequent first, ties by name, only the top 2");
        assertEquals(1, trends.openWindows());
    }

    @Test
    void lateTweetIsCountedNotAddedToAClosedWindow() {
        trends.add("p0", 1_000, POSITIVE, 0.5, List.of());
        assertEquals(1, trends.add("p0", 25_000, NEUTRAL, 0.0, List.of()).size());
        assertEquals(List.of(), trends.add("p0", 9_000, NEGATIVE, -1.0, List.of()));
        assertEquals(1, trends.lateTweets());
        TrendWindow next = trends.closeAll().get(0);
        assertEquals(20_000, next.windowStart());
        assertEquals(1, next.overall().count());
    }

    @Test
    void outOfOrderWithinLatenessStillCounts() {
        trends.add("p0", 11_000, POSITIVE, 0.5, List.of());
        trends.add("p0", 9_500, NEGATIVE, -0.5, List.of());
        TrendWindow first = trends.add("p0", 12_500, NEUTRAL, 0.0, List.of()).get(0);
        assertEquals(new TrendWindow.Trend(1, 0, 1, 0, -0.5), first.overall());
    }

    @Test
    void slowestSourceHoldsTheWatermark() {
        trends.add("p0", 1_000, POSITIVE, 0.5, List.of());
        trends.add("p1", 2_000, POSITIVE, 0.5, List.of());
        assertEquals(List.of(), trends.add("p0", 50_000, POSITIVE, 0.5, List.of()), "p1 is still at 2,000");
        assertEquals(List.of(), trends.add("p1", 5_000, NEGATIVE, -0.5, List.of()), "p1 at 5,000 keeps the first window open");
        List<TrendWindow> closed = trends.add("p1", 12_000, NEUTRAL, 0.0, List.of());
        assertEquals(1, closed.size());
        assertEquals(3, closed.get(0).overall().count());
        assertEquals(0, trends.lateTweets());
    }

    @Test
    void sourceFirstSeenAfterAWindowClosedIsLateForIt() {
        trends.add("p0", 35_000, POSITIVE, 0.5, List.of());
        trends.add("p1", 5_000, NEGATIVE, -0.5, List.of());
        assertEquals(1, trends.lateTweets());
    }

    @Test
    void closeAllFlushesEveryOpenWindowOldestFirst() {
        trends.add("p1", 5_000, NEGATIVE, -0.5, List.of());
        trends.add("p0", 35_000, POSITIVE, 0.5, List.of());
        List<TrendWindow> closed = trends.closeAll();
        assertEquals(List.of(0L, 30_000L), closed.stream().map(TrendWindow::windowStart).toList());
        assertEquals(0, trends.openWindows());
        assertEquals(List.of(), trends.closeAll());
    }

    @Test
    void hashtagsBeyondTheTrackingBoundAreOnlyCounted() {
        trends.add("p0", 1_000, POSITIVE, 0.5, List.of("a", "b", "c", "d", "e"));
        TrendWindow window = trends.closeAll().get(0);
        assertEquals(2, window.untrackedHashtags());
        assertEquals(2, window.hashtags().size());
    }

    @Test
    void negativeEventTimesFallInTheRightWindow() {
        trends.add("p0", -1, POSITIVE, 0.5, List.of());
        assertEquals(-10_000, trends.closeAll().get(0).windowStart());
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SentimentTrends.Settings(0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SentimentTrends.Settings(1, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SentimentTrends.Settings(1, 0, 5, 4));
        assertTrue(new SentimentTrends.Settings(1, 0, 0, 0).windowMillis() > 0);
    }
}
