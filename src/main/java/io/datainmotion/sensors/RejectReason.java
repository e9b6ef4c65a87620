package io.datainmotion.sensors;

/** Why a record is not a usable reading: the machine-readable part of a dead letter. */
public enum RejectReason {
    /** Null, empty or blank record value. */
    EMPTY,
    /** Larger than the configured payload limit; not parsed at all. */
    TOO_LARGE,
    /** Not well-formed JSON (includes trailing garbage and duplicate field names). */
    NOT_JSON,
    /** Well-formed JSON, but not an object. */
    NOT_AN_OBJECT,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    /** A field has the wrong JSON type, e.g. a temperature given as text. */
    WRONG_TYPE,
    /** A temperature that is NaN or infinite (sent as "NaN"/"Infinity" or overflowing a double). */
    NOT_FINITE,
    /** Below absolute zero, or above what any sensor in this pipeline can measure. */
    IMPOSSIBLE_TEMPERATURE,
    BAD_UNIT,
    BAD_SENSOR_ID,
    BAD_TIMESTAMP,
    /** Valid, but its window had already been closed and emitted when it arrived. */
    LATE
}
