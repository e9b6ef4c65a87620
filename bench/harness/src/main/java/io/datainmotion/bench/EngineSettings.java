package io.datainmotion.bench;

import java.io.Serializable;
import java.util.Properties;

/**
 * What a peer needs to do the topology's work, read from the same Flux properties the topology runs
 * with: the broker, the topics and group of this run, the scorer, the producer's linger (so every
 * engine batches its output the same way) and how often input offsets are committed (the spout's
 * commit period: every engine makes its progress durable at the same pace).
 */
public record EngineSettings(String bootstrapServers, EngineTopics topics, ScorerChoice scorer, int lingerMs,
                             int commitPeriodMs) implements Serializable {

    public static EngineSettings from(Properties flux) {
        EngineTopics topics = new EngineTopics(required(flux, "topic.tweets"), required(flux, "topic.sentiment"),
                required(flux, "topic.deadletters"), required(flux, "topic.trends"), required(flux, "sentiment.consumer.group"));
        ScorerChoice scorer = new ScorerChoice(required(flux, "sentiment.scorer"),
                flux.getProperty("sentiment.scorer.settings", ""), Integer.parseInt(required(flux, "tweets.max.bytes")));
        return new EngineSettings(required(flux, "kafka.bootstrap.servers"), topics, scorer,
                Integer.parseInt(required(flux, "kafka.producer.linger.ms")),
                Integer.parseInt(required(flux, "kafka.spout.offset.commit.period.ms")));
    }

    /** The value of {@code key}, or a one-line reason why the engine cannot run without it. */
    static String required(Properties flux, String key) {
        String value = flux.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("the Flux properties lack " + key);
        }
        return value;
    }
}
