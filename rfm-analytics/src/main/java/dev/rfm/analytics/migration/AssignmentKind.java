package dev.rfm.analytics.migration;

/** The categorical assignments a run stores per customer and compares with the previous run. */
public enum AssignmentKind {
    STANDARD_SEGMENT,
    CN8_SEGMENT,
    CUSTOM_SEGMENT,
    LIFECYCLE_STAGE
}
