package dev.rfm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void tenFailuresInARowAreFreeThenAttemptsWaitThirtySecondsDoublingUpToFifteenMinutes() {
        for (int i = 1; i <= 9; i++) {
            throttle.failed("ann");
            assertThat(throttle.refusedFor("ann")).as("after failure " + i).isZero();
        }
        throttle.failed("ann");
        assertThat(throttle.refusedFor("ann")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.refusedFor("ANN")).as("names compare without case").isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.refusedFor("bob")).isZero();

        clock.now = clock.now.plusSeconds(30);
        assertThat(throttle.refusedFor("ann")).isZero();
        throttle.failed("ann"); // the 11th
        assertThat(throttle.refusedFor("ann")).isEqualTo(Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            clock.now = clock.now.plus(throttle.refusedFor("ann"));
            throttle.failed("ann");
        }
        assertThat(throttle.refusedFor("ann")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        for (int i = 0; i < 9; i++) throttle.failed("ann");
        throttle.succeeded("ann");
        throttle.failed("ann");
        assertThat(throttle.refusedFor("ann")).isZero();
    }

    @Test
    void rememberedCredentialsMatchOnlyTheSamePasswordAgainstTheSameStoredHashWithinFiveMinutes() {
        CredentialCache cache = new CredentialCache(clock);
        cache.remember("ann", "secret-password", "HASH-1");

        assertThat(cache.matches("ann", "secret-password", "HASH-1")).isTrue();
        assertThat(cache.matches("ann", "secret-passworD", "HASH-1")).isFalse();
        assertThat(cache.matches("ann", "secret-password", "HASH-2"))
                .as("changed on any server")
                .isFalse();
        assertThat(cache.matches("bob", "secret-password", "HASH-1")).isFalse();
        clock.now = clock.now.plus(CredentialCache.TIME_TO_LIVE).plusSeconds(1);
        assertThat(cache.matches("ann", "secret-password", "HASH-1")).isFalse();

        cache.remember("ann", "secret-password", "HASH-1");
        cache.forget("ann");
        assertThat(cache.matches("ann", "secret-password", "HASH-1")).isFalse();
    }
}
