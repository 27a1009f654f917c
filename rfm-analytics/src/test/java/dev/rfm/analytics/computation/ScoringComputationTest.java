package dev.rfm.analytics.computation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rfm.analytics.clv.ModelFit;
import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.lifecycle.LifecycleThresholds;
import dev.rfm.analytics.migration.AssignmentKind;
import dev.rfm.analytics.migration.MigrationMatrix;
import dev.rfm.analytics.migration.PreviousAssignments;
import dev.rfm.analytics.profile.LifecycleRule;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.scoring.Dimension;
import dev.rfm.analytics.segment.Cn8Segment;
import dev.rfm.analytics.segment.CustomSegmentRule;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.analytics.segment.Range;
import dev.rfm.analytics.segment.SegmentDefinition;
import dev.rfm.analytics.segment.SegmentScheme;
import dev.rfm.analytics.segment.StandardSegment;
import dev.rfm.analytics.value.AbcClass;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole run over twelve hand-made customers; every expected number was worked out by hand.
 *
 * <pre>
 * id  orders (days before 2024-01-01: amount)      R    F  M      R F M code segment          cn8                ABC stage
 *  1  5: 100                                        5    1  100    5 1 3 513  Promising        GENERAL_DEVELOP    B   new
 *  2  200: 50, 10: 50                               10   2  100    5 2 3 523  Promising        GENERAL_VALUE      B   reactivated (was dormant)
 *  3  400, 300, 20: 100 each                        20   3  300    4 3 4 434  Need Attention   GENERAL_VALUE      B   active
 *  4  40: 10                                        40   1  10     4 1 1 411  New Customers    GENERAL_DEVELOP    C   active
 *  5  700, 600, 500, 400, 60: 200 each              60   5  1000   3 4 5 345  Loyal            IMPORTANT_VALUE    A   reactivated (was lost)
 *  6  100: 30                                       100  1  30     3 1 2 312  About to Sleep   GENERAL_DEVELOP    C   dormant
 *  7  900: 500, 150: 500 and -100 (refund)          150  2  900    2 2 4 224  At Risk          IMPORTANT_VALUE    A   dormant
 *  8  365: 20                                       365  1  20     2 1 1 211  Hibernating      GENERAL_WINBACK    C   lost
 *  9  800, 500: 40 each                             500  2  80     1 2 2 122  Hibernating      GENERAL_KEEP       C   lost
 * 10  1000: 1000                                    1000 1  1000   1 1 5 115  Can't Lose Them  IMPORTANT_WINBACK  A   lost
 * 11  (no orders)                                                  -          -                -                  -   prospect
 * 12  30: -20 (refund only)                                        -          -                -                  -   prospect
 * </pre>
 *
 * R quintile cut points (HF1, indices 1, 3, 5, 7 of the sorted recencies 5 10 20 40 60 100 150 365
 * 500 1000): 10, 40, 100, 365; F fixed 1/2/3/5 (RETAIL); M cut points of 10 20 30 80 100 100 300
 * 900 1000 1000: 20, 80, 100, 900. cn8 means: recency 2250/10 = 225, frequency 19/10 = 1.9,
 * monetary 3540/10 = 354. ABC: total 3540, 80 % = 2832, 95 % = 3363; above-revenue 0 (1000, 1000),
 * 2000 (900) -> A; 2900 (300), 3200 (100, 100) -> B; 3400 (80) and below -> C. Lifecycle: fixed new
 * 30, dormant 90, lost 180 days; previous run as of 2023-10-01 (92 days before).
 */
class ScoringComputationTest {

    private static final LocalDate REFERENCE = LocalDate.of(2024, 1, 1);
    private static final ScoringProfile PROFILE = ScoringProfile.builder()
            .name("TEST")
            .lifecycle(LifecycleRule.fixed(90, 180))
            .build();

    private static ScoringOutcome outcome;
    private static final List<ComputationPhase> phases = new ArrayList<>();
    private static final List<Double> fractions = new ArrayList<>();

