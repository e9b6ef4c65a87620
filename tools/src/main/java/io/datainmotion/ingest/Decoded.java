package io.datainmotion.ingest;

/**
 * What one message of a live source holds: a post, or something that is not a post (a keep-alive,
 * another event kind, an in-stream error notice), or a message that cannot be read.
 *
 * @param post the post, or null
 * @param position the source's resume position of this message (Jetstream's {@code time_us}), or
 *     {@link #NO_POSITION} for sources that cannot resume (X)
 * @param note what the message was when it is not a post: logged and counted, never silently dropped
 */
public record Decoded(LivePost post, long position, Kind kind, String note) {

    public static final long NO_POSITION = Long.MIN_VALUE;

    /** OTHER: not a post and nothing to report (Jetstream's other events); NOTICE: an in-stream message worth a warning. */
    public enum Kind { POST, OTHER, NOTICE, MALFORMED }

    static Decoded post(LivePost post, long position) {
        return new Decoded(post, position, Kind.POST, null);
    }

    static Decoded other(long position, String note) {
        return new Decoded(null, position, Kind.OTHER, note);
    }

    static Decoded notice(String note) {
        return new Decoded(null, NO_POSITION, Kind.NOTICE, note);
    }

    static Decoded malformed(String note) {
        return new Decoded(null, NO_POSITION, Kind.MALFORMED, note);
    }
}
