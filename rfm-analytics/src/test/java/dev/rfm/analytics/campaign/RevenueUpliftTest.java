package dev.rfm.analytics.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rfm.analytics.campaign.RevenueUplift.Sums;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Welch's interval by hand, against SciPy ({@code src/test/python/campaign_reference.py}), and its edge cases. */
class RevenueUpliftTest {

    /*
     * By hand: treatment revenue per customer 0, 10, 20, 30; control 0, 0, 10.
     *   m1 = 60/4 = 15, s1² = (225 + 25 + 25 + 225)/3 = 500/3, s1²/n1 = 125/3 = 41.6667
     *   m2 = 10/3 = 3.3333, s2² = (2·(10/3)² + (20/3)²)/2 = 100/3, s2²/n2 = 100/9 = 11.1111
     *   d = 35/3 = 11.6667, se² = 475/9 = 52.7778, se = 7.264832
     *   ν = (475/9)² / ((125/3)²/3 + (100/9)²/2) = 361/83 = 4.349398
     *   t(0.975; 4.349398) = 2.690657 (SciPy), half-width 2.690657 · 7.264832 = 19.547170
     *   interval −7.880503 .. 31.213836 (SciPy's ttest_ind(equal_var=False) gives the same)
     */
    @Test
    void handComputedSmallSample() {
        Sums treatment = Sums.of(0, 10, 20, 30);
        Sums control = Sums.of(0, 0, 10);
        assertThat(treatment.variance()).isCloseTo(500.0 / 3, within(1e-9));
        assertThat(control.variance()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(RevenueUplift.degreesOfFreedom(treatment, control)).isCloseTo(361.0 / 83, within(1e-9));

        Uplift u = RevenueUplift.of(treatment, control);
        assertThat(u.estimate()).isCloseTo(35.0 / 3, within(1e-9));
        assertThat(u.ci95Low()).isCloseTo(-7.8805028950, within(1e-6));
        assertThat(u.ci95High()).isCloseTo(31.2138362283, within(1e-6));
    }

    @Test
    void largeSumsDoNotCancel() {
        // a million customers of 1,000,000.0001 each and one more: the decimal sums keep the tiny spread exact
        long n = 1_000_000;
        BigDecimal each = new BigDecimal("1000000.0001");
        Sums flat = new Sums(
                n, each.multiply(BigDecimal.valueOf(n)), each.multiply(each).multiply(BigDecimal.valueOf(n)));
        assertThat(flat.variance()).isZero();
        assertThat(flat.mean()).isCloseTo(1000000.0001, within(1e-9));
    }

    @Test
    void undefinedParts() {
        Sums some = Sums.of(0, 5, 10);
        // an empty group: no estimate
        assertThat(RevenueUplift.of(some, Sums.of())).isEqualTo(Uplift.UNDEFINED);
        // a control of one: an estimate but no spread, no interval
        Uplift one = RevenueUplift.of(some, Sums.of(4));
        assertThat(one.estimate()).isCloseTo(1.0, within(1e-12));
        assertThat(one.ci95Low()).isNull();
        // nobody varies (no one bought in either group): nothing to put an interval on
        Uplift flat = RevenueUplift.of(Sums.of(0, 0, 0), Sums.of(0, 0));
        assertThat(flat.estimate()).isZero();
        assertThat(flat.ci95Low()).isNull();
        // only one group varies: ν = n − 1 of that group
        Uplift oneSided = RevenueUplift.of(Sums.of(0, 10), Sums.of(0, 0));
        assertThat(RevenueUplift.degreesOfFreedom(Sums.of(0, 10), Sums.of(0, 0)))
                .isCloseTo(1, within(1e-12));
        // t(0.975; 1) = 12.7062, se = √(50/2) = 5
        assertThat(oneSided.ci95High()).isCloseTo(5 + 12.706204736 * 5, within(1e-6));
    }
}
