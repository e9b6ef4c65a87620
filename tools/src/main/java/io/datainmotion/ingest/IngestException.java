package io.datainmotion.ingest;

/** Ingestion cannot go on (refused credentials, a rejected rule, a failed write); the message says why. */
public final class IngestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