    static CustomerHistories histories() {
        var b = ScoringComputation.historiesBuilder(PROFILE, REFERENCE);
        order(b, 1, 5, "100");
        order(b, 2, 200, "50");
        order(b, 2, 10, "50");
        for (int d : new int[] {400, 300, 20}) {
            order(b, 3, d, "100");
        }
        order(b, 4, 40, "10");
        for (int d : new int[] {700, 600, 500, 400, 60}) {
            order(b, 5, d, "200");
        }
        order(b, 6, 100, "30");
        order(b, 7, 900, "500");
        order(b, 7, 150, "500");
        order(b, 7, 150, "-100");
        order(b, 8, 365, "20");
        order(b, 9, 800, "40");
        order(b, 9, 500, "40");
        order(b, 10, 1000, "1000");
        b.addCustomer(11);
        order(b, 12, 30, "-20");
        return b.build();
    }

    private static void order(CustomerHistories.Builder b, long id, int daysBefore, String amount) {
        b.add(
                id,
                (int) REFERENCE.toEpochDay() - daysBefore,
                new BigDecimal(amount).movePointRight(4).longValueExact());
    }

    private static SegmentDefinition rule(String code) {
        return new SegmentDefinition(code, code, code, "who", "谁", "what", "做什么");
    }

    static final CustomSegmentScheme CUSTOM = CustomSegmentScheme.of(List.of(
            CustomSegmentRule.builder(rule("BIG"))
                    .monetary(Range.atLeast("500"))
                    .build(),
            CustomSegmentRule.builder(rule("FRESH"))
                    .stages(EnumSet.of(LifecycleStage.NEW))
                    .build()));

    @BeforeAll
    static void run() {
        PreviousAssignments previous = PreviousAssignments.builder(REFERENCE.minusDays(92))
                .add(2, "PROMISING", null, null, "DORMANT")
                .add(3, "CHAMPIONS", null, null, "ACTIVE")
                .add(5, "AT_RISK", null, null, "LOST")
                .add(6, "NEW_CUSTOMERS", null, null, "ACTIVE")
                .add(7, "AT_RISK", null, null, "DORMANT")
                .add(8, "HIBERNATING", null, null, "DORMANT")
                .add(99, "LOYAL", null, null, "ACTIVE")
                .build();
        outcome = ScoringComputation.compute(histories(), PROFILE, CUSTOM, previous, (phase, fraction) -> {
            phases.add(phase);
            fractions.add(fraction);
        });
    }

    private static int at(long id) {
        return outcome.indexOf(id);
    }

    @Test
    void cutPointsAndScores() {
        assertThat(outcome.cutPoints(Dimension.RECENCY).upperBoundsAsDecimals())
                .containsExactly(bd("10"), bd("40"), bd("100"), bd("365"));
        assertThat(outcome.cutPoints(Dimension.MONETARY).upperBoundsAsDecimals())
                .containsExactly(bd("20.0000"), bd("80.0000"), bd("100.0000"), bd("900.0000"));
        int[] codes = {513, 523, 434, 411, 345, 312, 224, 211, 122, 115};
        for (int id = 1; id <= 10; id++) {
            assertThat(outcome.code(at(id))).as("customer %d", id).isEqualTo(codes[id - 1]);
        }
        assertThat(outcome.scoredCustomers()).isEqualTo(10);
        assertThat(outcome.scored(at(11))).isFalse();
        assertThat(outcome.scored(at(12))).isFalse();
        assertThat(outcome.rfmScore(at(12))).isNull();
        assertThat(outcome.monetary(at(7))).isEqualByComparingTo("900");
    }

