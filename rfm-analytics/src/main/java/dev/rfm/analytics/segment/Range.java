package dev.rfm.analytics.segment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A closed interval {@code [min, max]} for a custom segment condition; a {@code null} end is open.
 *
 * @param min smallest value included, or {@code null} for no lower limit
 * @param max largest value included, or {@code null} for no upper limit
 */
public record Range(BigDecimal min, BigDecimal max) {

    private static final Range ANY = new Range(null, null);

    /** Most digits, in bits, of an end's unscaled value: about 38 decimal digits. */
    private static final int MAX_BITS = 127;

    /** Most decimals of an end, and most trailing zeros written as a negative scale. */
    private static final int MAX_SCALE = 18;

    /**
     * Validates {@code min <= max}, and that each end is of ordinary size: an end such as {@code 1E+500000000} would
     * make {@code setScale} and {@code toPlainString} cost minutes (texts are checked before, by {@link
     * ConditionNumber}; this guards callers that build ranges themselves).
     */
    public Range {
        checkSize("min", min);
        checkSize("max", max);
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min must not exceed max, was " + min + " > " + max);
        }
    }

    private static void checkSize(String end, BigDecimal value) {
        if (value != null
                && (Math.abs(value.scale()) > MAX_SCALE || value.unscaledValue().bitLength() > MAX_BITS)) {
            throw new IllegalArgumentException(end + " must have at most 38 digits and " + MAX_SCALE + " decimals");
        }
    }

    public static Range any() {
        return ANY;
    }

    public static Range between(String min, String max) {
        return new Range(new BigDecimal(min), new BigDecimal(max));
    }

    public static Range between(long min, long max) {
        return new Range(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    public static Range atLeast(String min) {
        return new Range(new BigDecimal(min), null);
    }

    public static Range atMost(String max) {
        return new Range(null, new BigDecimal(max));
    }

    public boolean isAny() {
        return min == null && max == null;
    }

    public boolean contains(BigDecimal value) {
        return (min == null || min.compareTo(value) <= 0) && (max == null || max.compareTo(value) >= 0);
    }

    /** Lower bound in units of 10^-scale, rounded up (the smallest such unit still inside). */
    public long minUnits(int scale) {
        return min == null ? Long.MIN_VALUE : saturate(min.setScale(scale, RoundingMode.CEILING));
    }

    /** Upper bound in units of 10^-scale, rounded down. */
    public long maxUnits(int scale) {
        return max == null ? Long.MAX_VALUE : saturate(max.setScale(scale, RoundingMode.FLOOR));
    }

    /** Lower bound as a {@code double}, {@code -Infinity} when open; what P(alive) and CLV conditions compare. */
    public double minDouble() {
        return min == null ? Double.NEGATIVE_INFINITY : min.doubleValue();
    }

    /** Upper bound as a {@code double}, {@code +Infinity} when open. */
    public double maxDouble() {
        return max == null ? Double.POSITIVE_INFINITY : max.doubleValue();
    }

    private static long saturate(BigDecimal scaled) {
        var units = scaled.unscaledValue();
        if (units.bitLength() > 63) {
            return units.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return units.longValue();
    }

    @Override
    public String toString() {
        return "[" + (min == null ? "-inf" : min.toPlainString()) + ", " + (max == null ? "+inf" : max.toPlainString())
                + "]";
    }
}
