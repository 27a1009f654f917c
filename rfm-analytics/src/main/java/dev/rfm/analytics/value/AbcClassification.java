package dev.rfm.analytics.value;

import dev.rfm.analytics.history.Amounts;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * ABC classes by net revenue: A = the customers that make up the first 80 % of revenue, B = the
 * next 15 %, C = the rest.
 *
 * <p><b>Boundary rule.</b> Customers are ranked by revenue, descending. A customer is A when the
 * revenue of all customers ranked strictly above is less than 80 % of the total, so the customer
 * whose revenue crosses the 80 % line is A (part of their revenue is in the first 80 %). Likewise B
 * below 95 %. Customers with equal revenue share the class (ranking among ties would otherwise be
 * arbitrary, and a run must be repeatable). The class is therefore a function of revenue alone,
 * described by two thresholds, {@link #minimumForA()} and {@link #minimumForB()}.
 *
 * <p><b>Revenue &le; 0.</b> The total is the sum of positive revenues only; a customer with zero or
 * negative net revenue (refunds exceeding purchases) contributes nothing and is always C.
 *
 * <p>Comparisons are exact (ten-thousandths, 128-bit products).
 */
public final class AbcClassification {

    private static final long NONE = Long.MAX_VALUE;

    private final long minimumForA;
    private final long minimumForB;
    private final long totalPositiveRevenue;

    private AbcClassification(long minimumForA, long minimumForB, long totalPositiveRevenue) {
        this.minimumForA = minimumForA;
        this.minimumForB = minimumForB;
        this.totalPositiveRevenue = totalPositiveRevenue;
    }

    /**
     * Classification of the population {@code revenue[0..count)}, in ten-thousandths.
     *
     * @throws ArithmeticException if the total positive revenue overflows a {@code long}
     */
    public static AbcClassification of(long[] revenue, int count) {
        if (count < 0 || count > revenue.length) {
            throw new IllegalArgumentException("count must be in 0.." + revenue.length + ", was " + count);
        }
        long[] sorted = Arrays.copyOf(revenue, count);
        Arrays.sort(sorted);
        long total = 0;
        for (long v : sorted) {
            if (v > 0) {
                total = Math.addExact(total, v);
            }
        }
        long minA = NONE;
        long minB = NONE;
        long above = 0; // revenue of customers with strictly greater revenue
        int i = count - 1;
        while (i >= 0 && sorted[i] > 0) {
            long value = sorted[i];
            if (Amounts.compareProducts(5, above, 4, total) < 0) { // above < 80 % of total
                minA = value;
                minB = value;
            } else if (Amounts.compareProducts(20, above, 19, total) < 0) { // above < 95 %
                minB = value;
            } else {
                break;
            }
            while (i >= 0 && sorted[i] == value) {
                above += value;
                i--;
            }
        }
        return new AbcClassification(minA, minB, total);
    }

    /** The class of a customer with this net revenue (ten-thousandths). */
    public AbcClass classOf(long revenue) {
        if (revenue <= 0) {
            return AbcClass.C;
        }
        if (revenue >= minimumForA) {
            return AbcClass.A;
        }
        return revenue >= minimumForB ? AbcClass.B : AbcClass.C;
    }

    /** The lowest revenue that is class A, or {@code null} when no customer is A. */
    public BigDecimal minimumForA() {
        return minimumForA == NONE ? null : Amounts.toDecimal(minimumForA);
    }

    /** The lowest revenue that is class B or better, or {@code null} when no customer is A or B. */
    public BigDecimal minimumForB() {
        return minimumForB == NONE ? null : Amounts.toDecimal(minimumForB);
    }

    /** The sum of positive net revenues, the 100 % of the classification. */
    public BigDecimal totalPositiveRevenue() {
        return Amounts.toDecimal(totalPositiveRevenue);
    }
}
