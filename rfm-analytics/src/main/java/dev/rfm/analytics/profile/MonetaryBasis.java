package dev.rfm.analytics.profile;

/** What the M of RFM measures. */
public enum MonetaryBasis {
    /** Net sum of amounts in the analysis window (refunds subtract). The default. */
    TOTAL,
    /** Net sum divided by the number of purchases: average order value. */
    AVERAGE
}
