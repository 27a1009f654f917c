package dev.rfm.reports.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Occurrences worked out by hand on a calendar (2026-12-07 is a Monday; Europe/Berlin's clocks go forward on 2027-03-28). */
class DueTimesTest {

    static ScheduleSettings schedule(String cadence, String time, String day, Integer dayOfMonth) {
        return new ScheduleDraft(
                        "s", "standard", "en", List.of("a@example.com"), cadence, time, day, dayOfMonth, 0, true)
                .settings();
    }

    static LocalDateTime at(String text) {
        return LocalDateTime.parse(text);
    }

    @Test
    void daily() {
        ScheduleSettings s = schedule("DAILY", "08:00", null, null);
        assertThat(DueTimes.latestAtOrBefore(s, at("2026-12-07T07:59"))).contains(at("2026-12-06T08:00"));
        assertThat(DueTimes.latestAtOrBefore(s, at("2026-12-07T08:00"))).contains(at("2026-12-07T08:00"));
        assertThat(DueTimes.nextAfter(s, at("2026-12-07T08:00"))).contains(at("2026-12-08T08:00"));
        assertThat(DueTimes.nextAfter(s, at("2026-12-31T09:00"))).contains(at("2027-01-01T08:00"));
    }

    @Test
    void weeklyOnItsWeekday() {
        ScheduleSettings s = schedule("WEEKLY", "08:00", "WEDNESDAY", null);
        assertThat(DueTimes.latestAtOrBefore(s, at("2026-12-07T10:00"))).contains(at("2026-12-02T08:00"));
        assertThat(DueTimes.nextAfter(s, at("2026-12-07T10:00"))).contains(at("2026-12-09T08:00"));
        assertThat(DueTimes.latestAtOrBefore(s, at("2026-12-09T07:59"))).contains(at("2026-12-02T08:00"));
        assertThat(DueTimes.latestAtOrBefore(s, at("2026-12-09T08:00"))).contains(at("2026-12-09T08:00"));
        assertThat(DueTimes.nextAfter(s, at("2026-12-09T08:00"))).contains(at("2026-12-16T08:00"));
    }

    @Test
    void monthlyOnItsDay() {
        ScheduleSettings s = schedule("MONTHLY", "06:15", null, 28);
        assertThat(DueTimes.latestAtOrBefore(s, at("2027-03-01T00:00"))).contains(at("2027-02-28T06:15"));
        assertThat(DueTimes.nextAfter(s, at("2027-01-28T06:15"))).contains(at("2027-02-28T06:15"));
        assertThat(DueTimes.latestAtOrBefore(s, at("2027-01-05T00:00"))).contains(at("2026-12-28T06:15"));
    }

    @Test
    void aTimeSkippedByDaylightSavingIsDueOnceLocalTimePassedIt() {
        // 2027-03-28 02:30 does not exist in Europe/Berlin; at 03:00 local time it is due, and named once
        ScheduleSettings s = schedule("DAILY", "02:30", null, null);
        assertThat(DueTimes.latestAtOrBefore(s, at("2027-03-28T03:00"))).contains(at("2027-03-28T02:30"));
        assertThat(DueTimes.key(at("2027-03-28T02:30"))).isEqualTo("at:2027-03-28T02:30");
    }

    @Test
    void anAfterRunScheduleHasNoTimes() {
        ScheduleSettings s = schedule("AFTER_RUN", null, null, null);
        assertThat(DueTimes.latestAtOrBefore(s, at("2026-12-07T08:00"))).isEmpty();
        assertThat(DueTimes.nextAfter(s, at("2026-12-07T08:00"))).isEmpty();
    }
}
