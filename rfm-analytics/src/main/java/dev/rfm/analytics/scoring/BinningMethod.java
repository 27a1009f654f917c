package dev.rfm.analytics.scoring;

/** How the cut points of a dimension were chosen. */
public enum BinningMethod {
    /** From the population's values by {@link QuantileDefinition#HF1}. */
    QUANTILE,
    /** Thresholds fixed in the scoring profile (industry presets, user settings). */
    FIXED
}
