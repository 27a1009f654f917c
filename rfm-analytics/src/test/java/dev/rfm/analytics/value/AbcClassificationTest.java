package dev.rfm.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Hand-computed ABC classes; cumulative shares are worked out beside each case. */
class AbcClassificationTest {

    private static AbcClass[] classes(long... revenue) {
        AbcClassification abc = AbcClassification.of(revenue, revenue.length);
        AbcClass[] result = new AbcClass[revenue.length];
        for (int i = 0; i < revenue.length; i++) {
            result[i] = abc.classOf(revenue[i]);
        }
        return result;
    }

    @Test
    void theCustomerCrossingEightyPercentIsA() {
        // total 100; revenue above each: 0, 50, 80, 90, 95, 98
        // 30 crosses 80 % (50 -> 80): A; 10 starts at 80 %: B; 5 crosses 95 % (90 -> 95): B; 3 starts at 95: C
        assertThat(classes(50, 30, 10, 5, 3, 2))
                .containsExactly(AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.B, AbcClass.C, AbcClass.C);
        AbcClassification abc = AbcClassification.of(new long[] {2, 3, 5, 10, 30, 50}, 6);
        assertThat(abc.minimumForA()).isEqualByComparingTo(new BigDecimal("0.0030"));
        assertThat(abc.minimumForB()).isEqualByComparingTo(new BigDecimal("0.0005"));
        assertThat(abc.totalPositiveRevenue()).isEqualByComparingTo(new BigDecimal("0.0100"));
    }

    @Test
    void aCustomerStartingExactlyAtTheLineIsInTheNextClass() {
        // total 100: 80 is the first 80 % exactly, so 15 (above = 80) is B and 5 (above = 95) is C
        assertThat(classes(80, 15, 5)).containsExactly(AbcClass.A, AbcClass.B, AbcClass.C);
    }

    @Test
    void tiesShareTheClassAndRevenueAtOrBelowZeroIsC() {
        // positive total 120 (the -5 and 0 do not count); above: 60 -> 0, both 30s -> 60 (< 96): A
        assertThat(classes(30, -5, 60, 0, 30))
                .containsExactly(AbcClass.A, AbcClass.C, AbcClass.A, AbcClass.C, AbcClass.A);
        // total 100; both 40s have 0 above: A; 20 has 80 above: B (a rank order would split the 40s)
        assertThat(classes(40, 40, 20)).containsExactly(AbcClass.A, AbcClass.A, AbcClass.B);
    }

    @Test
    void withoutPositiveRevenueEveryoneIsC() {
        AbcClassification abc = AbcClassification.of(new long[] {0, -10}, 2);

        assertThat(abc.classOf(0)).isEqualTo(AbcClass.C);
        assertThat(abc.classOf(-10)).isEqualTo(AbcClass.C);
        assertThat(abc.minimumForA()).isNull();
        assertThat(abc.minimumForB()).isNull();
    }

    @Test
    void comparesExactlyNearTheLongRange() {
        long big = Long.MAX_VALUE / 4; // 5 * cumulative would overflow a long
        // total = 3 big + 1; above the second big = big (33 %): A; above the third = 2 big (67 %): A
        assertThat(classes(big, big - 1, big - 2, 4)).containsExactly(AbcClass.A, AbcClass.A, AbcClass.A, AbcClass.C);
    }
}
