package dev.rfm.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked cut points. The quantile values were cross-checked with NumPy 2.4 {@code
 * np.quantile(v, j/bins, method="inverted_cdf")} (Hyndman-Fan definition 1).
 */
class CutPointsTest {

    private static long[] values(long... v) {
        return v;
    }

    @Test
    void quintilesOfOneToTenSplitIntoPairs() {
        // ceil(10 * j / 5) = 2, 4, 6, 8 -> the 2nd, 4th, 6th, 8th smallest values
        CutPoints f = CutPoints.quantiles(Dimension.FREQUENCY, values(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 10, 5);

        assertThat(f.method()).isEqualTo(BinningMethod.QUANTILE);
        assertThat(f.population()).isEqualTo(10);
        assertThat(new long[] {f.upperBound(1), f.upperBound(2), f.upperBound(3), f.upperBound(4)})
                .containsExactly(2, 4, 6, 8);
        assertThat(new int[] {f.score(1), f.score(2), f.score(3), f.score(8), f.score(9), f.score(10)})
                .containsExactly(1, 1, 2, 4, 5, 5);
    }

    @Test
    void recencyIsReversedSoTheMostRecentScoreHighest() {
        CutPoints r = CutPoints.quantiles(Dimension.RECENCY, values(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), 10, 5);

        assertThat(r.score(1)).isEqualTo(5);
        assertThat(r.score(2)).isEqualTo(5);
        assertThat(r.score(3)).isEqualTo(4);
        assertThat(r.score(10)).isEqualTo(1);
    }

    @Test
    void tiedValuesShareABinAndBinsBetweenRepeatedBoundsStayEmpty() {
        // NumPy inverted_cdf quintiles of [1,1,1,1,1,1,2,3,4,5]: 1, 1, 1, 3
        CutPoints f = CutPoints.quantiles(Dimension.FREQUENCY, values(1, 1, 1, 1, 1, 1, 2, 3, 4, 5), 10, 5);

        assertThat(f.upperBoundsAsDecimals()).containsExactly(bd("1"), bd("1"), bd("1"), bd("3"));
        assertThat(f.score(1)).isEqualTo(1); // all six one-time buyers together
        assertThat(f.score(2)).isEqualTo(4); // 1 < 2 <= 3: bins 2 and 3 are empty
        assertThat(f.score(3)).isEqualTo(4);
        assertThat(f.score(4)).isEqualTo(5);
    }

    @Test
    void unsortedInputAndThreeBins() {
        // NumPy inverted_cdf terciles of [3,1,4,1,5,9,2,6,5,3,5]: 3, 5
        long[] v = values(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5);
        CutPoints m = CutPoints.quantiles(Dimension.MONETARY, v, v.length, 3);

        assertThat(m.upperBound(1)).isEqualTo(3);
        assertThat(m.upperBound(2)).isEqualTo(5);
        assertThat(m.upperBoundsAsDecimals()).containsExactly(new BigDecimal("0.0003"), new BigDecimal("0.0005"));
        assertThat(v).containsExactly(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5); // input untouched
    }

    @Test
    void onlyTheFirstCountValuesFormThePopulation() {
        CutPoints f = CutPoints.quantiles(Dimension.FREQUENCY, values(7, 100, 100, 100), 1, 5);

        assertThat(f.upperBoundsAsDecimals()).containsOnly(bd("7"));
        assertThat(f.score(7)).isEqualTo(1);
        assertThat(f.score(8)).isEqualTo(5);
    }

    @Test
    void fixedThresholdsKeepTheSameBinSemantics() {
        // recency <= 30 -> 5, 31..90 -> 4, 91..180 -> 3, 181..365 -> 2, > 365 -> 1
        CutPoints r = CutPoints.fixed(Dimension.RECENCY, 5, 30, 90, 180, 365);

        assertThat(r.method()).isEqualTo(BinningMethod.FIXED);
        assertThat(new int[] {r.score(1), r.score(30), r.score(31), r.score(180), r.score(365), r.score(366)})
                .containsExactly(5, 5, 4, 3, 2, 1);
    }

    @Test
    void rejectsBadParametersNamingTheField() {
        assertThatThrownBy(() -> CutPoints.fixed(Dimension.FREQUENCY, 5, 1, 2, 3))
                .hasMessage("frequency thresholds must have bins - 1 = 4 values, had 3");
        assertThatThrownBy(() -> CutPoints.fixed(Dimension.MONETARY, 3, 5, 5))
                .hasMessage("monetary thresholds must ascend strictly, but 5 follows 5");
        assertThatThrownBy(() -> CutPoints.quantiles(Dimension.RECENCY, values(1), 1, 6))
                .hasMessage("bins must be between 3 and 5, was 6");
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
