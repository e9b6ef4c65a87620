package io.datainmotion.sensors;

import java.util.Locale;

/**
 * Why a record is not a usable reading: the machine-readable part of a dead letter, written as
 * {@link #code()} (kebab case, like the other dead-letter reasons of the project).
 */
public enum RejectReason {
    /** The record has no value at all. */
    NULL_VALUE,
    /** Empty or blank value. */
    EMPTY,
    /** Larger than the configured payload limit; not parsed at all. */
    TOO_LARGE,
    INVALID_UTF8,
    /** Not well-formed JSON (includes trailing content, duplicate field names and bare NaN). */
    INVALID_JSON,
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
    LATE;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
