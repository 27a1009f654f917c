package dev.rfm.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every scoring rule must keep, over seeded random populations (seeds are fixed, so a
 * failure reproduces). Populations mix heavy ties (geometric frequencies) and distinct values.
 */
class CutPointsPropertiesTest {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return java.util.stream.IntStream.range(0, 60)
                .mapToObj(seed -> org.junit.jupiter.params.provider.Arguments.of(seed, 3 + seed % 3));
    }

    @ParameterizedTest(name = "seed {0}, {1} bins")
    @MethodSource("cases")
    void aBetterValueNeverScoresLowerAndEqualValuesScoreEqual(int seed, int bins) {
        var random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(2_000);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            // geometric: many ties at small values, like purchase counts
            values[i] = seed % 2 == 0 ? geometric(random) : random.nextLong(-1_000, 1_000_000);
        }
        for (Dimension dimension : Dimension.values()) {
            CutPoints cuts = CutPoints.quantiles(dimension, values, n, bins);
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            for (int i = 1; i < n; i++) {
                int lower = cuts.score(sorted[i - 1]);
                int higher = cuts.score(sorted[i]);
                assertThat(lower).isBetween(1, bins);
                if (sorted[i] == sorted[i - 1]) {
                    assertThat(higher).isEqualTo(lower);
                } else if (dimension.reversed()) {
                    assertThat(higher)
                            .as("recency %d vs %d", sorted[i], sorted[i - 1])
                            .isLessThanOrEqualTo(lower);
                } else {
                    assertThat(higher).isGreaterThanOrEqualTo(lower);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} bins")
    @MethodSource("cases")
    void distinctValuesFillEveryBinWithinOneCustomerOfAnEqualShare(int seed, int bins) {
        var random = new SplittableRandom(1_000 + seed);
        int n = bins + random.nextInt(5_000);
        long[] values = random.longs(0, Long.MAX_VALUE / 2).distinct().limit(n).toArray();
        CutPoints cuts = CutPoints.quantiles(Dimension.MONETARY, values, n, bins);

        int[] counts = new int[bins + 1];
        for (long v : values) {
            counts[cuts.score(v)]++;
        }
        for (int b = 1; b <= bins; b++) {
            // HF1 puts ceil(n b / bins) - ceil(n (b-1) / bins) values in bin b
            assertThat((double) counts[b]).isCloseTo((double) n / bins, org.assertj.core.data.Offset.offset(1.0));
        }
    }

    private static long geometric(SplittableRandom random) {
        long k = 1;
        while (random.nextDouble() < 0.45) {
            k++;
        }
        return k;
    }
}
