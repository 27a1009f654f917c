package dev.rfm.analytics.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The default back-off, by hand: 30 s doubling to 1 h, given up 24 h after the batch was stored. */
class TriggerRetryTest {

    @Test
    void doublesFromThirtySecondsToAnHour() {
        TriggerRetry r = TriggerRetry.DEFAULT;
        assertThat(r.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(r.delayAfter(7)).isEqualTo(Duration.ofSeconds(1920)); // 30 * 2^6
        assertThat(r.delayAfter(8)).isEqualTo(Duration.ofHours(1)); // 3840 s capped
        assertThat(r.delayAfter(30)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void givesUpWhenTheNextAttemptFallsAfterTwentyFourHours() {
        TriggerRetry r = TriggerRetry.DEFAULT;
        LocalDateTime stored = LocalDateTime.of(2025, 1, 1, 0, 0);
        // attempt k+1 comes delay(k) after attempt k: attempt 8 at 30+60+...+1920 = 3810 s, then hourly; attempt
        // 8 + j at 3810 + 3600 j <= 86400 s for j <= 22, so attempt 30 (at 83010 s) is the last: the 31st would be at
        // 86610 s
        LocalDateTime at = stored;
        int failures = 0;
        while (true) {
            failures++;
            var next = r.nextAttempt(failures, at, stored);
            if (next.isEmpty()) break;
            at = next.get();
        }
        assertThat(failures).isEqualTo(30);
        assertThat(at).isEqualTo(stored.plusSeconds(3810 + 22 * 3600));
    }
}