    @Test
    void standardAndCn8Segments() {
        StandardSegment[] standard = {
            StandardSegment.PROMISING,
            StandardSegment.PROMISING,
            StandardSegment.NEED_ATTENTION,
            StandardSegment.NEW_CUSTOMERS,
            StandardSegment.LOYAL,
            StandardSegment.ABOUT_TO_SLEEP,
            StandardSegment.AT_RISK,
            StandardSegment.HIBERNATING,
            StandardSegment.HIBERNATING,
            StandardSegment.CANT_LOSE_THEM
        };
        Cn8Segment[] cn8 = {
            Cn8Segment.GENERAL_DEVELOP,
            Cn8Segment.GENERAL_VALUE,
            Cn8Segment.GENERAL_VALUE,
            Cn8Segment.GENERAL_DEVELOP,
            Cn8Segment.IMPORTANT_VALUE,
            Cn8Segment.GENERAL_DEVELOP,
            Cn8Segment.IMPORTANT_VALUE,
            Cn8Segment.GENERAL_WINBACK,
            Cn8Segment.GENERAL_KEEP,
            Cn8Segment.IMPORTANT_WINBACK
        };
        for (int id = 1; id <= 10; id++) {
            assertThat(outcome.standardSegment(at(id))).as("customer %d", id).isEqualTo(standard[id - 1]);
            assertThat(outcome.cn8Segment(at(id))).as("customer %d", id).isEqualTo(cn8[id - 1]);
        }
        assertThat(outcome.standardSegment(at(11))).isNull();
        assertThat(outcome.cn8Means().orElseThrow().meanMonetary()).isEqualByComparingTo("354");
    }

    @Test
    void abcClasses() {
        String expected = "BBBCACACCA";
        for (int id = 1; id <= 10; id++) {
            assertThat(outcome.abcClass(at(id)))
                    .as("customer %d", id)
                    .isEqualTo(AbcClass.valueOf(String.valueOf(expected.charAt(id - 1))));
        }
        assertThat(outcome.abcClassification().minimumForA()).isEqualByComparingTo("900");
        assertThat(outcome.abcClassification().minimumForB()).isEqualByComparingTo("100");
        assertThat(outcome.abcClass(at(12))).isNull();
    }

    @Test
    void lifecycleStagesIncludingReactivated() {
        LifecycleStage[] expected = {
            LifecycleStage.NEW,
            LifecycleStage.REACTIVATED,
            LifecycleStage.ACTIVE,
            LifecycleStage.ACTIVE,
            LifecycleStage.REACTIVATED,
            LifecycleStage.DORMANT,
            LifecycleStage.DORMANT,
            LifecycleStage.LOST,
            LifecycleStage.LOST,
            LifecycleStage.LOST,
            LifecycleStage.PROSPECT,
            LifecycleStage.PROSPECT
        };
        for (int id = 1; id <= 12; id++) {
            assertThat(outcome.stage(at(id))).as("customer %d", id).isEqualTo(expected[id - 1]);
        }
        assertThat(outcome.lifecycleThresholds()).isEqualTo(LifecycleThresholds.fixed(30, 90, 180));
    }

    @Test
    void customSegmentsFirstMatchWins() {
        assertThat(outcome.customSegment(at(5)).code()).isEqualTo("BIG");
        assertThat(outcome.customSegment(at(7)).code()).isEqualTo("BIG");
        assertThat(outcome.customSegment(at(10)).code()).isEqualTo("BIG");
        assertThat(outcome.customSegment(at(1)).code()).isEqualTo("FRESH");
        assertThat(outcome.customSegment(at(3)).code()).isEqualTo("OTHER");
        assertThat(outcome.customSegment(at(11))).isNull();
        assertThat(outcome.previewCustomRules(CUSTOM).entries())
                .extracting(e -> e.customers())
                .containsExactly(3L, 1L, 6L);
    }

    @Test
    void stageMigrationMatrix() {
        MigrationMatrix m = outcome.migration(AssignmentKind.LIFECYCLE_STAGE);

        assertThat(m.count("none", "NEW")).isEqualTo(1); // customer 1
        assertThat(m.count("none", "ACTIVE")).isEqualTo(1); // 4
        assertThat(m.count("none", "LOST")).isEqualTo(2); // 9, 10
        assertThat(m.count("none", "PROSPECT")).isEqualTo(2); // 11, 12
        assertThat(m.count("DORMANT", "REACTIVATED")).isEqualTo(1); // 2
        assertThat(m.count("LOST", "REACTIVATED")).isEqualTo(1); // 5
        assertThat(m.count("ACTIVE", "ACTIVE")).isEqualTo(1); // 3
        assertThat(m.count("ACTIVE", "DORMANT")).isEqualTo(1); // 6
        assertThat(m.count("DORMANT", "DORMANT")).isEqualTo(1); // 7
        assertThat(m.count("DORMANT", "LOST")).isEqualTo(1); // 8
        assertThat(m.count("ACTIVE", "none")).isEqualTo(1); // 99, only in the previous run
        assertThat(m.total()).isEqualTo(13);
    }

