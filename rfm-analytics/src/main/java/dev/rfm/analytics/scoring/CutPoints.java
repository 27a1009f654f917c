package dev.rfm.analytics.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The scoring rule of one RFM dimension: {@code bins - 1} ascending upper bounds.
 *
 * <p>Bin {@code k} (1-based, in ascending value order) holds the values {@code v} with {@code
 * upperBound[k-2] < v <= upperBound[k-1]}; values above the last bound fall into the top bin. The
 * score is the bin, or {@code bins + 1 - bin} for a {@linkplain Dimension#reversed() reversed}
 * dimension (recency: {@code recency <= upperBound[0]} scores {@code bins}). Bounds may repeat when
 * the data are heavily tied (most customers buy once); the bins between repeated bounds then stay
 * empty rather than splitting equal values, as pandas {@code qcut(duplicates="drop")} would.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * CutPoints r = CutPoints.quantiles(Dimension.RECENCY, recencyDays, count, 5);
 * int score = r.score(12); // 1..5
 * }</pre>
 */
public final class CutPoints {

    /** Scores 3, 4 and 5 bins are supported. */
    public static final int MIN_BINS = 3;

    public static final int MAX_BINS = 5;

    private final Dimension dimension;
    private final BinningMethod method;
    private final int bins;
    private final long[] upperBounds;
    private final int population;

    private CutPoints(Dimension dimension, BinningMethod method, int bins, long[] upperBounds, int population) {
        this.dimension = dimension;
        this.method = method;
        this.bins = bins;
        this.upperBounds = upperBounds;
        this.population = population;
    }

    /**
     * Cut points at the quantiles {@code 1/bins, 2/bins, ...} of {@code values[0..count)} by {@link
     * QuantileDefinition#HF1}. With no values all bounds are 0 (no customer is scored then).
     *
     * @param values raw values in the dimension's unit (not modified)
     */
    public static CutPoints quantiles(Dimension dimension, long[] values, int count, int bins) {
        Objects.requireNonNull(dimension, "dimension must not be null");
        checkBins(bins);
        if (count < 0 || count > values.length) {
            throw new IllegalArgumentException("count must be in 0.." + values.length + ", was " + count);
        }
        long[] bounds = new long[bins - 1];
        if (count > 0) {
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            for (int j = 1; j < bins; j++) {
                bounds[j - 1] = QuantileDefinition.HF1.quantile(sorted, count, j, bins);
            }
        }
        return new CutPoints(dimension, BinningMethod.QUANTILE, bins, bounds, count);
    }

    /**
     * Fixed cut points.
     *
     * @param upperBounds {@code bins - 1} strictly ascending bounds in the dimension's raw unit
     */
    public static CutPoints fixed(Dimension dimension, int bins, long... upperBounds) {
        Objects.requireNonNull(dimension, "dimension must not be null");
        checkBins(bins);
        checkFixedBounds(dimension, bins, upperBounds);
        return new CutPoints(dimension, BinningMethod.FIXED, bins, upperBounds.clone(), -1);
    }

    /**
     * Checks fixed thresholds: {@code bins - 1} of them, strictly ascending.
     *
     * @throws IllegalArgumentException naming the dimension and the reason
     */
    public static void checkFixedBounds(Dimension dimension, int bins, long... upperBounds) {
        String field = dimension.name().toLowerCase() + " thresholds";
        if (upperBounds == null || upperBounds.length != bins - 1) {
            throw new IllegalArgumentException(field + " must have bins - 1 = " + (bins - 1) + " values, had "
                    + (upperBounds == null ? 0 : upperBounds.length));
        }
        for (int i = 1; i < upperBounds.length; i++) {
            if (upperBounds[i] <= upperBounds[i - 1]) {
                throw new IllegalArgumentException(
                        field + " must ascend strictly, but " + upperBounds[i] + " follows " + upperBounds[i - 1]);
            }
        }
    }

    private static void checkBins(int bins) {
        if (bins < MIN_BINS || bins > MAX_BINS) {
            throw new IllegalArgumentException(
                    "bins must be between " + MIN_BINS + " and " + MAX_BINS + ", was " + bins);
        }
    }

    /** The score 1..bins of a raw value. */
    public int score(long value) {
        int bin = 1;
        for (long bound : upperBounds) {
            if (value > bound) {
                bin++;
            }
        }
        return dimension.reversed() ? bins + 1 - bin : bin;
    }

    public Dimension dimension() {
        return dimension;
    }

    public BinningMethod method() {
        return method;
    }

    public int bins() {
        return bins;
    }

    /** Number of values the quantiles were taken over; -1 for fixed cut points. */
    public int population() {
        return population;
    }

    /** The upper bound of bin {@code k} (1-based), {@code k < bins}, in the raw unit. */
    public long upperBound(int k) {
        return upperBounds[k - 1];
    }

    /** The upper bounds in the user's unit (days, purchases, currency with four decimals). */
    public List<BigDecimal> upperBoundsAsDecimals() {
        List<BigDecimal> list = new ArrayList<>(upperBounds.length);
        for (long bound : upperBounds) {
            list.add(BigDecimal.valueOf(bound, dimension.decimalScale()));
        }
        return Collections.unmodifiableList(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CutPoints c
                && dimension == c.dimension
                && method == c.method
                && bins == c.bins
                && population == c.population
                && Arrays.equals(upperBounds, c.upperBounds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dimension, method, bins, population, Arrays.hashCode(upperBounds));
    }

    @Override
    public String toString() {
        return dimension + " " + method + " " + upperBoundsAsDecimals();
    }
}
