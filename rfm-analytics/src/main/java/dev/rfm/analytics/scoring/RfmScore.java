package dev.rfm.analytics.scoring;

/**
 * The three scores of a customer and their composite code, e.g. {@code 545}.
 *
 * @param r recency score, 1..bins, highest = most recent
 * @param f frequency score, 1..bins
 * @param m monetary score, 1..bins
 * @param bins number of bins the scores were made with (3, 4 or 5)
 */
public record RfmScore(int r, int f, int m, int bins) {

    /** Checks every score lies in 1..bins. */
    public RfmScore {
        if (bins < CutPoints.MIN_BINS || bins > CutPoints.MAX_BINS) {
            throw new IllegalArgumentException("bins must be between 3 and 5, was " + bins);
        }
        check("r", r, bins);
        check("f", f, bins);
        check("m", m, bins);
    }

    /** A 5-bin score. */
    public static RfmScore of(int r, int f, int m) {
        return new RfmScore(r, f, m, 5);
    }

    private static void check(String field, int score, int bins) {
        if (score < 1 || score > bins) {
            throw new IllegalArgumentException(field + " must be between 1 and " + bins + ", was " + score);
        }
    }

    /** The composite code as a number, {@code 100 r + 10 f + m}. */
    public int code() {
        return 100 * r + 10 * f + m;
    }

    /**
     * The same score on the 1..5 scale the standard segment table is written for: linear rescaling
     * {@code round(1 + (s - 1) * 4 / (bins - 1))}, so 3 bins map to 1, 3, 5 and 4 bins to 1, 2, 4, 5
     * (halves round up: 2.33 to 2, 3.67 to 4). 5-bin scores are unchanged.
     */
    public RfmScore onFivePointScale() {
        return bins == 5 ? this : new RfmScore(toFive(r), toFive(f), toFive(m), 5);
    }

    private int toFive(int s) {
        return onFivePointScale(s, bins);
    }

    /** One score on the 1..5 scale, as {@link #onFivePointScale()} (no object per customer). */
    public static int onFivePointScale(int score, int bins) {
        return (int) Math.round(1 + (score - 1) * 4.0 / (bins - 1));
    }

    /** The composite code, e.g. {@code "545"}. */
    @Override
    public String toString() {
        return Integer.toString(code());
    }
}
