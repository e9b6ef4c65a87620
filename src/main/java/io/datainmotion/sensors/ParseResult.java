package io.datainmotion.sensors;

/** Outcome of {@link ReadingParser#parse}: a reading, or the reason there is none. */
public sealed interface ParseResult {

    record Valid(SensorReading reading) implements ParseResult {
    }

    /** {@code detail} is for people (names the field or quotes the parser); {@code reason} is for code. */
    record Rejected(RejectReason reason, String detail) implements ParseResult {
    }
}
