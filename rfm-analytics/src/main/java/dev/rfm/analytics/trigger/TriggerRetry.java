package dev.rfm.analytics.trigger;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * How long a batch is retried when its receiver is down: the first retry after {@code first}, each later one after
 * twice the previous wait, at most {@code max}; a batch is FAILED when the next attempt would fall after {@code
 * giveUpAfter} from the start of its window (creation or replay). Defaults 30 s, 1 h, 24 h: about 30 attempts, so a
 * receiver down for a night still gets every batch. Tests use seconds.
 */
public record TriggerRetry(Duration first, Duration max, Duration giveUpAfter) {

    public static final TriggerRetry DEFAULT =
            new TriggerRetry(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24));

    public TriggerRetry {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("retry policy needs 0 < first <= max and giveUpAfter >= 0");
        }
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based). */
    public Duration delayAfter(int attempt) {
        Duration delay = first;
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) delay = delay.multipliedBy(2);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** When to try again after the {@code attempt}-th failure at {@code now}; empty when the window is over. */
    public Optional<LocalDateTime> nextAttempt(int attempt, LocalDateTime now, LocalDateTime windowStart) {
        LocalDateTime next = now.plus(delayAfter(attempt));
        return next.isAfter(windowStart.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }
}
