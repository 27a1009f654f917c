package dev.rfm.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * BG/NBD formulas at the published CDNOW estimates (weeks) against src/test/python/clv_reference.py,
 * which evaluates the papers' equations directly with SciPy (no Euler transformation, no log
 * space). Relative tolerance 1e-9 %, i.e. agreement to about 11 digits.
 */
class BgNbdParametersTest {

    private static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.WEEKS);
    private static final double TIGHT = 1e-9;

    @Test
    void logLikelihoodOfSingleCustomers() {
        assertThat(CDNOW.logLikelihood(0, 0, 38.86)).isCloseTo(-0.5547132764381585, withinPercentage(TIGHT));
        assertThat(CDNOW.logLikelihood(2, 30.43, 38.86)).isCloseTo(-9.458606307066272, withinPercentage(TIGHT));
        assertThat(CDNOW.logLikelihood(7, 29.43, 35.14)).isCloseTo(-21.40027765812933, withinPercentage(TIGHT));
    }

    @Test
    void probabilityAlive() {
        assertThat(CDNOW.probabilityAlive(0, 0, 38.86)).isEqualTo(1.0);
        assertThat(CDNOW.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.726578570080673, withinPercentage(TIGHT));
        assertThat(CDNOW.probabilityAlive(1, 1.71, 38.86)).isCloseTo(0.2121009853773791, withinPercentage(TIGHT));
        // a heavy buyer long gone: the odds overflow a naive power, the log form does not
        assertThat(CDNOW.probabilityAlive(400, 1, 1000)).isBetween(0.0, 1e-300);
    }

    @Test
    void conditionalExpectedPurchases() {
        assertThat(CDNOW.conditionalExpectedPurchases(39, 0, 0, 38.86))
                .isCloseTo(0.19509805201125396, withinPercentage(TIGHT));
        assertThat(CDNOW.conditionalExpectedPurchases(39, 2, 30.43, 38.86))
                .isCloseTo(1.226028174767135, withinPercentage(TIGHT));
        assertThat(CDNOW.conditionalExpectedPurchases(39, 1, 1.71, 38.86))
                .isCloseTo(0.20318698707975108, withinPercentage(TIGHT));
        assertThat(CDNOW.conditionalExpectedPurchases(39, 7, 29.43, 35.14))
                .isCloseTo(4.331918639647541, withinPercentage(TIGHT));
        assertThat(CDNOW.conditionalExpectedPurchases(0, 7, 29.43, 35.14)).isZero();
    }

    @Test
    void unconditionalExpectedPurchases() {
        assertThat(CDNOW.expectedPurchases(1)).isCloseTo(0.05326789117165627, withinPercentage(TIGHT));
        assertThat(CDNOW.expectedPurchases(3)).isCloseTo(0.15086523089304896, withinPercentage(TIGHT));
        assertThat(CDNOW.expectedPurchases(32)).isCloseTo(1.045243328374436, withinPercentage(TIGHT));
        assertThat(CDNOW.expectedPurchases(78)).isCloseTo(1.8605190579427455, withinPercentage(TIGHT));
    }

    @Test
    void largeHistoriesStayFinite() {
        // x = 500: the untransformed series' terms grow like n^(x+r-a) and overflow
        double e = CDNOW.conditionalExpectedPurchases(52, 500, 70, 78);
        assertThat(e).isFinite().isPositive();
    }

    @Test
    void degenerateFitsWithLargeAStayFinite() {
        // a = 846.6: (1-z)^(a-1) = e^-963 and the Euler series ~ e^+963; reference: mpmath at 50
        // digits from the untransformed equation (clv_reference.py)
        var large = new BgNbdParameters(0.5, 20, 846.6, 64980.5, ModelTimeUnit.DAYS);

        assertThat(large.expectedPurchasesIfAlive(64, 3, 10)).isCloseTo(7.0279650844256213, withinPercentage(1e-9));
    }

    @Test
    void changingTheUnitOnlyRescalesAlpha() {
        BgNbdParameters days = CDNOW.inUnit(ModelTimeUnit.DAYS);

        assertThat(days.alpha()).isCloseTo(4.414 * 7, within(1e-12));
        assertThat(days.r()).isEqualTo(CDNOW.r());
        assertThat(days.conditionalExpectedPurchases(39 * 7, 2, 30.43 * 7, 38.86 * 7))
                .isCloseTo(CDNOW.conditionalExpectedPurchases(39, 2, 30.43, 38.86), withinPercentage(1e-10));
    }

    @Test
    void aNearOneIsContinuous() {
        // (a-1) cancels in equations 9 and 10; near a = 1 the code averages 1 +- 1e-4
        double below = new BgNbdParameters(0.5, 10, 1 - 2e-4, 2, ModelTimeUnit.WEEKS).expectedPurchases(20);
        double at = new BgNbdParameters(0.5, 10, 1.0, 2, ModelTimeUnit.WEEKS).expectedPurchases(20);
        double above = new BgNbdParameters(0.5, 10, 1 + 2e-4, 2, ModelTimeUnit.WEEKS).expectedPurchases(20);

        assertThat(at).isFinite().isCloseTo((below + above) / 2, withinPercentage(1e-3));
    }

    @Test
    void rejectsInvalidParametersNamingTheField() {
        assertThatThrownBy(() -> new BgNbdParameters(0, 1, 1, 1, ModelTimeUnit.DAYS))
                .hasMessage("r must be positive and finite, was 0.0");
        assertThatThrownBy(() -> new BgNbdParameters(1, Double.NaN, 1, 1, ModelTimeUnit.DAYS))
                .hasMessage("alpha must be positive and finite, was NaN");
        assertThatThrownBy(() -> CDNOW.expectedPurchases(-1)).hasMessage("t must be >= 0 and finite, was -1.0");
    }
}
