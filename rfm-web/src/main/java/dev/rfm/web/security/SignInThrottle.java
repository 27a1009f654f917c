package dev.rfm.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per user name: after {@value #FREE_FAILURES} failed sign-ins in a row, further
 * attempts for that name are refused unchecked until a back-off has passed — {@link #FIRST_BACK_OFF}, doubling with
 * every failure after it up to {@link #MAX_BACK_OFF}. A success starts the count again.
 *
 * <p>Kept in memory per server: with several servers an attacker gets that many attempts, and a restart forgets;
 * docs/SECURITY.md says so. Refusing without checking means a locked-out owner waits too — the price of not letting a
 * guesser learn anything while locked.
 */
final class SignInThrottle {

    static final int FREE_FAILURES = 10;
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(30);
    static final Duration MAX_BACK_OFF = Duration.ofMinutes(15);

    /** Names tracked at most: random names must not fill the memory. */
    private static final int MAX_NAMES = 100_000;

    private record State(int failures, Instant blockedUntil) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long attempts for {@code username} are still refused; zero when one may be checked now. */
    Duration refusedFor(String username) {
        State state = states.get(key(username));
        if (state == null || state.blockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), state.blockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    void failed(String username) {
        if (states.size() >= MAX_NAMES) {
            dropUnblocked();
        }
        states.compute(key(username), (name, state) -> {
            int failures = state == null ? 1 : state.failures() + 1;
            if (failures < FREE_FAILURES) {
                return new State(failures, null);
            }
            int doublings = Math.min(failures - FREE_FAILURES, 10);
            Duration backOff = FIRST_BACK_OFF.multipliedBy(1L << doublings);
            if (backOff.compareTo(MAX_BACK_OFF) > 0) {
                backOff = MAX_BACK_OFF;
            }
            return new State(failures, clock.instant().plus(backOff));
        });
    }

    void succeeded(String username) {
        states.remove(key(username));
    }

    private void dropUnblocked() {
        Instant now = clock.instant();
        states.values()
                .removeIf(s -> s.blockedUntil() == null || s.blockedUntil().isBefore(now));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
