package dev.rfm.reports.delivery;

import java.time.Duration;

/**
 * How often and how long a report is retried when the SMTP server is down or refuses it: the first retry after
 * {@code first}, each later one after twice the previous wait, at most {@code max}; after {@code attempts} attempts
 * the report is FAILED. Defaults 1 min, 60 min, 10 attempts (about 6 hours in all).
 */
public record RetryPolicy(Duration first, Duration max, int attempts) {

    public RetryPolicy {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("retry policy needs 0 < first <= max and attempts >= 1");
        }
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based). */
    public Duration delayAfter(int attempt) {
        Duration delay = first;
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) delay = delay.multipliedBy(2);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
