package dev.rfm.analytics.scoring;

/** The three RFM dimensions, with the unit their raw values are kept in. */
public enum Dimension {
    /** Days since the last purchase; fewer is better, so scores are reversed. */
    RECENCY(0, true),
    /** Number of purchases. */
    FREQUENCY(0, false),
    /** Money in ten-thousandths (net total or average order value, per the profile). */
    MONETARY(4, false);

    private final int decimalScale;
    private final boolean reversed;

    Dimension(int decimalScale, boolean reversed) {
        this.decimalScale = decimalScale;
        this.reversed = reversed;
    }

    /**
     * Decimal places of the raw unit: a raw value {@code v} means {@code v / 10^scale} in the
     * user's unit (days, purchases, currency).
     */
    public int decimalScale() {
        return decimalScale;
    }

    /** Whether a lower raw value is better (recency), so the lowest values get the top score. */
    public boolean reversed() {
        return reversed;
    }
}
