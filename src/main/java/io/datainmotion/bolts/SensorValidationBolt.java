package io.datainmotion.bolts;

import java.util.Map;

import com.codahale.metrics.Counter;
import io.datainmotion.records.InvalidRecordException;
import io.datainmotion.records.RecordBatch;
import io.datainmotion.records.SourceRecord;
import io.datainmotion.sensors.ParseResult;
import io.datainmotion.sensors.ReadingParser;
import io.datainmotion.sensors.SensorReading;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;

/**
 * Parses the raw records of a {@link RecordBatch} of {@code sensor-readings} (as
 * {@link io.datainmotion.spouts.KafkaBatchSpout} and {@link io.datainmotion.spouts.SimulatedSensorSpout}
 * emit them) with the strict {@link ReadingParser}. The valid readings go on as a batch of
 * {@link SensorReading}s with their offsets, one per task of the fields-grouped receiver
 * ({@link SensorRouting}); anything else becomes a dead letter whose reason is a
 * {@link io.datainmotion.sensors.RejectReason} code. Every emit is anchored to the input batch, which
 * is acked once, after them.
 */
public class SensorValidationBolt extends BaseRichBolt {

    private final int maxBytes;
    private transient ReadingParser parser;
    private transient OutputCollector collector;
    private transient String componentId;
    private transient Counter valid;
    private transient Counter deadLettered;
    private transient TaskLog.Tally deadLetterLog;
    private transient SensorRouting routing;

    /** @param maxBytes the largest record value accepted (Flux property {@code sensors.max.bytes}) */
    public SensorValidationBolt(int maxBytes) {
        this.parser = new ReadingParser(maxBytes); // refuses a bad limit when the topology is built
        this.maxBytes = maxBytes;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.parser = new ReadingParser(maxBytes);
        this.collector = collector;
        this.componentId = context.getThisComponentId();
        this.deadLetterLog = TaskLog.of(SensorValidationBolt.class, topoConf, context).tally("invalid readings dead-lettered");
        this.valid = context.registerCounter("readings.valid");
        this.deadLettered = context.registerCounter("records.deadlettered");
        this.routing = SensorRouting.forStream(context, Utils.DEFAULT_STREAM_ID);
    }

    @Override
    public void execute(Tuple input) {
        @SuppressWarnings("unchecked")
        RecordBatch<byte[]> records = (RecordBatch<byte[]>) input.getValue(0);
        RecordBatch.Builder<SensorReading> readings = RecordBatch.builder(records.topic(), records.partition(), records.size());
        int rejectedCount = 0;
        String lastProblem = null;
        for (int i = 0; i < records.size(); i++) {
            SourceRecord source = records.source(i);
            byte[] value = records.item(i);
            ParseResult parsed = parser.parse(value);
            if (parsed instanceof ParseResult.Valid ok) {
                readings.add(ok.reading(), source.offset());
                valid.inc();
            } else {
                ParseResult.Rejected rejected = (ParseResult.Rejected) parsed;
                DeadLetters.emit(collector, input, componentId, source, value,
                        new InvalidRecordException(rejected.reason().code(), rejected.detail()));
                deadLettered.inc();
                rejectedCount++;
                lastProblem = rejected.reason().code() + ": " + rejected.detail();
            }
        }
        if (rejectedCount > 0) {
            deadLetterLog.add(rejectedCount, "partition " + records.partition() + ": " + lastProblem);
        }
        routing.emit(collector, input, readings.build(), SensorReading::sensorId);
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(SensorFields.SENSOR_ID, SensorFields.READINGS));
        DeadLetters.declare(declarer);
    }
}
