package dev.rfm.analytics.campaign;

/**
 * A difference treatment − control with its 95 % confidence interval. A part that cannot be computed is null: the
 * estimate when a group is empty, the interval when the method has no answer for the data (decision 0015).
 */
public record Uplift(Double estimate, Double ci95Low, Double ci95High) implements java.io.Serializable {

    /** Nothing to say: a group is empty. */
    public static final Uplift UNDEFINED = new Uplift(null, null, null);

    public Uplift {
        if ((ci95Low == null) != (ci95High == null)) {
            throw new IllegalArgumentException("ci95Low and ci95High are both given or both absent");
        }
        if (ci95Low != null && (estimate == null || ci95Low > estimate || ci95High < estimate)) {
            throw new IllegalArgumentException(
                    "the interval " + ci95Low + " .. " + ci95High + " must contain the estimate " + estimate);
        }
    }

    /** An estimate whose interval is undefined. */
    static Uplift estimateOnly(double estimate) {
        return new Uplift(estimate, null, null);
    }

    /** Whether the interval exists and contains {@code value}. */
    public boolean covers(double value) {
        return ci95Low != null && ci95Low <= value && value <= ci95High;
    }
}
