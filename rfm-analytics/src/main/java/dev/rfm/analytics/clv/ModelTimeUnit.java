package dev.rfm.analytics.clv;

/**
 * The time unit of model inputs and parameters. r, a, b, p, q, gamma do not depend on it; the
 * BG/NBD scale alpha does (alpha in days = 7 &times; alpha in weeks). Every stored model number
 * states its unit.
 */
public enum ModelTimeUnit {
    DAYS(1.0),
    WEEKS(7.0);

    private final double days;

    ModelTimeUnit(double days) {
        this.days = days;
    }

    /** Length of one unit in days. */
    public double days() {
        return days;
    }

    /** A duration in days expressed in this unit. */
    public double fromDays(double durationDays) {
        return durationDays / days;
    }

    /** Lower-case name as used in the API ({@code "days"}, {@code "weeks"}). */
    public String label() {
        return name().toLowerCase();
    }
}
