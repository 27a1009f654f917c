package dev.rfm.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void convertsExactlyBetweenDecimalAndTenThousandths() {
        assertThat(Amounts.toTenThousandths(new BigDecimal("29.33"))).isEqualTo(293_300);
        assertThat(Amounts.toTenThousandths(new BigDecimal("-0.0001"))).isEqualTo(-1);
        assertThat(Amounts.toDecimal(293_300)).isEqualByComparingTo("29.33").hasScaleOf(4);
        assertThatThrownBy(() -> Amounts.toTenThousandths(new BigDecimal("0.00001")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void roundsAModelsValueHalfUpToTenThousandthsAsStored() {
        assertThat(Amounts.roundToTenThousandths(12.34565)).isEqualTo(123_457); // half up, from its decimal form
        assertThat(Amounts.roundToTenThousandths(12.34564)).isEqualTo(123_456);
        assertThat(Amounts.roundToTenThousandths(-0.00005)).isEqualTo(-1); // half up is away from zero
        assertThat(Amounts.roundToTenThousandths(0.1 + 0.2)).isEqualTo(3_000); // 0.30000000000000004
        assertThatThrownBy(() -> Amounts.roundToTenThousandths(Double.NaN)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void dividesRoundingHalfToEven() {
        assertThat(Amounts.divideHalfEven(5, 2)).isEqualTo(2); // 2.5 -> 2
        assertThat(Amounts.divideHalfEven(7, 2)).isEqualTo(4); // 3.5 -> 4
        assertThat(Amounts.divideHalfEven(-5, 2)).isEqualTo(-2); // -2.5 -> -2
        assertThat(Amounts.divideHalfEven(-7, 2)).isEqualTo(-4); // -3.5 -> -4
        assertThat(Amounts.divideHalfEven(10, 3)).isEqualTo(3); // 3.33 -> 3
        assertThat(Amounts.divideHalfEven(20, 3)).isEqualTo(7); // 6.67 -> 7
        assertThat(Amounts.divideHalfEven(-20, 3)).isEqualTo(-7);
        assertThatThrownBy(() -> Amounts.divideHalfEven(1, 0)).hasMessageContaining("denominator");
    }

    @Test
    void comparesProductsExactlyBeyondTheLongRange() {
        long big = Long.MAX_VALUE / 2;
        assertThat(Amounts.compareProducts(big, 5, big, 4)).isPositive(); // both products overflow a long
        assertThat(Amounts.compareProducts(big, 4, 2 * big, 2)).isZero();
        assertThat(Amounts.compareProducts(-big, 5, big, 4)).isNegative();
        assertThat(Amounts.compareProducts(3, 7, 7, 3)).isZero();
        assertThat(Amounts.compareProducts(10, 3, 31, 1)).isNegative();
    }
}
