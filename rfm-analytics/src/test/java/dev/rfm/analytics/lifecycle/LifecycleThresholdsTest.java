package dev.rfm.analytics.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.analytics.history.CustomerHistories;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LifecycleThresholdsTest {

    private static final LocalDate REFERENCE = LocalDate.of(2024, 1, 1);
    private static final int START = (int) LocalDate.of(2022, 1, 1).toEpochDay();

    /** Repeat customers with one repeat purchase each, mean gap = the given days. */
    private static CustomerHistories repeatCustomersWithGaps(int... gaps) {
        var builder = CustomerHistories.builder(REFERENCE);
        long id = 1;
        for (int gap : gaps) {
            builder.add(id, START, 10_0000);
            builder.add(id, START + gap, 10_0000);
            id++;
        }
        builder.add(id, START, 10_0000); // a one-time buyer does not count
        return builder.build();
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).toArray();
    }

    @Test
    void dormantIsTheNinetiethPercentileOfMeanGapsAndLostTwiceThat() {
        // gaps 1..200: HF1 90th percentile = the ceil(200 * 0.9) = 180th smallest = 180
        LifecycleThresholds t = LifecycleThresholds.derivedFrom(repeatCustomersWithGaps(range(1, 200)), 30);

        assertThat(t).isEqualTo(new LifecycleThresholds(30, 180, 360, LifecycleThresholds.Source.DERIVED, 200));
    }

    @Test
    void meanGapIsRoundedUpPerCustomer() {
        // one customer buying on days 0, 10, 21: x = 2, t_x = 21, mean gap ceil(10.5) = 11; 39 more with gap 100
        var builder = CustomerHistories.builder(REFERENCE);
        builder.add(1, START, 1);
        builder.add(1, START + 10, 1);
        builder.add(1, START + 21, 1);
        for (int id = 2; id <= 40; id++) {
            builder.add(id, START, 1);
            builder.add(id, START + 100, 1);
        }
        // 40 gaps: one 11, 39 x 100; the 36th smallest is 100
        assertThat(LifecycleThresholds.derivedFrom(builder.build(), 30).dormantDays())
                .isEqualTo(100);
    }

    @Test
    void derivedDormantThresholdHasAFloorOfThirtyDays() {
        LifecycleThresholds t = LifecycleThresholds.derivedFrom(repeatCustomersWithGaps(range(1, 50)), 14);

        // 90th percentile of 1..50 is 45 -> above the floor
        assertThat(t.dormantDays()).isEqualTo(45);
        LifecycleThresholds shortGaps = LifecycleThresholds.derivedFrom(repeatCustomersWithGaps(range(1, 31)), 14);
        // 90th percentile of 1..31 is the 28th value = 28 -> floor 30
        assertThat(shortGaps.dormantDays()).isEqualTo(30);
        assertThat(shortGaps.lostDays()).isEqualTo(60);
    }

    @Test
    void tooFewRepeatCustomersFallBackAndSaySo() {
        LifecycleThresholds t = LifecycleThresholds.derivedFrom(repeatCustomersWithGaps(range(1, 29)), 30);

        assertThat(t).isEqualTo(new LifecycleThresholds(30, 90, 180, LifecycleThresholds.Source.DERIVED_FALLBACK, 29));
    }

    @Test
    void rejectsInconsistentThresholdsNamingTheField() {
        assertThatThrownBy(() -> LifecycleThresholds.fixed(30, 90, 90))
                .hasMessage("lostDays must be greater than dormantDays 90, was 90");
        assertThatThrownBy(() -> LifecycleThresholds.fixed(0, 90, 180)).hasMessage("newWindowDays must be >= 1, was 0");
        assertThatThrownBy(() -> LifecycleThresholds.fixed(30, 0, 180)).hasMessage("dormantDays must be >= 1, was 0");
    }
}
