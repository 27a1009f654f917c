package dev.rfm.reports.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A clock the test moves by hand, in Europe/Berlin (a zone with daylight saving). */
final class TestClock extends Clock {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private volatile Instant now;

    TestClock(LocalDateTime start) {
        now = start.atZone(ZONE).toInstant();
    }

    void set(LocalDateTime local) {
        now = local.atZone(ZONE).toInstant();
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return now;
    }
}
