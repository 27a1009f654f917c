package dev.rfm.reports.schedule;

/** When a schedule's report is due. */
public enum Cadence {
    /** After each successful scoring run, for that run. */
    AFTER_RUN,
    /** Every day at a time. */
    DAILY,
    /** Every week on a weekday at a time. */
    WEEKLY,
    /** Every month on a day (1–28) at a time. */
    MONTHLY;

    /** True for the cadences that run on a clock rather than after a run. */
    public boolean timed() {
        return this != AFTER_RUN;
    }
}
