package io.datainmotion.bolts;

import java.util.Map;

import io.datainmotion.batch.KeyedBatchRouter;
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
 * the window bolt averages it into {@code fractionAboveThreshold}. Emits the batch split by sensor id over
 * the tasks of the window bolt ({@link KeyedBatchRouter}: a fields grouping on the sensor id, for
 * batches), anchored to the input.
 */
public class ThresholdBolt extends BaseRichBolt {

    private ThresholdMapping mapping;
    private transient OutputCollector collector;
    private transient KeyedBatchRouter routing;

    /** The threshold comes by name, as the Flux configMethod {@code withThreshold}; it is required. */
    public ThresholdBolt() {
    }

    /** @param celsius Flux property {@code sensors.threshold} */
    public ThresholdBolt withThreshold(double celsius) {
        this.mapping = new ThresholdMapping(celsius);
        return this;
    }

    /** Refuses a bolt without its threshold when the topology is built (see {@link SensorWindowBolt}). */
    @Override
    public Map<String, Object> getComponentConfiguration() {
        requireThreshold();
        return super.getComponentConfiguration();
    }

    private void requireThreshold() {
        if (mapping == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs the configMethod [withThreshold]");
        }
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        requireThreshold();
        this.collector = collector;
        this.routing = KeyedBatchRouter.forStream(context, Utils.DEFAULT_STREAM_ID);
    }

    @Override
    public void execute(Tuple input) {
        @SuppressWarnings("unchecked")
        RecordBatch<SensorReading> readings = (RecordBatch<SensorReading>) input.getValueByField(SensorFields.READINGS);
        RecordBatch.Builder<ThresholdedReading> mapped = RecordBatch.derivedFrom(readings, readings.size());
        for (int i = 0; i < readings.size(); i++) {
            SensorReading reading = readings.item(i);
            mapped.add(new ThresholdedReading(reading, mapping.map(reading.temperatureCelsius())), readings.offset(i));
        }
        routing.emit(collector, input, mapped.build(), thresholded -> thresholded.reading().sensorId());
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(true, new Fields(SensorFields.READINGS));
    }
}
