package io.datainmotion.bolts;

import java.util.Map;

import io.datainmotion.batch.BatchStageBolt;
import io.datainmotion.batch.RecordStage;
import io.datainmotion.sensors.ReadingParser;
import io.datainmotion.sensors.SensorReading;

/**
 * Parses the raw records of {@code sensor-readings} with the strict {@link ReadingParser}: the valid
 * readings go on as one batch, anything else is a dead letter whose reason is a
 * {@link io.datainmotion.sensors.RejectReason} code.
 */
public class SensorValidationBolt extends BatchStageBolt<byte[], SensorReading> {

    private final int maxBytes;

    /** @param maxBytes the largest record value accepted (Flux property {@code sensors.max.bytes}) */
    public SensorValidationBolt(int maxBytes) {
        super(byte[].class);
        new ReadingParser(maxBytes); // refuses a bad limit when the topology is built
        this.maxBytes = maxBytes;
    }

    @Override
    protected RecordStage<byte[], SensorReading> createStage(Map<String, Object> topoConf) {
        ReadingParser parser = new ReadingParser(maxBytes);
        return (value, source) -> parser.parse(value);
    }
}
