package io.datainmotion.bench;

import static io.datainmotion.bench.EngineSettings.required;

import java.util.Properties;

import io.datainmotion.sensors.AlertRule;
import io.datainmotion.sensors.ThresholdMapping;
import io.datainmotion.sensors.WindowConfig;

/**
 * What a peer needs to do the sensor topology's work, read from the same Flux properties the topology
 * runs with: the broker, the run's topics and group, the reading size limit, threshold, windows,
 * alert level, the producer's linger, and how often progress is made durable (the topology's
 * checkpoint interval, {@code sensors.checkpoint.interval.ms}).
 */
public record SensorSettings(String bootstrapServers, EngineTopics topics, int maxReadingBytes, WindowConfig windows,
                             ThresholdMapping threshold, AlertRule alertRule, int lingerMs, int commitPeriodMs) {

    public static SensorSettings from(Properties flux) {
        EngineTopics topics = new EngineTopics(required(flux, "topic.sensor.readings"), required(flux, "topic.sensor.averages"),
                required(flux, "topic.deadletters"), required(flux, "topic.sensor.alerts"), required(flux, "sensors.consumer.group"));
        double threshold = Double.parseDouble(required(flux, "sensors.threshold"));
        return new SensorSettings(required(flux, "kafka.bootstrap.servers"), topics,
                Integer.parseInt(required(flux, "sensors.max.bytes")), windows(flux), new ThresholdMapping(threshold),
                new AlertRule(Double.parseDouble(required(flux, "sensors.alert.fraction")), threshold),
                Integer.parseInt(required(flux, "kafka.producer.linger.ms")),
                Integer.parseInt(required(flux, "sensors.checkpoint.interval.ms")));
    }

    /** The windows the topology's window bolt is configured with ({@code sensors.window.seconds}, {@code sensors.allowed.lateness.seconds}). */
    public static WindowConfig windows(Properties flux) {
        return new WindowConfig(Long.parseLong(required(flux, "sensors.window.seconds")) * 1000,
                Long.parseLong(required(flux, "sensors.allowed.lateness.seconds")) * 1000);
    }
}
