package io.datainmotion.bolts;

import java.util.Map;

import io.datainmotion.records.InvalidRecordException;
import io.datainmotion.records.RecordBatch;
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
 * Parses and validates the raw records of a {@link RecordBatch} from the tweets topic (as
 * {@link io.datainmotion.spouts.KafkaBatchSpout} emits them). The valid ones go on together as one
 * batch of {@link Tweet}s with their offsets; each invalid one becomes a dead letter with its reason.
 * Every emit is anchored to the input, which is acked once, after them.
 */
public class TweetValidationBolt extends BaseRichBolt {

    public static final String TWEETS = "tweets";

    private final TweetParser parser;
    private transient OutputCollector collector;
    private transient String componentId;
    private transient Counter in;
    private transient Counter valid;
    private transient Counter deadLettered;
    private transient TaskLog.Tally deadLetterLog;

    /** @param maxBytes the largest record value accepted (Flux property {@code tweets.max.bytes}) */
    public TweetValidationBolt(int maxBytes) {
        this.parser = new TweetParser(maxBytes);
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.componentId = context.getThisComponentId();
        this.deadLetterLog = TaskLog.of(TweetValidationBolt.class, topoConf, context).tally("invalid tweets dead-lettered");
        this.in = context.registerCounter("records.in");
        this.valid = context.registerCounter("records.valid");
        this.deadLettered = context.registerCounter("records.deadlettered");
    }

    @Override
    public void execute(Tuple input) {
        @SuppressWarnings("unchecked")
        RecordBatch<byte[]> records = (RecordBatch<byte[]>) input.getValue(0);
        RecordBatch.Builder<Tweet> tweets = RecordBatch.builder(records.topic(), records.partition(), records.size());
        int rejected = 0;
        InvalidRecordException lastProblem = null;
        for (int i = 0; i < records.size(); i++) {
            SourceRecord source = records.source(i);
            byte[] value = records.item(i);
            try {
                tweets.add(parser.parse(value, source::derivedId), source.offset());
            } catch (InvalidRecordException problem) {
                DeadLetters.emit(collector, input, componentId, source, value, problem);
                deadLettered.inc();
                rejected++;
                lastProblem = problem;
            }
        }
        if (rejected > 0) {
            deadLetterLog.add(rejected, "partition " + records.partition() + ": " + lastProblem);
        }
        in.inc(records.size());
        if (!tweets.isEmpty()) {
            RecordBatch<Tweet> batch = tweets.build();
            collector.emit(input, new Values(batch));
            valid.inc(batch.size());
        }
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TWEETS));
        DeadLetters.declare(declarer);
    }
}
