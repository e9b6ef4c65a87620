package io.datainmotion.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How long to wait before the next connection attempt, following X's documented reconnection
 * strategy for streaming endpoints: at once after an established connection drops; after a failed
 * attempt, linearly (+250 ms a time, at most 16 s) for network errors, exponentially from 5 s to
 * 320 s for HTTP errors, and exponentially from 1 minute for HTTP 429, never before the
 * {@code x-rate-limit-reset} time. A successful connection starts every sequence afresh.
 *
 * <p>The clock is injected so that tests check the delays without sleeping. One reader thread owns
 * an instance; {@link #current()} may be read from any thread (metrics).
 */
public final class ReconnectPolicy {

    static final Duration NETWORK_STEP = Duration.ofMillis(250);
    static final Duration NETWORK_MAX = Duration.ofSeconds(16);
    static final Duration HTTP_FIRST = Duration.ofSeconds(5);
    static final Duration HTTP_MAX = Duration.ofSeconds(320);
    static final Duration RATE_LIMIT_FIRST = Duration.ofMinutes(1);
    /** X gives no ceiling for 429; past one 15-minute rate-limit window doubling further only delays recovery. */
    static final Duration RATE_LIMIT_MAX = Duration.ofMinutes(16);

    private final Clock clock;
    private int networkFailures;
    private int httpFailures;
    private int rateLimits;
    private volatile Duration current = Duration.ZERO;

    public ReconnectPolicy(Clock clock) {
        this.clock = clock;
    }

    /** A connection was established: the next failure starts each back-off from its first step. */
    public void connected() {
        networkFailures = 0;
        httpFailures = 0;
        rateLimits = 0;
        current = Duration.ZERO;
    }

    /** An established connection ended (dropped, stalled, closed by the server): reconnect at once. */
    public Duration afterDrop() {
        return remember(Duration.ZERO);
    }

    /** A connection attempt failed below HTTP (refused, reset, timed out, TLS). */
    public Duration afterNetworkError() {
        networkFailures++;
        return remember(min(NETWORK_STEP.multipliedBy(networkFailures), NETWORK_MAX));
    }

    /** The server answered an HTTP error worth retrying (5xx and the like). */
    public Duration afterHttpError() {
        httpFailures++;
        return remember(doubling(HTTP_FIRST, httpFailures, HTTP_MAX));
    }

    /**
     * The server answered 429.
     *
     * @param resetEpochSeconds the {@code x-rate-limit-reset} header, when present
     */
    public Duration afterRateLimit(OptionalLong resetEpochSeconds) {
        rateLimits++;
        Duration delay = doubling(RATE_LIMIT_FIRST, rateLimits, RATE_LIMIT_MAX);
        if (resetEpochSeconds.isPresent()) {
            Duration untilReset = Duration.ofSeconds(resetEpochSeconds.getAsLong()).minusMillis(clock.millis());
            if (untilReset.compareTo(delay) > 0) {
                delay = untilReset;
            }
        }
        return remember(delay);
    }

    /** The delay chosen last (zero once connected): the current back-off. */
    public Duration current() {
        return current;
    }

    private Duration remember(Duration delay) {
        current = delay;
        return delay;
    }

    private static Duration doubling(Duration first, int attempt, Duration max) {
        int doublings = Math.min(attempt - 1, 30);
        return min(first.multipliedBy(1L << doublings), max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
