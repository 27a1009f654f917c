package dev.rfm.analytics.computation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.migration.AssignmentKind;
import dev.rfm.analytics.migration.PreviousAssignments;
import dev.rfm.analytics.profile.DimensionRule;
import dev.rfm.analytics.profile.MonetaryBasis;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.segment.SegmentScheme;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over seeded random populations (refunds, prospects, ties) and profiles (3-5 bins, quantile or
 * fixed, total or average, windows): in every scheme and for stages the summary rows account for
 * every member exactly once, shares sum to 1, and migration matrices count every customer.
 */
class SummaryPropertiesTest {

    private static final LocalDate REFERENCE = LocalDate.of(2024, 6, 1);

    static Stream<Arguments> seeds() {
        return IntStream.range(0, 25).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sharesSumToOneAndEveryCustomerIsCountedOnce(int seed) {
        var random = new SplittableRandom(seed);
        int bins = 3 + random.nextInt(3);
        var profile = ScoringProfile.builder()
                .bins(bins)
                .windowMonths(random.nextBoolean() ? 0 : 12)
                .frequency(random.nextBoolean() ? DimensionRule.quantile() : fixedFrequency(bins))
                .monetaryBasis(random.nextBoolean() ? MonetaryBasis.TOTAL : MonetaryBasis.AVERAGE)
                .build();
        CustomerHistories histories = population(random, profile, 200 + random.nextInt(800));

        ScoringOutcome outcome = ScoringComputation.compute(
                histories, profile, ScoringComputationTest.CUSTOM, PreviousAssignments.none(), ProgressListener.NONE);

        for (SegmentScheme scheme : SegmentScheme.values()) {
            List<SummaryRow> rows = outcome.segmentSummary(scheme);
            assertThat(rows.stream().mapToLong(SummaryRow::customers).sum()).isEqualTo(outcome.scoredCustomers());
            if (outcome.scoredCustomers() > 0) {
                assertThat(rows.stream().mapToDouble(SummaryRow::share).sum())
                        .as("%s customer shares", scheme)
                        .isCloseTo(1, within(1e-9));
            }
            double revenue =
                    rows.stream().mapToDouble(r -> r.revenue().doubleValue()).sum();
            if (revenue != 0) {
                assertThat(rows.stream().mapToDouble(SummaryRow::revenueShare).sum())
                        .as("%s revenue shares", scheme)
                        .isCloseTo(1, within(1e-9));
            }
        }
        assertThat(outcome.stageSummary().stream()
                        .mapToLong(SummaryRow::customers)
                        .sum())
                .isEqualTo(outcome.size());
        assertThat(outcome.stageSummary().stream()
                        .mapToDouble(SummaryRow::share)
                        .sum())
                .isCloseTo(1, within(1e-9));
        List<SummaryRow> abc = outcome.abcSummary();
        assertThat(abc).extracting(r -> r.definition().code()).containsExactly("A", "B", "C");
        assertThat(abc.stream().mapToLong(SummaryRow::customers).sum()).isEqualTo(outcome.scoredCustomers());
        double abcRevenue =
                abc.stream().mapToDouble(r -> r.revenue().doubleValue()).sum();
        if (abcRevenue > 0) {
            // Pareto: A holds at least 80 % of the positive revenue, A and B at least 95 %; refunds (always C) only
            // shrink the total the shares are taken of
            assertThat(abc.get(0).revenueShare()).as("A's revenue share").isGreaterThanOrEqualTo(0.8 - 1e-9);
            assertThat(abc.get(0).revenueShare() + abc.get(1).revenueShare())
                    .as("A and B's revenue share")
                    .isGreaterThanOrEqualTo(0.95 - 1e-9);
        }
        for (AssignmentKind kind : AssignmentKind.values()) {
            assertThat(outcome.migration(kind).total()).isEqualTo(outcome.size());
        }
    }

    private static DimensionRule fixedFrequency(int bins) {
        return switch (bins) {
            case 3 -> DimensionRule.fixed("1", "3");
            case 4 -> DimensionRule.fixed("1", "2", "4");
            default -> DimensionRule.fixed("1", "2", "3", "5");
        };
    }

    private static CustomerHistories population(SplittableRandom random, ScoringProfile profile, int customers) {
        var builder = ScoringComputation.historiesBuilder(profile, REFERENCE);
        int reference = (int) REFERENCE.toEpochDay();
        for (int id = 1; id <= customers; id++) {
            if (random.nextInt(10) == 0) {
                builder.addCustomer(id); // prospect
                continue;
            }
            int orders = 1 + (random.nextInt(3) == 0 ? random.nextInt(12) : 0);
            int day = reference - 1 - random.nextInt(900);
            int[] days = new int[orders];
            for (int k = 0; k < orders; k++) {
                days[k] = day + random.nextInt(Math.max(1, reference - day));
            }
            java.util.Arrays.sort(days);
            for (int d : days) {
                long amount = random.nextInt(8) == 0 ? -random.nextLong(1, 500_000) : 10_000L * random.nextInt(1, 300);
                builder.add(id, d, amount);
            }
        }
        return builder.build();
    }
}
