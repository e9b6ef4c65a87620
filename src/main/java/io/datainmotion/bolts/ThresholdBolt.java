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

    private final ThresholdMapping mapping;

    /** @param thresholdCelsius Flux property {@code sensors.threshold} */
    public ThresholdBolt(double thresholdCelsius) {
        super(SensorReading.class);
        this.mapping = new ThresholdMapping(thresholdCelsius);
        routedBy(thresholded -> thresholded.reading().sensorId());
    }

    @Override
    protected RecordStage<SensorReading, ThresholdedReading> createStage(Map<String, Object> topoConf) {
        return (reading, source) -> Outcome.accepted(new ThresholdedReading(reading, mapping.map(reading.temperatureCelsius())));
    }
}
