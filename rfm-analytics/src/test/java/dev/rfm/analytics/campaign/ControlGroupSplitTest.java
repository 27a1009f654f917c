package dev.rfm.analytics.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The control group is reproducible from (seed, customer id) and holds out the share asked for. */
class ControlGroupSplitTest {

    private static final List<String> CUSTOMERS =
            IntStream.range(0, 20_000).mapToObj(i -> "C-" + (100_000 + i)).toList();

    @Test
    void sameSeedSameSplitWhateverTheOrder() {
        ControlGroupSplit split = ControlGroupSplit.of(42, 0.1);
        List<String> control = CUSTOMERS.stream().filter(split::isControl).toList();
        List<String> shuffled = new ArrayList<>(CUSTOMERS);
        Collections.shuffle(shuffled, new Random(7));
        ControlGroupSplit again = ControlGroupSplit.of(42, 0.1);
        assertThat(shuffled.stream().filter(again::isControl).sorted().toList())
                .isEqualTo(control.stream().sorted().toList());
    }

    /**
     * Pinned draws, computed independently by {@code src/test/python/campaign_reference.py}: a change of the hash
     * would silently re-split every stored campaign's seed.
     */
    @Test
    void pinnedDraws() {
        ControlGroupSplit split = ControlGroupSplit.of(42, 0.5);
        List<Boolean> groups = Stream.of("C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7", "C-8")
                .map(split::isControl)
                .toList();
        assertThat(groups).containsExactly(PINNED);
        assertThat(ControlGroupSplit.mix64(0)).isZero();
        // SplittableRandom(0).nextLong() is mix64(0 + γ): the same finaliser as the JDK's
        assertThat(ControlGroupSplit.mix64(0x9e3779b97f4a7c15L))
                .isEqualTo(new java.util.SplittableRandom(0).nextLong());
    }

    /** From {@code campaign_reference.py}, which writes the split again from its Javadoc. */
    private static final Boolean[] PINNED = {true, true, false, true, true, true, true, false};

    @Test
    void anotherSeedAnotherSplit() {
        ControlGroupSplit a = ControlGroupSplit.of(1, 0.5);
        ControlGroupSplit b = ControlGroupSplit.of(2, 0.5);
        long same =
                CUSTOMERS.stream().filter(c -> a.isControl(c) == b.isControl(c)).count();
        // independent splits agree on about half the customers: 10,000 ± 4·71
        assertThat(same).isBetween(9_716L, 10_284L);
    }

    /**
     * Property: for any seed and share, the realised control share of n customers is a Binomial(n, share) / n draw,
     * within 4.5 standard errors of the share (a 1-in-150,000 miss per case, so 200 cases fail by chance with
     * probability ~0.1 %; seeds are fixed, so the test is deterministic anyway).
     */
    @ParameterizedTest
    @MethodSource("seedsAndShares")
    void realisedShareIsWithinSamplingError(long seed, double share, int n) {
        ControlGroupSplit split = ControlGroupSplit.of(seed, share);
        long control = CUSTOMERS.subList(0, n).stream().filter(split::isControl).count();
        double standardError = Math.sqrt(share * (1 - share) / n);
        assertThat(Math.abs(control / (double) n - share)).isLessThan(4.5 * standardError);
    }

    static Stream<Arguments> seedsAndShares() {
        Random random = new Random(2026);
        double[] shares = {0.01, 0.05, 0.1, 0.2, 0.5, 0.9};
        return IntStream.range(0, 200)
                .mapToObj(i -> Arguments.of(
                        random.nextLong(), shares[i % shares.length], 500 + random.nextInt(CUSTOMERS.size() - 500)));
    }

    /** Draws are uniform: ten equal bins of 20,000 draws each get 2,000 ± 4·42. */
    @Test
    void drawsAreUniform() {
        ControlGroupSplit split = ControlGroupSplit.of(99, 0.1);
        int[] bins = new int[10];
        for (String c : CUSTOMERS) bins[(int) (split.uniform(c) * 10)]++;
        assertThat(IntStream.of(bins).boxed().toList())
                .allSatisfy(count -> assertThat(count).isBetween(1_832, 2_168));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, -0.1, 1.5, Double.NaN})
    void refusesSharesOutsideZeroToOne(double share) {
        assertThatThrownBy(() -> ControlGroupSplit.of(1, share)).hasMessageContaining("controlShare");
    }
}
