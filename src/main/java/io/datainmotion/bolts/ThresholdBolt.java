package io.datainmotion.bolts;

import java.util.Map;

import io.datainmotion.records.RecordBatch;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.ThresholdMapping;
import io.datainmotion.sensors.ThresholdedReading;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;

/**
 * Adds the threshold indicator (1.0 strictly above the threshold, else 0.0) to each reading of a batch;
 * the window bolt averages it into {@code fractionAboveThreshold}. Emits the batch split per task of the
 * fields-grouped window bolt ({@link SensorRouting}), anchored to the input.
 */
public class ThresholdBolt extends BaseRichBolt {

    private final ThresholdMapping mapping;
    private transient OutputCollector collector;
    private transient SensorRouting routing;

    /** @param thresholdCelsius Flux property {@code sensors.threshold} */
    public ThresholdBolt(double thresholdCelsius) {
        this.mapping = new ThresholdMapping(thresholdCelsius);
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.routing = SensorRouting.forStream(context, Utils.DEFAULT_STREAM_ID);
        TaskLog.of(ThresholdBolt.class, topoConf, context).info("marking readings above {} C", mapping.thresholdCelsius());
    }

    @Override
    public void execute(Tuple input) {
        @SuppressWarnings("unchecked")
        RecordBatch<SensorReading> readings = (RecordBatch<SensorReading>) input.getValueByField(SensorFields.READINGS);
        RecordBatch.Builder<ThresholdedReading> mapped = RecordBatch.builder(readings.topic(), readings.partition(), readings.size());
        for (int i = 0; i < readings.size(); i++) {
            SensorReading reading = readings.item(i);
            mapped.add(new ThresholdedReading(reading, mapping.map(reading.temperatureCelsius())), readings.offset(i));
        }
        routing.emit(collector, input, mapped.build(), thresholded -> thresholded.reading().sensorId());
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(SensorFields.SENSOR_ID, SensorFields.READINGS));
    }
}
