package io.datainmotion.sentiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A tweet with its sentiment: the record written to the {@code twitter_sentiment} topic, keyed by
 * {@code id}. {@code source_*} name the input record, so a consumer can drop replays.
 */
@JsonPropertyOrder({"id", "tweet", "sentiment", "polarity", "scored_at", "created_at",
        "source_topic", "source_partition", "source_offset"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoredTweet(
        @JsonProperty("id") String id,
        @JsonProperty("tweet") String tweet,
        @JsonProperty("sentiment") Sentiment sentiment,
        @JsonProperty("polarity") double polarity,
        @JsonProperty("scored_at") long scoredAt,
        @JsonProperty("created_at") Long createdAt,
        @JsonProperty("source_topic") String sourceTopic,
        @JsonProperty("source_partition") int sourcePartition,
        @JsonProperty("source_offset") long sourceOffset) {

    /** Event time for windowing: when the tweet was created if known, else when it was scored. */
    @JsonIgnore
    public long eventTime() {
        return createdAt != null ? createdAt : scoredAt;
    }
}
