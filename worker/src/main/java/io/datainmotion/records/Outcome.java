package io.datainmotion.records;

/** What one step of a pipeline made of one record: a value, or the {@link Rejection} that stopped it. */
public sealed interface Outcome<T> {

    record Accepted<T>(T value) implements Outcome<T> {
    }

    record Rejected<T>(Rejection rejection) implements Outcome<T> {
    }

    static <T> Outcome<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Outcome<T> rejected(String reason, String detail) {
        return new Rejected<>(new Rejection(reason, detail));
    }
}
