package io.datainmotion.bolts;

import java.util.Map;

import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.ThresholdMapping;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/**
 * Adds the threshold indicator (1.0 strictly above the threshold, else 0.0) to each reading; the
 * window bolt averages it into {@code fractionAboveThreshold}.
 */
public class ThresholdBolt extends BaseRichBolt {

    private final ThresholdMapping mapping;
    private transient OutputCollector collector;

    /** @param thresholdCelsius Flux property {@code sensors.threshold} */
    public ThresholdBolt(double thresholdCelsius) {
        this.mapping = new ThresholdMapping(thresholdCelsius);
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
    }

    @Override
    public void execute(Tuple input) {
        SensorReading reading = (SensorReading) input.getValueByField(SensorFields.READING);
        collector.emit(input, new Values(reading.sensorId(), reading, mapping.map(reading.temperatureCelsius()),
                input.getValueByField(SensorFields.SOURCE)));
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(SensorFields.SENSOR_ID, SensorFields.READING, SensorFields.ABOVE_THRESHOLD,
                SensorFields.SOURCE));
    }
}
