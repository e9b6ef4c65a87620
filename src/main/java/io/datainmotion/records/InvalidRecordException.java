package io.datainmotion.records;

/**
 * Input that cannot be processed, with a short machine-readable reason (such as {@code invalid-json})
 * and a human-readable detail. Thrown by parsers and caught by the bolts, which dead-letter the record.
 * Bad input is expected traffic, so no stack trace is captured.
 */
public final class InvalidRecordException extends RuntimeException {

    private final String reason;

    public InvalidRecordException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    @Override
    public String toString() {
        return reason + ": " + getMessage();
    }
}