    @Test
    void standardSegmentMigrationMatrix() {
        MigrationMatrix m = outcome.migration(AssignmentKind.STANDARD_SEGMENT);

        assertThat(m.count("PROMISING", "PROMISING")).isEqualTo(1); // 2
        assertThat(m.count("CHAMPIONS", "NEED_ATTENTION")).isEqualTo(1); // 3
        assertThat(m.count("AT_RISK", "LOYAL")).isEqualTo(1); // 5
        assertThat(m.count("NEW_CUSTOMERS", "ABOUT_TO_SLEEP")).isEqualTo(1); // 6
        assertThat(m.count("AT_RISK", "AT_RISK")).isEqualTo(1); // 7
        assertThat(m.count("HIBERNATING", "HIBERNATING")).isEqualTo(1); // 8
        assertThat(m.count("LOYAL", "none")).isEqualTo(1); // 99
        assertThat(m.count("none", "PROMISING")).isEqualTo(1); // 1
        assertThat(m.count("none", "NEW_CUSTOMERS")).isEqualTo(1); // 4
        assertThat(m.count("none", "HIBERNATING")).isEqualTo(1); // 9
        assertThat(m.count("none", "CANT_LOSE_THEM")).isEqualTo(1); // 10
        assertThat(m.count("none", "none")).isEqualTo(2); // 11, 12: unscored now and unknown before
        assertThat(m.total()).isEqualTo(13);
        // the cn8 scheme had no previous codes: everyone comes from none
        assertThat(outcome.migration(AssignmentKind.CN8_SEGMENT).count("none", "IMPORTANT_VALUE"))
                .isEqualTo(2);
    }

    @Test
    void summaryRowsOfASegmentAndAStage() {
        SummaryRow promising = outcome.segmentSummary(SegmentScheme.STANDARD).stream()
                .filter(row -> row.code().equals("PROMISING"))
                .findFirst()
                .orElseThrow();
        // customers 1 and 2 of 10 scored; revenue 200 of 3540
        assertThat(promising.customers()).isEqualTo(2);
        assertThat(promising.share()).isCloseTo(0.2, within(1e-15));
        assertThat(promising.revenue()).isEqualByComparingTo("200");
        assertThat(promising.revenueShare()).isCloseTo(200.0 / 3540, within(1e-15));
        assertThat(promising.avgRecencyDays()).isCloseTo(7.5, within(1e-12));
        assertThat(promising.avgFrequency()).isCloseTo(1.5, within(1e-12));
        assertThat(promising.avgMonetary()).isEqualTo(bd("100.0000"));

        SummaryRow lost = outcome.stageSummary().get(LifecycleStage.LOST.ordinal());
        // customers 8, 9, 10 of 12; revenue 1100 of 3520 (3540 minus customer 12's refund)
        assertThat(lost.customers()).isEqualTo(3);
        assertThat(lost.share()).isCloseTo(0.25, within(1e-15));
        assertThat(lost.revenueShare()).isCloseTo(1100.0 / 3520, within(1e-15));
        assertThat(lost.avgRecencyDays()).isCloseTo(1865.0 / 3, within(1e-12));
        assertThat(lost.avgMonetary()).isEqualTo(bd("366.6667")); // 1100 / 3, half-even

        SummaryRow prospects = outcome.stageSummary().get(LifecycleStage.PROSPECT.ordinal());
        assertThat(prospects.customers()).isEqualTo(2);
        assertThat(prospects.revenue()).isEqualByComparingTo("-20");
        assertThat(prospects.avgRecencyDays()).isNull();
        assertThat(prospects.avgMonetary()).isNull();
        assertThat(outcome.segmentSummary(SegmentScheme.STANDARD)).hasSize(11);
        assertThat(outcome.segmentSummary(SegmentScheme.CUSTOM)).hasSize(3);
    }

