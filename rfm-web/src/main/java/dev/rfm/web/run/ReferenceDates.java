package dev.rfm.web.run;

import java.time.LocalDate;

/**
 * Which reference dates a manual run accepts, for {@code POST /api/runs} and the Runs page alike: from {@link
 * #EARLIEST} to a year from today. Earlier dates are surely typing errors, and later ones would score a future.
 */
final class ReferenceDates {

    /** Dates before this are surely typing errors; and a day count from 1970 then still fits comfortably. */
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private ReferenceDates() {}

    /** The latest reference date accepted on {@code today}. */
    static LocalDate latest(LocalDate today) {
        return today.plusYears(1);
    }

    static boolean accepted(LocalDate date, LocalDate today) {
        return !date.isBefore(EARLIEST) && !date.isAfter(latest(today));
    }
}
