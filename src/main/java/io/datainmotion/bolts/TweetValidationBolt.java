package io.datainmotion.bolts;

import java.util.Map;

import io.datainmotion.records.InvalidRecordException;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.sentiment.Tweet;
import io.datainmotion.sentiment.TweetParser;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import com.codahale.metrics.Counter;

/**
 * Parses and validates raw records from the tweets topic (the fields of storm-kafka-client's default
 * record translator: topic, partition, offset, key, value). A valid record goes on as a {@link Tweet}
 * with its {@link SourceRecord}; anything else becomes a dead letter with its reason. Every input is
 * acked once, after its one anchored emit.
 */
public class TweetValidationBolt extends BaseRichBolt {

    public static final String TWEET = "tweet";
    public static final String SOURCE = "source";

    private final TweetParser parser;
    private transient OutputCollector collector;
    private transient String componentId;
    private transient Counter in;
    private transient Counter valid;
    private transient Counter deadLettered;

    /** @param maxBytes the largest record value accepted (Flux property {@code tweets.max.bytes}) */
    public TweetValidationBolt(int maxBytes) {
        this.parser = new TweetParser(maxBytes);
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.componentId = context.getThisComponentId();
        this.in = context.registerCounter("records.in");
        this.valid = context.registerCounter("records.valid");
        this.deadLettered = context.registerCounter("records.deadlettered");
    }

    @Override
    public void execute(Tuple input) {
        in.inc();
        SourceRecord source = KafkaFields.source(input);
        byte[] value = KafkaFields.value(input);
        try {
            Tweet tweet = parser.parse(value, source::derivedId);
            collector.emit(input, new Values(tweet, source));
            valid.inc();
        } catch (InvalidRecordException problem) {
            DeadLetters.emit(collector, input, componentId, source, value, problem);
            deadLettered.inc();
        }
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TWEET, SOURCE));
        DeadLetters.declare(declarer);
    }
}