    @Test
    void sharesSumToOne() {
        for (SegmentScheme scheme : SegmentScheme.values()) {
            List<SummaryRow> rows = outcome.segmentSummary(scheme);
            assertThat(rows.stream().mapToDouble(SummaryRow::share).sum())
                    .as(scheme.name())
                    .isCloseTo(1, within(1e-12));
            assertThat(rows.stream().mapToDouble(SummaryRow::revenueShare).sum())
                    .isCloseTo(1, within(1e-12));
            assertThat(rows.stream().mapToLong(SummaryRow::customers).sum()).isEqualTo(10);
        }
        assertThat(outcome.stageSummary().stream()
                        .mapToDouble(SummaryRow::share)
                        .sum())
                .isCloseTo(1, within(1e-12));
        assertThat(outcome.stageSummary().stream()
                        .mapToLong(SummaryRow::customers)
                        .sum())
                .isEqualTo(12);
    }

    @Test
    void aFailedModelLeavesTheRfmPartAndIsFlagged() {
        // 5 repeat customers: too few for Gamma-Gamma (needs 10)
        assertThat(outcome.spendModel().status()).isEqualTo(ModelFit.Status.FAILED);
        assertThat(outcome.spendModel().message()).contains("needs at least 10");
        assertThat(outcome.modelPartFailed()).isTrue();
        for (int i = 0; i < outcome.size(); i++) {
            assertThat(outcome.predictedClv(i)).isNaN();
            assertThat(outcome.expectedAverageOrderValue(i)).isNaN();
        }
        assertThat(outcome.segmentSummary(SegmentScheme.STANDARD).get(0).avgPredictedClv())
                .isNull();
        assertThat(outcome.code(at(1))).isEqualTo(513);
    }

    @Test
    void oneCustomersResults() {
        CustomerResult c7 = outcome.customer(7).orElseThrow();

        assertThat(c7.recencyDays()).isEqualTo(150);
        assertThat(c7.frequency()).isEqualTo(2);
        assertThat(c7.score()).hasToString("224");
        assertThat(c7.standardSegment()).isEqualTo("AT_RISK");
        assertThat(c7.cn8Segment()).isEqualTo("IMPORTANT_VALUE");
        assertThat(c7.stage()).isEqualTo(LifecycleStage.DORMANT);
        assertThat(c7.historicalClv()).isEqualByComparingTo("900");
        assertThat(outcome.customer(11).orElseThrow().recencyDays()).isNull();
        assertThat(outcome.customer(42)).isEmpty();
    }

    @Test
    void reportsEveryPhaseInOrder() {
        assertThat(phases).containsExactly(ComputationPhase.values());
        assertThat(fractions).isSorted().last().isEqualTo(1.0);
    }

    @Test
    void rejectsHistoriesBuiltForAnotherWindow() {
        ScoringProfile lastYear = PROFILE.toBuilder().windowMonths(12).build();

        assertThatThrownBy(() -> ScoringComputation.compute(
                        histories(), lastYear, PreviousAssignments.none(), ProgressListener.NONE))
                .hasMessage("histories must be built with the profile's window start 2023-01-01, were built with null");
    }

    @Test
    void repeatableSameInputsSameOutputs() {
        ScoringOutcome again = ScoringComputation.compute(
                histories(), PROFILE, CUSTOM, PreviousAssignments.none(), ProgressListener.NONE);
        for (int i = 0; i < again.size(); i++) {
            assertThat(again.code(i)).isEqualTo(outcome.code(i));
            assertThat(again.abcClass(i)).isEqualTo(outcome.abcClass(i));
        }
        assertThat(again.segmentSummary(SegmentScheme.CN8)).isEqualTo(outcome.segmentSummary(SegmentScheme.CN8));
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
