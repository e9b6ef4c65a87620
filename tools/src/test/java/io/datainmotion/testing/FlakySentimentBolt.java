package io.datainmotion.testing;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.datainmotion.bolts.SentimentBolt;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRecord;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.tuple.Tuple;

/**
 * The sentiment bolt with injected faults: it fails a random share of its input batches on their
 * first attempt (recognised by the source of their first record), so the spout must replay them.
 * Test wiring only.
 */
public class FlakySentimentBolt extends SentimentBolt {

    private final int failurePercent;
    private final long seed;
    private transient Random random;
    private transient Set<SourceRecord> failedOnce;
    private transient OutputCollector collector;

    public FlakySentimentBolt(String scorerName, String settings, int failurePercent, long seed) {
        super(scorerName, settings);
        this.failurePercent = failurePercent;
        this.seed = seed;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        super.prepare(topoConf, context, collector);
        this.collector = collector;
        this.random = new Random(seed + context.getThisTaskId());
        this.failedOnce = new HashSet<>();
    }

    @Override
    public void execute(Tuple input) {
        SourceRecord source = ((RecordBatch<?>) input.getValue(0)).source(0);
        if (!failedOnce.contains(source) && random.nextInt(100) < failurePercent) {
            failedOnce.add(source);
            FlakyCounter.FAILED.incrementAndGet();
            collector.fail(input);
            return;
        }
        super.execute(input);
    }
}
