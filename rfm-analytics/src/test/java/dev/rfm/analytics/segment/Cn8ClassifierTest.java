package dev.rfm.analytics.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * One hand-made customer per cn8 octant. The population below has means recency 50 days,
 * frequency 3 and monetary 100.00 (sums 400, 24, 800.00 over 8 customers); R High = recency &le;
 * 50, F High = frequency &ge; 3, M High = monetary &ge; 100.00.
 */
class Cn8ClassifierTest {

    // recency days, frequency, monetary (ten-thousandths)
    private static final long[][] CUSTOMERS = {
        {10, 5, 200_0000}, // R H, F H, M H
        {20, 1, 150_0000}, // R H, F L, M H
        {90, 6, 180_0000}, // R L, F H, M H
        {80, 2, 120_0000}, // R L, F L, M H
        {30, 4, 40_0000}, // R H, F H, M L
        {40, 1, 20_0000}, // R H, F L, M L
        {70, 3, 60_0000}, // R L, F H (3 = mean), M L
        {60, 2, 30_0000}, // R L, F L, M L
    };

    private final Cn8Classifier classifier = Cn8Classifier.of(400, 24, 800_0000, 8);

    @Test
    void oneCustomerPerOctant() {
        Cn8Segment[] expected = {
            Cn8Segment.IMPORTANT_VALUE,
            Cn8Segment.IMPORTANT_DEVELOP,
            Cn8Segment.IMPORTANT_KEEP,
            Cn8Segment.IMPORTANT_WINBACK,
            Cn8Segment.GENERAL_VALUE,
            Cn8Segment.GENERAL_DEVELOP,
            Cn8Segment.GENERAL_KEEP,
            Cn8Segment.GENERAL_WINBACK
        };
        for (int i = 0; i < CUSTOMERS.length; i++) {
            long[] c = CUSTOMERS[i];
            assertThat(classifier.segmentOf(c[0], c[1], c[2]))
                    .as("customer %d", i)
                    .isEqualTo(expected[i]);
        }
    }

    @Test
    void namesAndDirectionsAsInDomainMd() {
        assertThat(Cn8Segment.IMPORTANT_KEEP.definition().nameZh()).isEqualTo("重要保持客户");
        assertThat(Cn8Segment.IMPORTANT_KEEP.recencyHigh()).isFalse();
        assertThat(Cn8Segment.IMPORTANT_KEEP.frequencyHigh()).isTrue();
        assertThat(Cn8Segment.IMPORTANT_DEVELOP.definition().nameZh()).isEqualTo("重要发展客户");
        assertThat(Cn8Segment.IMPORTANT_DEVELOP.recencyHigh()).isTrue();
        assertThat(Cn8Segment.IMPORTANT_DEVELOP.frequencyHigh()).isFalse();
        assertThat(Cn8Segment.GENERAL_WINBACK.definition().actionEn()).isEqualTo("Low-cost upkeep");
    }

    @Test
    void exactlyAtTheMeanIsHighInEveryDimension() {
        assertThat(classifier.segmentOf(50, 3, 100_0000)).isEqualTo(Cn8Segment.IMPORTANT_VALUE);
        assertThat(classifier.segmentOf(51, 2, 99_9999)).isEqualTo(Cn8Segment.GENERAL_WINBACK);
    }

    @Test
    void comparisonsAreExactWhereTheMeanIsNotADecimal() {
        // recency 1, 1, 2: mean 4/3; frequency 1, 1, 2: mean 4/3
        Cn8Classifier thirds = Cn8Classifier.of(4, 4, 3, 3);

        assertThat(thirds.segmentOf(1, 2, 1).recencyHigh()).isTrue();
        assertThat(thirds.segmentOf(2, 1, 1).recencyHigh()).isFalse();
        assertThat(thirds.segmentOf(2, 1, 1).frequencyHigh()).isFalse();
        assertThat(thirds.segmentOf(2, 1, 1).monetaryHigh()).isTrue(); // 1 >= 3/3
        assertThat(thirds.meanRecencyDays()).isEqualByComparingTo("1.33");
    }

    @Test
    void displaysTheMeans() {
        assertThat(classifier.meanRecencyDays()).isEqualByComparingTo("50.00");
        assertThat(classifier.meanFrequency()).isEqualByComparingTo("3.00");
        assertThat(classifier.meanMonetary()).isEqualTo(new BigDecimal("100.0000"));
    }
}
