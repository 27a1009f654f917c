package dev.rfm.analytics.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Newcombe's method 10 against the published limits of Newcombe (1998), Table II, and against a hand computation;
 * reference values also from {@code src/test/python/campaign_reference.py}.
 */
class RepurchaseUpliftTest {

    /*
     * By hand, example (a) 56/70 − 48/80, z = 1.959964, z² = 3.841459:
     *   p1 = 0.8: Wilson centre 2·70·0.8 + z² = 115.841459, half-width z·√(z² + 4·70·0.8·0.2) = z·√48.641459
     *             = 13.669533, denominator 2·(70 + z²) = 147.682918 → l1 = 0.691834, u1 = 0.876953
     *   p2 = 0.6: centre 96 + z² = 99.841459, half z·√(z² + 76.8) = 17.600684, denominator 167.682918
     *             → l2 = 0.490455, u2 = 0.700382
     *   d = 0.2; L = 0.2 − √((0.8 − 0.691834)² + (0.700382 − 0.6)²) = 0.2 − √(0.011700 + 0.010077) = 0.052431
     *            U = 0.2 + √((0.876953 − 0.8)² + (0.6 − 0.490455)²) = 0.2 + √(0.005922 + 0.012000) = 0.333873
     * The paper's Table II prints 0.0524 to 0.3339 for method 10 (the difference is 0.2000, not 0.1833).
     */
    @Test
    void handComputedExampleA() {
        double[] w1 = RepurchaseUplift.wilson(56, 70);
        double[] w2 = RepurchaseUplift.wilson(48, 80);
        assertThat(w1[0]).isCloseTo(0.691834, within(1e-6));
        assertThat(w1[1]).isCloseTo(0.876953, within(1e-6));
        assertThat(w2[0]).isCloseTo(0.490455, within(1e-6));
        assertThat(w2[1]).isCloseTo(0.700382, within(1e-6));

        Uplift u = RepurchaseUplift.of(56, 70, 48, 80);
        assertThat(u.estimate()).isCloseTo(0.2, within(1e-12));
        assertThat(u.ci95Low()).isCloseTo(0.052431, within(1e-6));
        assertThat(u.ci95High()).isCloseTo(0.333873, within(1e-6));
    }

    /** Newcombe (1998) Table II, method 10, all eight examples, to the paper's four decimals. */
    @ParameterizedTest(name = "{0}/{1} − {2}/{3}")
    @CsvSource({
        "56, 70, 48, 80, 0.2000, 0.0524, 0.3339",
        "9, 10, 3, 10, 0.6000, 0.1705, 0.8090",
        "6, 7, 2, 7, 0.5714, 0.0582, 0.8062",
        "5, 56, 0, 29, 0.0893, -0.0381, 0.1926",
        "0, 10, 0, 20, 0.0000, -0.1611, 0.2775",
        "0, 10, 0, 10, 0.0000, -0.2775, 0.2775",
        "10, 10, 0, 20, 1.0000, 0.6791, 1.0000",
        "10, 10, 0, 10, 1.0000, 0.6075, 1.0000"
    })
    void newcombeTableTwo(long x1, long n1, long x2, long n2, double d, double low, double high) {
        Uplift u = RepurchaseUplift.of(x1, n1, x2, n2);
        assertThat(u.estimate()).isCloseTo(d, within(0.00005));
        assertThat(u.ci95Low()).isCloseTo(low, within(0.00005));
        assertThat(u.ci95High()).isCloseTo(high, within(0.00005));
    }

    @Test
    void noBuyersAndAllBuyersStillHaveAnInterval() {
        Uplift none = RepurchaseUplift.of(0, 90, 0, 10);
        assertThat(none.estimate()).isZero();
        assertThat(none.ci95Low()).isNegative();
        assertThat(none.ci95High()).isPositive();

        Uplift all = RepurchaseUplift.of(90, 90, 10, 10);
        assertThat(all.estimate()).isZero();
        assertThat(all.ci95Low()).isNegative();
        assertThat(all.ci95High()).isPositive();
    }

    @Test
    void aControlOfOneHasAWideIntervalAndAnEmptyOneNone() {
        // Wilson's interval exists for n = 1 (0/1: 0 .. 0.7935), so the difference has one: wide, but honest
        Uplift one = RepurchaseUplift.of(45, 90, 0, 1);
        assertThat(one.estimate()).isCloseTo(0.5, within(1e-12));
        assertThat(one.ci95High() - one.ci95Low()).isGreaterThan(0.8);

        assertThat(RepurchaseUplift.of(45, 90, 0, 0)).isEqualTo(Uplift.UNDEFINED);
        assertThat(RepurchaseUplift.of(0, 0, 3, 10)).isEqualTo(Uplift.UNDEFINED);
    }

    @Test
    void refusesMoreBuyersThanCustomers() {
        assertThatThrownBy(() -> RepurchaseUplift.of(11, 10, 0, 10)).hasMessageContaining("11 of 10");
    }
}
