package io.datainmotion.bolts;

import java.util.Map;

import io.datainmotion.batch.BatchStageBolt;
import io.datainmotion.batch.RecordStage;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.sentiment.TweetParser;

/**
 * Parses and validates the raw records of the tweets topic: the valid ones go on as one batch of
 * {@link Tweet}s, each invalid one is a dead letter with its reason. A tweet without an id gets one
 * derived from its source, so that a replay gets the same id, and one without {@code created_at} its
 * record's Kafka timestamp.
 */
public class TweetValidationBolt extends BatchStageBolt<byte[], Tweet> {

    private final int maxBytes;

    /** @param maxBytes the largest record value accepted (Flux property {@code tweets.max.bytes}) */
    public TweetValidationBolt(int maxBytes) {
        super(byte[].class);
        new TweetParser(maxBytes); // refuses a bad limit when the topology is built
        this.maxBytes = maxBytes;
    }

    @Override
    protected RecordStage<byte[], Tweet> createStage(Map<String, Object> topoConf) {
        TweetParser parser = new TweetParser(maxBytes);
        return (value, source) -> parser.parse(value, source::derivedId,
                source.hasTimestamp() ? source.timestamp() : Tweet.NO_TIME);
    }
}
