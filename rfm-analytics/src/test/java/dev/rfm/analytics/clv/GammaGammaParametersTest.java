package dev.rfm.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Note 025's conditional expectation by hand at p = 6.25, q = 3.74, gamma = 15.44. */
class GammaGammaParametersTest {

    private final GammaGammaParameters cdnow = new GammaGammaParameters(6.25, 3.74, 15.44);

    @Test
    void populationMeanAndConditionalMeans() {
        // p gamma / (q - 1) = 96.5 / 2.74
        assertThat(cdnow.populationMean()).isCloseTo(35.218978102189780, within(1e-12));
        assertThat(cdnow.conditionalExpectedValue(0, 123)).isCloseTo(35.218978102189780, within(1e-12));
        // 6.25 (15.44 + 2 * 22.35) / (12.5 + 2.74) = 375.875 / 15.24
        assertThat(cdnow.conditionalExpectedValue(2, 22.35)).isCloseTo(24.663713910761155, within(1e-12));
        // refunds left no positive repeat spend: m_x counts as 0 -> 6.25 * 15.44 / (6.25 + 2.74)
        assertThat(cdnow.conditionalExpectedValue(1, -5)).isCloseTo(10.734149054505006, within(1e-12));
    }

    @Test
    void meanUndefinedWhenQAtMostOne() {
        GammaGammaParameters heavyTail = new GammaGammaParameters(2, 0.9, 10);

        assertThat(heavyTail.populationMean()).isNaN();
        assertThat(heavyTail.conditionalExpectedValue(0, 0)).isNaN();
        assertThat(heavyTail.conditionalExpectedValue(1, 5)).isCloseTo(2 * 15 / 1.9, within(1e-12));
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> new GammaGammaParameters(1, -1, 1))
                .hasMessage("q must be positive and finite, was -1.0");
        assertThatThrownBy(() -> cdnow.conditionalExpectedValue(-1, 1)).hasMessage("x must be >= 0, was -1");
    }
}
