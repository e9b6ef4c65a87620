package io.datainmotion.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** X's documented reconnection delays, on a clock that only the test moves. */
class ReconnectPolicyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ReconnectPolicy policy = new ReconnectPolicy(clock);

    @Test
    void reconnectsAtOnceAfterAnEstablishedConnectionDrops() {
        policy.connected();
        assertEquals(Duration.ZERO, policy.afterDrop());
        assertEquals(Duration.ZERO, policy.current());
    }

    @Test
    void networkErrorsBackOffLinearlyBy250MillisecondsUpTo16Seconds() {
        List<Long> millis = repeat(70, policy::afterNetworkError);
        assertEquals(List.of(250L, 500L, 750L, 1000L), millis.subList(0, 4));
        assertEquals(16_000L, millis.get(63), "the 64th attempt reaches the cap");
        assertEquals(15_750L, millis.get(62));
        assertEquals(16_000L, millis.get(69), "and stays there");
    }

    @Test
    void httpErrorsBackOffExponentiallyFrom5SecondsUpTo320Seconds() {
        assertEquals(List.of(5_000L, 10_000L, 20_000L, 40_000L, 80_000L, 160_000L, 320_000L, 320_000L),
                repeat(8, policy::afterHttpError));
        assertEquals(Duration.ofSeconds(320), policy.current());
    }

    @Test
    void rateLimitsBackOffExponentiallyFromOneMinute() {
        assertEquals(List.of(60_000L, 120_000L, 240_000L, 480_000L, 960_000L, 960_000L),
                repeat(6, () -> policy.afterRateLimit(OptionalLong.empty())));
    }

    @Test
    void aRateLimitWaitsAtLeastUntilTheResetTime() {
        long now = clock.instant().getEpochSecond();
        assertEquals(Duration.ofSeconds(600), policy.afterRateLimit(OptionalLong.of(now + 600)),
                "the reset is later than the minute");
        assertEquals(Duration.ofSeconds(120), policy.afterRateLimit(OptionalLong.of(now + 30)),
                "the reset is earlier than the doubled wait");
        clock.advance(Duration.ofMillis(400));
        assertEquals(Duration.ofMillis(999_600), policy.afterRateLimit(OptionalLong.of(now + 1000)),
                "counted from the clock's now, to the millisecond");
    }

    @Test
    void aSuccessfulConnectionStartsEveryBackOffAfresh() {
        policy.afterNetworkError();
        policy.afterNetworkError();
        policy.afterHttpError();
        policy.afterHttpError();
        policy.afterRateLimit(OptionalLong.empty());
        policy.connected();
        assertEquals(Duration.ZERO, policy.current());
        assertEquals(Duration.ofMillis(250), policy.afterNetworkError());
        assertEquals(Duration.ofSeconds(5), policy.afterHttpError());
        assertEquals(Duration.ofMinutes(1), policy.afterRateLimit(OptionalLong.empty()));
    }

    @Test
    void eachKindOfFailureKeepsItsOwnSequence() {
        assertEquals(Duration.ofSeconds(5), policy.afterHttpError());
        assertEquals(Duration.ofMillis(250), policy.afterNetworkError());
        assertEquals(Duration.ofSeconds(10), policy.afterHttpError());
    }

    private static List<Long> repeat(int times, Supplier<Duration> attempt) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            millis.add(attempt.get().toMillis());
        }
        return millis;
    }
}
