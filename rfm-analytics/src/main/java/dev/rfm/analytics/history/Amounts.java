package dev.rfm.analytics.history;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Conversions between exact money amounts in ten-thousandths ({@code long}) and {@link BigDecimal}.
 *
 * <p>The database stores amounts as {@code numeric(19,4)}, so every stored amount is an integer
 * number of ten-thousandths. Computing on {@code long} keeps sums exact and fast; {@code
 * BigDecimal} appears only at the output boundary.
 */
public final class Amounts {

    /** Decimal places of a stored amount. */
    public static final int SCALE = 4;

    private Amounts() {}

    /** The amount {@code tenThousandths / 10_000} as a {@code BigDecimal} of scale 4. */
    public static BigDecimal toDecimal(long tenThousandths) {
        return BigDecimal.valueOf(tenThousandths, SCALE);
    }

    /**
     * The amount in ten-thousandths.
     *
     * @throws ArithmeticException if the amount has more than four decimal places or does not fit a
     *     {@code long}
     */
    public static long toTenThousandths(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /**
     * A model's currency value (a predicted CLV, an expected order value) as it is stored: rounded half up to
     * ten-thousandths. The value must be finite.
     */
    public static long roundToTenThousandths(double value) {
        return BigDecimal.valueOf(value)
                .setScale(SCALE, RoundingMode.HALF_UP)
                .unscaledValue()
                .longValueExact();
    }

    /**
     * {@code numerator / denominator} rounded half-even, in exact integer arithmetic (used for
     * average order values, so that an average is reproducible to the last ten-thousandth).
     */
    public static long divideHalfEven(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive, was " + denominator);
        }
        long quotient = Math.floorDiv(numerator, denominator);
        long remainder = numerator - quotient * denominator; // 0 <= remainder < denominator
        long toNext = denominator - remainder; // compared instead of 2 * remainder: cannot overflow
        if (remainder > toNext || (remainder == toNext && (quotient & 1) != 0)) {
            return quotient + 1;
        }
        return quotient;
    }

    /**
     * Compares {@code a * m} with {@code b * n} exactly (128-bit products), for rules such as
     * "value &ge; population mean" ({@code value * count} vs {@code sum}) or "cumulative revenue
     * &lt; 80 % of total" ({@code 5 * cumulative} vs {@code 4 * total}) without rounding or
     * overflow.
     *
     * @return negative, zero or positive as {@code a * m} is less than, equal to or greater than
     *     {@code b * n}
     */
    public static int compareProducts(long a, long m, long b, long n) {
        long high1 = Math.multiplyHigh(a, m);
        long high2 = Math.multiplyHigh(b, n);
        if (high1 != high2) {
            return Long.compare(high1, high2);
        }
        return Long.compareUnsigned(a * m, b * n);
    }
}
