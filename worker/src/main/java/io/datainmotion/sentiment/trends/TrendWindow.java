package io.datainmotion.sentiment.trends;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One closed window of {@link SentimentTrends}: the record written to {@code sentiment-trends},
 * keyed by its start.
 */
@JsonPropertyOrder({"window_start", "window_end", "overall", "hashtags", "untracked_hashtags"})
public record TrendWindow(
        @JsonProperty("window_start") long windowStart,
        @JsonProperty("window_end") long windowEnd,
        @JsonProperty("overall") Trend overall,
        @JsonProperty("hashtags") List<HashtagTrend> hashtags,
        @JsonProperty("untracked_hashtags") long untrackedHashtags) {

    /** Label counts and mean polarity of a set of tweets. */
    @JsonPropertyOrder({"count", "positive", "negative", "neutral", "mean_polarity"})
    public record Trend(
            @JsonProperty("count") long count,
            @JsonProperty("positive") long positive,
            @JsonProperty("negative") long negative,
            @JsonProperty("neutral") long neutral,
            @JsonProperty("mean_polarity") double meanPolarity) {}

    /** The trend of the tweets carrying one hashtag. */
    @JsonPropertyOrder({"hashtag", "trend"})
    public record HashtagTrend(@JsonProperty("hashtag") String hashtag, @JsonProperty("trend") Trend trend) {}
}
