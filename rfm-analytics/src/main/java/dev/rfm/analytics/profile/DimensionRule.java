package dev.rfm.analytics.profile;

import dev.rfm.analytics.scoring.BinningMethod;
import dev.rfm.analytics.scoring.Dimension;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How one RFM dimension is scored: by quantiles of the population, or by fixed thresholds in the
 * user's unit (days, purchases, currency). A threshold is the upper bound of a bin: with
 * frequency thresholds 1, 2, 3, 5, one purchase scores 1, two 2, three 3, four or five 4, six or
 * more 5. Recency is reversed: with thresholds 30, 90, 180, 365, a recency of up to 30 days scores
 * 5.
 *
 * @param method quantile or fixed
 * @param thresholds ascending upper bounds, {@code bins - 1} of them, for {@link
 *     BinningMethod#FIXED}; empty for quantiles
 */
public record DimensionRule(BinningMethod method, List<BigDecimal> thresholds) {

    private static final DimensionRule QUANTILE = new DimensionRule(BinningMethod.QUANTILE, List.of());

    /** Copies the thresholds; the profile checks them against the bins and the dimension. */
    public DimensionRule {
        Objects.requireNonNull(method, "method must not be null");
        thresholds = List.copyOf(thresholds);
        if (method == BinningMethod.QUANTILE && !thresholds.isEmpty()) {
            throw new IllegalArgumentException("thresholds must be empty for QUANTILE, were " + thresholds);
        }
    }

    public static DimensionRule quantile() {
        return QUANTILE;
    }

    /** Fixed thresholds given as decimal strings, e.g. {@code fixed("1", "2", "3", "5")}. */
    public static DimensionRule fixed(String... thresholds) {
        return new DimensionRule(
                BinningMethod.FIXED,
                Arrays.stream(thresholds).map(BigDecimal::new).toList());
    }

    /**
     * The problem with this rule for {@code dimension} and {@code bins}, or {@code null}: fixed
     * thresholds must be {@code bins - 1}, strictly ascending, whole numbers for recency and
     * frequency, at most 4 decimals for money.
     */
    String problem(Dimension dimension, int bins) {
        if (method == BinningMethod.QUANTILE) {
            return null;
        }
        String field = dimension.name().toLowerCase() + " thresholds";
        if (thresholds.size() != bins - 1) {
            return field + " must have bins - 1 = " + (bins - 1) + " values, had " + thresholds.size();
        }
        for (int i = 0; i < thresholds.size(); i++) {
            BigDecimal t = thresholds.get(i);
            if (t.stripTrailingZeros().scale() > dimension.decimalScale()) {
                return field + " must have at most " + dimension.decimalScale() + " decimals, was " + t;
            }
            if (dimension != Dimension.MONETARY && t.signum() < 0) {
                return field + " must not be negative, was " + t;
            }
            if (i > 0 && t.compareTo(thresholds.get(i - 1)) <= 0) {
                return field + " must ascend strictly, but " + t + " follows " + thresholds.get(i - 1);
            }
        }
        return null;
    }

    /** The thresholds in the dimension's raw unit (ten-thousandths for money). */
    long[] rawThresholds(Dimension dimension) {
        return thresholds.stream()
                .mapToLong(t -> t.movePointRight(dimension.decimalScale()).longValueExact())
                .toArray();
    }
}
