package io.datainmotion.sentiment.trends;

import io.datainmotion.sentiment.Sentiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live sentiment trends: per event-time tumbling window, the count of each label and the mean
 * polarity, overall and for the window's most frequent hashtags.
 *
 * <p>A window closes when the watermark passes its end, or when {@link #closeAll} is called because
 * the input went idle. Event time only rises within one source (a Kafka partition): partitions are
 * read in batches, so across them tweets interleave far out of order. The watermark is therefore the
 * lowest of the sources' latest event times, minus the allowed lateness, as in Flink's per-partition
 * watermarks. State is one
 * small accumulator per open window and tracked hashtag, never the tweets themselves; at most
 * {@code maxTrackedHashtags} hashtags are tracked per window (later new ones are counted as
 * untracked). Not thread-safe: one instance per bolt task.
 */
public final class SentimentTrends {

    /** How trends are windowed; validated on construction so a bad topology fails when it is built. */
    public record Settings(long windowMillis, long allowedLatenessMillis, int topHashtags, int maxTrackedHashtags)
            implements java.io.Serializable {
        public Settings {
            if (windowMillis <= 0 || allowedLatenessMillis < 0 || topHashtags < 0 || maxTrackedHashtags < topHashtags) {
                throw new IllegalArgumentException(
                        "trends need window > 0, lateness >= 0 and 0 <= top hashtags <= tracked hashtags: " + this);
            }
        }
    }

    private final long windowMillis;
    private final long allowedLatenessMillis;
    private final int topHashtags;
    private final int maxTrackedHashtags;
    private final TreeMap<Long, Window> open = new TreeMap<>();
    private final Map<String, long[]> latestEventTimeBySource = new HashMap<>();
    private long closedUpTo = Long.MIN_VALUE;
    private long late;

    public SentimentTrends(Settings settings) {
        this.windowMillis = settings.windowMillis();
        this.allowedLatenessMillis = settings.allowedLatenessMillis();
        this.topHashtags = settings.topHashtags();
        this.maxTrackedHashtags = settings.maxTrackedHashtags();
    }

    /**
     * Adds one scored tweet from {@code source} and returns the windows this closed, oldest first. A
     * tweet for an already closed window is counted as late and otherwise ignored.
     */
    public List<TrendWindow> add(String source, long eventTime, Sentiment sentiment, double polarity,
            List<String> hashtags) {
        long start = Math.floorDiv(eventTime, windowMillis) * windowMillis;
        if (start + windowMillis <= closedUpTo) {
            late++;
            return List.of();
        }
        Window window = open.computeIfAbsent(start, Window::new);
        window.overall.add(sentiment, polarity);
        for (String tag : hashtags) {
            Counts counts = window.hashtags.get(tag);
            if (counts == null) {
                if (window.hashtags.size() >= maxTrackedHashtags) {
                    window.untrackedHashtags++;
                    continue;
                }
                counts = new Counts();
                window.hashtags.put(tag, counts);
            }
            counts.add(sentiment, polarity);
        }
        long[] latest = latestEventTimeBySource.computeIfAbsent(source, s -> new long[] {Long.MIN_VALUE});
        latest[0] = Math.max(latest[0], eventTime);
        long lowest = Long.MAX_VALUE;
        for (long[] sourceLatest : latestEventTimeBySource.values()) {
            lowest = Math.min(lowest, sourceLatest[0]);
        }
        return closeUpTo(lowest - allowedLatenessMillis);
    }

    /** Closes every window that ends at or before {@code watermark}, oldest first. */
    public List<TrendWindow> closeUpTo(long watermark) {
        List<TrendWindow> closed = new ArrayList<>();
        while (!open.isEmpty() && open.firstKey() + windowMillis <= watermark) {
            closed.add(result(open.pollFirstEntry().getValue()));
        }
        if (watermark > closedUpTo) {
            closedUpTo = watermark;
        }
        return closed;
    }

    /** Closes every open window: the input went idle, so no more events are expected for them. */
    public List<TrendWindow> closeAll() {
        if (open.isEmpty()) {
            return List.of();
        }
        return closeUpTo(open.lastKey() + windowMillis);
    }

    public int openWindows() {
        return open.size();
    }

    /** How many tweets arrived after their window had closed. */
    public long lateTweets() {
        return late;
    }

    private TrendWindow result(Window window) {
        List<TrendWindow.HashtagTrend> top = window.hashtags.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Counts> e) -> e.getValue().total()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(topHashtags)
                .map(e -> new TrendWindow.HashtagTrend(e.getKey(), e.getValue().toTrend()))
                .toList();
        return new TrendWindow(window.start, window.start + windowMillis, window.overall.toTrend(), top,
                window.untrackedHashtags);
    }

    private static final class Window {
        final long start;
        final Counts overall = new Counts();
        final Map<String, Counts> hashtags = new HashMap<>();
        long untrackedHashtags;

        Window(long start) {
            this.start = start;
        }
    }

    private static final class Counts {
        long positive;
        long negative;
        long neutral;
        double polaritySum;

        void add(Sentiment sentiment, double polarity) {
            switch (sentiment) {
                case POSITIVE -> positive++;
                case NEGATIVE -> negative++;
                case NEUTRAL -> neutral++;
            }
            polaritySum += polarity;
        }

        long total() {
            return positive + negative + neutral;
        }

        TrendWindow.Trend toTrend() {
            return new TrendWindow.Trend(total(), positive, negative, neutral, total() == 0 ? 0 : polaritySum / total());
        }
    }
}
