package dev.rfm.analytics.segment;

/** The segment schemes of a run. */
public enum SegmentScheme {
    STANDARD,
    CN8,
    CUSTOM;

    /** Lower-case name as used in the API ({@code ?scheme=standard}). */
    public String label() {
        return name().toLowerCase();
    }
}
