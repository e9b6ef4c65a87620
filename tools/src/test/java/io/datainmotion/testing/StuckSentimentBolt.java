package io.datainmotion.testing;

import java.util.Map;

import io.datainmotion.bolts.SentimentBolt;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.sentiment.Tweet;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.tuple.Tuple;

/**
 * The sentiment bolt with a fault no replay cures: it fails every batch holding a tweet whose text
 * contains {@code marker}, every time, so only the spout's retry limit lets its partition move on.
 * Test wiring only.
 */
public class StuckSentimentBolt extends SentimentBolt {

    private final String marker;
    private transient OutputCollector collector;

    public StuckSentimentBolt(String scorerName, String settings, String marker) {
        super(scorerName, settings);
        this.marker = marker;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        super.prepare(topoConf, context, collector);
        this.collector = collector;
    }

    @Override
    public void execute(Tuple input) {
        RecordBatch<?> tweets = (RecordBatch<?>) input.getValue(0);
        for (int i = 0; i < tweets.size(); i++) {
            if (((Tweet) tweets.item(i)).text().contains(marker)) {
                collector.fail(input);
                return;
            }
        }
        super.execute(input);
    }
}
