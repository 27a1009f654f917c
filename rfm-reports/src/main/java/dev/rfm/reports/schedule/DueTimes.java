package dev.rfm.reports.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * When a timed schedule is due, in server-local wall-clock time. Working with local date-times makes the occurrences
 * DST-safe: an occurrence is a local date and time, named once ({@link #key}), so the hour that repeats in autumn
 * gives one report, and a time skipped in spring (02:30 on the day clocks go forward) is due as soon as local time has
 * passed it.
 */
public final class DueTimes {

    private DueTimes() {}

    /** The newest occurrence at or before {@code now}; empty for an after-run schedule. */
    public static Optional<LocalDateTime> latestAtOrBefore(ScheduleSettings s, LocalDateTime now) {
        if (!s.cadence().timed()) return Optional.empty();
        LocalDateTime candidate = onPeriodOf(s, now.toLocalDate());
        return Optional.of(candidate.isAfter(now) ? previousPeriod(s, candidate) : candidate);
    }

    /** The first occurrence after {@code now}; empty for an after-run schedule. */
    public static Optional<LocalDateTime> nextAfter(ScheduleSettings s, LocalDateTime now) {
        if (!s.cadence().timed()) return Optional.empty();
        LocalDateTime candidate = onPeriodOf(s, now.toLocalDate());
        return Optional.of(candidate.isAfter(now) ? candidate : nextPeriod(s, candidate));
    }

    /** The occurrence's name in the archive's unique key, e.g. {@code at:2026-12-07T08:00}. */
    public static String key(LocalDateTime occurrence) {
        return "at:" + occurrence.withSecond(0).withNano(0);
    }

    /** The occurrence in the day, week or month that contains {@code day}. */
    private static LocalDateTime onPeriodOf(ScheduleSettings s, LocalDate day) {
        LocalDate date =
                switch (s.cadence()) {
                    case DAILY -> day;
                    case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(s.dayOfWeek()));
                    case MONTHLY -> day.withDayOfMonth(s.dayOfMonth()); // 1..28 exists in every month
                    case AFTER_RUN -> throw new IllegalStateException("an after-run schedule has no time");
                };
        return date.atTime(s.time());
    }

    private static LocalDateTime previousPeriod(ScheduleSettings s, LocalDateTime t) {
        return switch (s.cadence()) {
            case DAILY -> t.minusDays(1);
            case WEEKLY -> t.minusWeeks(1);
            default -> t.minusMonths(1);
        };
    }

    private static LocalDateTime nextPeriod(ScheduleSettings s, LocalDateTime t) {
        return switch (s.cadence()) {
            case DAILY -> t.plusDays(1);
            case WEEKLY -> t.plusWeeks(1);
            default -> t.plusMonths(1);
        };
    }
}
