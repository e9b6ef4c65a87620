package io.datainmotion.records;

/**
 * Why a record cannot be processed: a short machine-readable {@code reason} (such as
 * {@code invalid-json}), which is what dead letters are counted by, and a {@code detail} for people.
 * Bad input is expected traffic, so parsers return it as a value ({@link Outcome.Rejected}).
 */
public record Rejection(String reason, String detail) {

    /**
     * How a parser's inner steps stop at the first problem; the parser's entry point catches it and
     * returns the rejection as an {@link Outcome}, so it never leaves the parser. No stack trace is taken.
     */
    public static final class Raised extends RuntimeException {

        private final Rejection rejection;

        private Raised(Rejection rejection) {
            super(rejection.detail(), null, false, false);
            this.rejection = rejection;
        }

        public Rejection rejection() {
            return rejection;
        }
    }

    /** @return what to throw from an inner step of a parser */
    public Raised raise() {
        return new Raised(this);
    }
}
