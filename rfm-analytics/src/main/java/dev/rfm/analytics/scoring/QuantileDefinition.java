package dev.rfm.analytics.scoring;

/**
 * The quantile definition used for quantile binning, named after Hyndman &amp; Fan (1996),
 * "Sample quantiles in statistical packages", <i>The American Statistician</i> 50(4), 361-365.
 *
 * <p>Why definition 1: its quantiles are always values that occur in the data (a recency of 34
 * days, a spend of 120.50), so cut points can be shown to users and stored exactly; integer
 * interpolation artefacts such as "frequency &le; 1.6" cannot occur. With distinct values every bin
 * receives {@code floor(n/bins)} or {@code ceil(n/bins)} customers.
 */
public enum QuantileDefinition {

    /**
     * Definition 1, the inverse of the empirical distribution function: {@code Q(p) = x_(k)}, the
     * k-th smallest value with {@code k = ceil(n p)} (and {@code k = 1} for {@code p = 0}). It is
     * Commons Statistics' {@code HF1}, R's {@code quantile(type = 1)} and NumPy's {@code
     * method="inverted_cdf"}.
     */
    HF1;

    /**
     * The quantile at probability {@code numerator / denominator} of {@code sorted[0..n)}.
     *
     * @param sorted values in ascending order
     * @param n how many leading values of {@code sorted} form the population, &ge; 1
     */
    public long quantile(long[] sorted, int n, int numerator, int denominator) {
        if (n < 1 || n > sorted.length) {
            throw new IllegalArgumentException("n must be in 1.." + sorted.length + ", was " + n);
        }
        if (denominator < 1 || numerator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + numerator + "/" + denominator);
        }
        long k = ((long) n * numerator + denominator - 1) / denominator; // ceil(n p), exact
        return sorted[(int) Math.max(1, k) - 1];
    }
}
