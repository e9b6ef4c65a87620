package io.datainmotion.sentiment;

/**
 * A validated tweet. {@code createdAt} is the event time in epoch milliseconds, or {@link #NO_TIME}
 * when the record did not carry one.
 */
public record Tweet(String id, String text, long createdAt) {

    public static final long NO_TIME = Long.MIN_VALUE;

    public Tweet {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id is required");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
    }

    public boolean hasCreatedAt() {
        return createdAt != NO_TIME;
    }
}
