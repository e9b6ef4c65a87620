package io.datainmotion.bolts;

import java.util.Map;

import io.datainmotion.batch.BatchStageBolt;
import io.datainmotion.batch.RecordStage;
import io.datainmotion.records.Outcome;
import io.datainmotion.sensors.SensorReading;
import io.datainmotion.sensors.ThresholdMapping;
import io.datainmotion.sensors.ThresholdedReading;

/**
 * Adds the threshold indicator (1.0 strictly above the threshold, else 0.0) to each reading; the window
 * bolt averages it into {@code fractionAboveThreshold}. The readings go on split by sensor id over the
 * tasks of the window bolt, as a fields grouping on the sensor id would send them.
 */
public class ThresholdBolt extends BatchStageBolt<SensorReading, ThresholdedReading> {

    private ThresholdMapping mapping;

    /** The threshold comes by name, as the Flux configMethod {@code withThreshold}; it is required. */
    public ThresholdBolt() {
        super(SensorReading.class);
        routedBy(thresholded -> thresholded.reading().sensorId());
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
    protected RecordStage<SensorReading, ThresholdedReading> createStage(Map<String, Object> topoConf) {
        requireThreshold();
        return (reading, source) -> Outcome.accepted(new ThresholdedReading(reading, mapping.map(reading.temperatureCelsius())));
    }
}
