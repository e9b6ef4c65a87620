package io.datainmotion.dashboard;

import java.util.List;
import java.util.Properties;

/** The topics and settings the dashboard reads, named by the same Flux properties the topologies use. */
public record DashboardTopics(String tweets, String sentiment, String trends, String deadLetters,
                              String sensorReadings, String sensorAverages, String sensorAlerts,
                              double thresholdCelsius) {

    public static DashboardTopics from(Properties properties) {
        return new DashboardTopics(
                property(properties, "topic.tweets"), property(properties, "topic.sentiment"),
                property(properties, "topic.trends"), property(properties, "topic.deadletters"),
                property(properties, "topic.sensor.readings"), property(properties, "topic.sensor.averages"),
                property(properties, "topic.sensor.alerts"),
                Double.parseDouble(property(properties, "sensors.threshold")));
    }

    private static String property(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the properties lack " + key);
        }
        return value.strip();
    }

    /** The pipelines' output topics, which the dashboard reads record by record. */
    public List<String> outputs() {
        return List.of(sentiment, trends, deadLetters, sensorAverages, sensorAlerts);
    }
}
