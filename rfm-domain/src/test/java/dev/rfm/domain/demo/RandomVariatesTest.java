package dev.rfm.domain.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Sample moments against the distributions' closed forms: Gamma(k, rate θ) has mean k/θ and variance k/θ²; Beta(a, b)
 * has mean a/(a+b) and variance ab/((a+b)²(a+b+1)). Tolerances are about five standard errors of 200,000 draws.
 */
class RandomVariatesTest {

    private static final int DRAWS = 200_000;

    @Test
    void gammaWithShapeAboveOneHasItsMeanAndVariance() {
        RandomVariates random = RandomVariates.forItem(1, 0);
        double[] moments = moments(() -> random.gamma(4.0, 2.0));

        assertThat(moments[0]).isCloseTo(2.0, within(0.012));
        assertThat(moments[1]).isCloseTo(1.0, within(0.02));
    }

    @Test
    void gammaWithShapeBelowOneHasItsMeanAndVariance() {
        RandomVariates random = RandomVariates.forItem(2, 0);
        double[] moments = moments(() -> random.gamma(0.3, 20.0));

        assertThat(moments[0]).isCloseTo(0.015, within(0.0005));
        assertThat(moments[1]).isCloseTo(0.3 / 400.0, within(0.00005));
    }

    @Test
    void betaHasItsMeanAndVariance() {
        RandomVariates random = RandomVariates.forItem(3, 0);
        double[] moments = moments(() -> random.beta(0.6, 2.4));

        assertThat(moments[0]).isCloseTo(0.2, within(0.002));
        assertThat(moments[1]).isCloseTo(0.6 * 2.4 / (9.0 * 4.0), within(0.00075));
    }

    @Test
    void exponentialHasItsMean() {
        RandomVariates random = RandomVariates.forItem(4, 0);

        assertThat(moments(() -> random.exponential(0.1))[0]).isCloseTo(10.0, within(0.12));
    }

    @Test
    void pickFollowsTheCumulativeShares() {
        RandomVariates random = RandomVariates.forItem(5, 0);
        int[] counts = new int[3];
        for (int i = 0; i < DRAWS; i++) {
            counts[random.pick(new double[] {0.5, 0.8, 1.0})]++;
        }

        assertThat(counts[0] / (double) DRAWS).isCloseTo(0.5, within(0.006));
        assertThat(counts[1] / (double) DRAWS).isCloseTo(0.3, within(0.006));
        assertThat(counts[2] / (double) DRAWS).isCloseTo(0.2, within(0.006));
    }

    @Test
    void aStreamIsFixedBySeedAndItemAndDiffersBetweenItems() {
        double[] first = draws(RandomVariates.forItem(42, 7));

        assertThat(draws(RandomVariates.forItem(42, 7))).containsExactly(first);
        assertThat(draws(RandomVariates.forItem(42, 8))).isNotEqualTo(first);
        assertThat(draws(RandomVariates.forItem(43, 7))).isNotEqualTo(first);
    }

    private static double[] draws(RandomVariates random) {
        return new double[] {random.uniform(), random.gamma(0.5, 1.0), random.beta(2.0, 3.0)};
    }

    /** Mean and variance of {@value #DRAWS} draws. */
    private static double[] moments(DoubleSupplier draw) {
        double sum = 0.0;
        double sumOfSquares = 0.0;
        for (int i = 0; i < DRAWS; i++) {
            double x = draw.getAsDouble();
            sum += x;
            sumOfSquares += x * x;
        }
        double mean = sum / DRAWS;
        return new double[] {mean, sumOfSquares / DRAWS - mean * mean};
    }
}
