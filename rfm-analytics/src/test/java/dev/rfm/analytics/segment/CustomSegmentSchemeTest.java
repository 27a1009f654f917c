package dev.rfm.analytics.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.value.AbcClass;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomSegmentSchemeTest {

    /** Customers as rows: scored, r, f, m, recency, frequency, monetary (1e-4), stage, pAlive, clv, abc. */
    private record Row(
            boolean scored,
            int r,
            int f,
            int m,
            int recency,
            int frequency,
            long monetary,
            LifecycleStage stage,
            double pAlive,
            double clv,
            AbcClass abc) {}

    private static CustomerFacts facts(Row... rows) {
        return new CustomerFacts() {
            public int size() {
                return rows.length;
            }

            public boolean scored(int i) {
                return rows[i].scored();
            }

            public int recencyScore(int i) {
                return rows[i].r();
            }

            public int frequencyScore(int i) {
                return rows[i].f();
            }

            public int monetaryScore(int i) {
                return rows[i].m();
            }

            public int recencyDays(int i) {
                return rows[i].recency();
            }

            public int frequency(int i) {
                return rows[i].frequency();
            }

            public long monetaryTenThousandths(int i) {
                return rows[i].monetary();
            }

            public LifecycleStage stage(int i) {
                return rows[i].stage();
            }

            public double probabilityAlive(int i) {
                return rows[i].pAlive();
            }

            public double predictedClv(int i) {
                return rows[i].clv();
            }

            public AbcClass abcClass(int i) {
                return rows[i].abc();
            }
        };
    }

    private static SegmentDefinition definition(String code) {
        return new SegmentDefinition(code, code, code, "who", "谁", "what", "做什么");
    }

    private static final LifecycleStage ACTIVE = LifecycleStage.ACTIVE;

    private final CustomSegmentRule vip = CustomSegmentRule.builder(definition("VIP"))
            .monetaryScore(Range.between(5, 5))
            .abcClasses(EnumSet.of(AbcClass.A))
            .build();
    private final CustomSegmentRule likelyToReturn = CustomSegmentRule.builder(definition("LIKELY"))
            .probabilityAlive(Range.atLeast("0.8"))
            .stages(EnumSet.of(ACTIVE, LifecycleStage.REACTIVATED))
            .build();
    private final CustomSegmentRule bigSpenders = CustomSegmentRule.builder(definition("BIG"))
            .monetary(Range.atLeast("1000.00"))
            .build();
    private final CustomSegmentScheme scheme = CustomSegmentScheme.of(List.of(vip, likelyToReturn, bigSpenders));

    private final CustomerFacts customers = facts(
            new Row(true, 5, 5, 5, 3, 9, 5_000_0000, ACTIVE, 0.95, 800, AbcClass.A), // VIP and LIKELY: VIP first
            new Row(true, 4, 2, 5, 20, 2, 2_000_0000, ACTIVE, 0.90, 300, AbcClass.B), // not A: LIKELY
            new Row(
                    true,
                    1,
                    1,
                    5,
                    400,
                    1,
                    1_000_0000,
                    LifecycleStage.LOST,
                    0.10,
                    5,
                    AbcClass.B), // BIG (1000.00 exactly)
            new Row(true, 1, 1, 4, 400, 1, 999_9999, LifecycleStage.LOST, Double.NaN, Double.NaN, AbcClass.B), // Other
            new Row(false, 0, 0, 0, 0, 0, 0, LifecycleStage.PROSPECT, 1.0, 0, AbcClass.C)); // unscored

    @Test
    void firstMatchingRuleWinsAndTheRestIsOther() {
        assertThat(scheme.assign(customers, 0)).isEqualTo(0);
        assertThat(scheme.assign(customers, 1)).isEqualTo(1);
        assertThat(scheme.assign(customers, 2)).isEqualTo(2);
        assertThat(scheme.assign(customers, 3)).isEqualTo(scheme.otherIndex()).isEqualTo(3);
        assertThat(scheme.definitions())
                .extracting(SegmentDefinition::code)
                .containsExactly("VIP", "LIKELY", "BIG", "OTHER");
    }

    @Test
    void unscoredCustomersAndUnknownModelValuesNeverMatch() {
        assertThat(likelyToReturn.matches(customers, 4)).isFalse(); // prospect with pAlive 1
        var anyAlive = CustomSegmentRule.builder(definition("X"))
                .probabilityAlive(Range.between("0", "1"))
                .build();
        assertThat(anyAlive.matches(customers, 3)).isFalse(); // NaN: model part failed
        assertThat(anyAlive.matches(customers, 2)).isTrue();
    }

    @Test
    void previewCountsWhatEachRuleWouldTake() {
        RulePreview preview = scheme.preview(customers);

        assertThat(preview.scoredCustomers()).isEqualTo(4);
        assertThat(preview.entries())
                .extracting(RulePreview.Entry::code, RulePreview.Entry::customers)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("VIP", 1L),
                        org.assertj.core.groups.Tuple.tuple("LIKELY", 1L),
                        org.assertj.core.groups.Tuple.tuple("BIG", 1L),
                        org.assertj.core.groups.Tuple.tuple("OTHER", 1L));
    }

    @Test
    void monetaryLimitsBeyondFourDecimalsRoundInward() {
        var rule = CustomSegmentRule.builder(definition("R"))
                .monetary(Range.between("99.99995", "100.00004"))
                .build();
        // inside: [99.99995, 100.00004] holds exactly one ten-thousandth, 100.0000
        assertThat(rule.matches(facts(row(100_0000)), 0)).isTrue();
        assertThat(rule.matches(facts(row(99_9999)), 0)).isFalse();
        assertThat(rule.matches(facts(row(100_0001)), 0)).isFalse();
    }

    private static Row row(long monetary) {
        return new Row(true, 3, 3, 3, 10, 2, monetary, ACTIVE, 0.5, 10, AbcClass.B);
    }

    @Test
    void rejectsInvalidRulesNamingTheField() {
        assertThatThrownBy(() -> CustomSegmentScheme.of(List.of(vip, vip)))
                .hasMessage("rules must have unique codes, VIP repeats");
        assertThatThrownBy(() -> CustomSegmentScheme.of(
                        List.of(CustomSegmentRule.builder(definition("OTHER")).build())))
                .hasMessage("rules must not use the reserved code OTHER");
        assertThatThrownBy(() -> CustomSegmentRule.builder(definition("A"))
                        .recencyScore(Range.between(0, 3))
                        .build())
                .hasMessage("recencyScore must lie within [1, 5], was [0, 3]");
        assertThatThrownBy(() -> CustomSegmentRule.builder(definition("A"))
                        .frequency(Range.atLeast("1.5"))
                        .build())
                .hasMessage("frequency must have whole-number limits, was [1.5, +inf]");
        assertThatThrownBy(() -> CustomSegmentRule.builder(definition("A"))
                        .probabilityAlive(Range.between("0.5", "1.2"))
                        .build())
                .hasMessage("probabilityAlive must lie within [0, 1], was [0.5, 1.2]");
        assertThatThrownBy(() -> Range.between(5, 1)).hasMessage("min must not exceed max, was 5 > 1");
        assertThatThrownBy(() -> definition("lower")).hasMessageStartingWith("code must be 1-40 characters");
    }
}
