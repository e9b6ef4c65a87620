package io.datainmotion.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Post creation times as canonical ISO-8601 instants, whatever offset form the source used. */
final class Timestamps {

    private Timestamps() {}

    /** The instant as {@code 2025-11-24T16:00:00.123Z}, or null when it is not an ISO-8601 date-time. */
    static String isoInstantOrNull(String time) {
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(time).toString();
        } catch (DateTimeException notInstant) {
            try {
                return OffsetDateTime.parse(time).toInstant().toString();
            } catch (DateTimeException notOffset) {
                return null;
            }
        }
    }
}
