package dev.rfm.analytics.run;

/** What started a run. */
public enum RunTrigger {
    /** The nightly timer. */
    SCHEDULE,
    /** A user, through the API or the dashboard. */
    MANUAL,
    /** The first run after the demo data was loaded. */
    DEMO
}
