package dev.rfm.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** Reference values: SciPy 1.17 {@code scipy.special.hyp2f1}, see src/test/python/clv_reference.py. */
class Hypergeometric2F1Test {

    @Test
    void matchesScipy() {
        assertThat(Hypergeometric2F1.value(1.0, 1.0, 2.0, 0.5)).isCloseTo(1.3862943611198901, withinPercentage(1e-10));
        assertThat(Hypergeometric2F1.value(0.6, -0.2, 2.3, 0.9)).isCloseTo(0.9395715053115967, withinPercentage(1e-10));
        assertThat(Hypergeometric2F1.value(0.9756, -0.207, 4.218, 0.5))
                .isCloseTo(0.9739423074327953, withinPercentage(1e-10));
        assertThat(Hypergeometric2F1.value(2.5, 1.5, 30.0, 0.99))
                .isCloseTo(1.1445117580031745, withinPercentage(1e-10));
        assertThat(Hypergeometric2F1.value(-0.3, 0.4, 1.7, 0.0)).isEqualTo(1.0);
    }

    @Test
    void closedFormLogarithm() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z (Abramowitz & Stegun 15.1.3)
        for (double z : new double[] {0.1, 0.5, 0.9, 0.99}) {
            assertThat(Hypergeometric2F1.value(1, 1, 2, z)).isCloseTo(-Math.log1p(-z) / z, withinPercentage(1e-9));
        }
    }

    @Test
    void scaledProductOfATinyPrefactorAndAHugeSeries() {
        // 2F1(a, b; b; z) = (1-z)^-a (A&S 15.1.8): (1-z)^a 2F1(a, b; b; z) = 1 for any a
        double z = 0.68;
        double a = 2000; // (1-z)^a = e^-2279: both factors alone are outside the double range
        assertThat(Hypergeometric2F1.scaled(a * Math.log1p(-z), a, 3.5, 3.5, z)).isCloseTo(1.0, withinPercentage(1e-9));
    }

    @Test
    void refusesArgumentsOutsideTheSeriesDomain() {
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, 2, 1.0)).hasMessage("z must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, 2, -0.1)).hasMessageContaining("z must be in [0, 1)");
    }
}
