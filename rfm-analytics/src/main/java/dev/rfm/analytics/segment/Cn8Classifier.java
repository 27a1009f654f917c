package dev.rfm.analytics.segment;

import dev.rfm.analytics.history.Amounts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Assigns {@link Cn8Segment}s against the population means of the raw metrics. The means are kept
 * as exact sums and a count, and every comparison is exact ({@code value * count} against {@code
 * sum}), so a customer exactly at the mean is High in every dimension (R: recency &le; mean; F, M:
 * value &ge; mean), as DOMAIN.md says, whatever the rounding of the displayed mean.
 *
 * <p>Usage: {@code Cn8Classifier.of(sumRecencyDays, sumFrequency, sumMonetary, scoredCustomers)};
 * then {@link #segmentOf(long, long, long)} per customer.
 */
public final class Cn8Classifier {

    private final long sumRecencyDays;
    private final long sumFrequency;
    private final long sumMonetary;
    private final long count;

    private Cn8Classifier(long sumRecencyDays, long sumFrequency, long sumMonetary, long count) {
        this.sumRecencyDays = sumRecencyDays;
        this.sumFrequency = sumFrequency;
        this.sumMonetary = sumMonetary;
        this.count = count;
    }

    /**
     * @param sumRecencyDays sum of the population's recency days
     * @param sumFrequency sum of the population's frequencies
     * @param sumMonetary sum of the population's monetary values, in ten-thousandths
     * @param count population size, &gt; 0
     */
    public static Cn8Classifier of(long sumRecencyDays, long sumFrequency, long sumMonetary, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        return new Cn8Classifier(sumRecencyDays, sumFrequency, sumMonetary, count);
    }

    /** The segment of a customer's raw recency days, frequency and monetary (ten-thousandths). */
    public Cn8Segment segmentOf(long recencyDays, long frequency, long monetary) {
        return Cn8Segment.of(
                Amounts.compareProducts(recencyDays, count, sumRecencyDays, 1) <= 0,
                Amounts.compareProducts(frequency, count, sumFrequency, 1) >= 0,
                Amounts.compareProducts(monetary, count, sumMonetary, 1) >= 0);
    }

    /** Mean recency in days, rounded half-even to 2 decimals (for display). */
    public BigDecimal meanRecencyDays() {
        return mean(sumRecencyDays, 0, 2);
    }

    /** Mean frequency, rounded half-even to 2 decimals (for display). */
    public BigDecimal meanFrequency() {
        return mean(sumFrequency, 0, 2);
    }

    /** Mean monetary value in currency units, rounded half-even to 4 decimals (for display). */
    public BigDecimal meanMonetary() {
        return mean(sumMonetary, Amounts.SCALE, Amounts.SCALE);
    }

    public long count() {
        return count;
    }

    private BigDecimal mean(long sum, int scale, int resultScale) {
        return new BigDecimal(BigInteger.valueOf(sum), scale)
                .divide(BigDecimal.valueOf(count), resultScale, RoundingMode.HALF_EVEN);
    }
}
