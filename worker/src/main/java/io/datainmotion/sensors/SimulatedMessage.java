package io.datainmotion.sensors;

/** One record as a sensor gateway would publish it: Kafka key (the sensor id) and JSON value. */
public record SimulatedMessage(String key, String value) {
}
