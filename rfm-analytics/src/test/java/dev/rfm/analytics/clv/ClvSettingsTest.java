package dev.rfm.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * Predicted CLV against src/test/python/clv_reference.py, which re-implements lifetimes'
 * {@code _customer_lifetime_value} loop with SciPy and the product's documented choices (annual
 * rate 10 % -> monthly, 30-day months = 30/7 weeks, margin 0.3, 12 months).
 */
class ClvSettingsTest {

    private static final BgNbdParameters BGNBD = new BgNbdParameters(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.WEEKS);
    private static final GammaGammaParameters GG = new GammaGammaParameters(6.25, 3.74, 15.44);
    private final ClvSettings settings = new ClvSettings(12, 0.3, 0.10);

    @Test
    void monthlyRateIsEquivalentToTheAnnualRate() {
        assertThat(Math.pow(1 + settings.monthlyDiscountRate(), 12)).isCloseTo(1.10, within(1e-14));
        assertThat(new ClvSettings(12, 1, 0).monthlyDiscountRate()).isZero();
    }

    @Test
    void predictedClvMatchesTheReferenceLoop() {
        assertThat(settings.predictedClv(BGNBD, GG, 2, 30.43, 38.86, 22.35))
                .isCloseTo(10.894409538390747, withinPercentage(1e-8));
        assertThat(settings.predictedClv(BGNBD, GG, 0, 0, 38.86, 0))
                .isCloseTo(2.5111602321424678, withinPercentage(1e-8));
    }

    @Test
    void withoutDiscountingTheSumTelescopesToTheHorizonExpectation() {
        var undiscounted = new ClvSettings(12, 1, 0);
        double year = BGNBD.unit().fromDays(360);

        assertThat(undiscounted.discountedPurchasesIfAlive(BGNBD, 2, 38.86))
                .isCloseTo(BGNBD.expectedPurchasesIfAlive(year, 2, 38.86), withinPercentage(1e-10));
    }

    @Test
    void rejectsBadSettingsNamingTheField() {
        assertThatThrownBy(() -> new ClvSettings(0, 0.3, 0.1))
                .hasMessage("horizonMonths must be between 1 and 120, was 0");
        assertThatThrownBy(() -> new ClvSettings(12, 0, 0.1)).hasMessage("margin must be in (0, 1], was 0.0");
        assertThatThrownBy(() -> new ClvSettings(12, 0.3, 1.0))
                .hasMessage("annualDiscountRate must be in [0, 1), was 1.0");
    }
}
