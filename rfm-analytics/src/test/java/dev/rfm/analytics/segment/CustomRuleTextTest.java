package dev.rfm.analytics.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.run.CustomSegments;
import dev.rfm.analytics.run.CustomSegments.RuleText;
import dev.rfm.analytics.value.AbcClass;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomRuleTextTest {

    private static final SegmentDefinition VIP =
            new SegmentDefinition("VIP", "VIP", "贵宾", "big and recent", "大额且近期", "call them", "致电");

    @Test
    void readsRangesWithOpenEndsAndSets() {
        CustomSegmentRule rule = CustomRuleText.decode(
                VIP, "rScore=4..5\nmonetary=500..\nrecencyDays=..90; stages=active, new\nabc=A\npAlive=0.5..1");
        assertThat(rule.recencyScore()).isEqualTo(Range.between(4, 5));
        assertThat(rule.monetary()).isEqualTo(Range.atLeast("500"));
        assertThat(rule.recencyDays()).isEqualTo(Range.atMost("90"));
        assertThat(rule.stages()).isEqualTo(Set.of(LifecycleStage.ACTIVE, LifecycleStage.NEW));
        assertThat(rule.abcClasses()).isEqualTo(Set.of(AbcClass.A));
        assertThat(rule.probabilityAlive()).isEqualTo(Range.between("0.5", "1"));
        assertThat(rule.frequency().isAny()).isTrue();
        CustomSegmentRule again = CustomRuleText.decode(VIP, CustomRuleText.encode(rule));
        assertThat(CustomRuleText.encode(again)).isEqualTo(CustomRuleText.encode(rule));
    }

    @Test
    void anExactValueIsARangeOfOne() {
        assertThat(CustomRuleText.decode(VIP, "fScore=5").frequencyScore()).isEqualTo(Range.between(5, 5));
    }

    @Test
    void namesEveryProblemWithTheRule() {
        assertThatThrownBy(() -> CustomRuleText.decode(VIP, "rScore=0..9\ncolour=red\nstages=SLEEPY\nabc"))
                .hasMessageContaining("Rule VIP")
                .hasMessageContaining("recencyScore must lie within [1, 5]")
                .hasMessageContaining("colour: unknown condition")
                .hasMessageContaining("'SLEEPY' is not one of")
                .hasMessageContaining("'abc' is not key=value");
    }

    @Test
    void schemesRejectBadCodesMissingNamesAndRepeatedCodesAndDefaultTheTexts() {
        assertThatThrownBy(() -> CustomSegments.compile(List.of(
                        new RuleText("lower", "x", null, null, null, "rScore=5"),
                        new RuleText("NONAME", " ", null, null, null, "rScore=5"))))
                .hasMessageContaining("rule 1: code must be")
                .hasMessageContaining("rule 2 (NONAME): nameEn is required");
        assertThatThrownBy(() -> CustomSegments.compile(List.of(
                        new RuleText("LONG", "n".repeat(101), null, null, null, "rScore=5"),
                        new RuleText("WORDY", "w", null, "a".repeat(501), null, "rScore=5"))))
                .hasMessageContaining("rule 1 (LONG): nameEn is 101 characters long, at most 100 fit")
                .hasMessageContaining("rule 2 (WORDY): actionEn is 501 characters long, at most 500 fit");
        assertThatThrownBy(() -> CustomSegments.compile(List.of(
                        new RuleText("A1", "a", null, null, null, "rScore=5"),
                        new RuleText("A1", "b", null, null, null, "fScore=5"))))
                .hasMessageContaining("A1 repeats");
        var scheme = CustomSegments.compile(List.of(new RuleText("HOT", "Hot", null, null, null, "rScore=5")));
        SegmentDefinition hot = scheme.definitions().get(0);
        assertThat(hot.nameZh()).isEqualTo("Hot");
        assertThat(hot.descriptionEn()).isEqualTo("Custom rule: rScore=5");
        assertThat(hot.actionEn()).isEqualTo("No action recorded yet.");
        assertThat(scheme.definitions()).extracting(SegmentDefinition::code).containsExactly("HOT", "OTHER");
    }

    @Test
    void hugeOrExponentNumbersAreRefusedAsTextNamingTheRuleTheFieldAndTheReason() {
        // no clock here (no timed tests): the messages show the text was refused as text, before any BigDecimal
        // with a huge exponent or a million digits was made of it
        for (String field : new String[] {"recencyDays", "frequency", "monetary", "pAlive", "predictedClv", "rScore"}) {
            // 1,500 digits still fit the conditions column; a megabyte is named by decode (compile stops at 2,000)
            for (String value : new String[] {"1e500000000", "..1E500000000", "1e-500000000..", "9".repeat(1_500)}) {
                assertThatThrownBy(() -> CustomSegments.compile(
                                List.of(new RuleText("HUGE", "Huge", null, null, null, field + "=" + value))))
                        .hasMessageStartingWith("rule 1 (HUGE): ")
                        .hasMessageContaining(field + ": '")
                        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
            }
            for (String value : new String[] {"1e500000000", "9".repeat(1_000_000), "0." + "9".repeat(1_000_000)}) {
                assertThatThrownBy(() -> CustomRuleText.decode(VIP, field + "=" + value))
                        .hasMessageContaining("Rule VIP")
                        .hasMessageContaining(field + ": '")
                        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
            }
        }
        assertThatThrownBy(() -> CustomRuleText.decode(VIP, "recencyDays=1e500000000"))
                .hasMessageContaining("recencyDays: '1e500000000' is not a plain decimal number")
                .hasMessageContaining("exponents are not accepted");
    }

    @Test
    void eachConditionTakesTheNumbersThatFitIt() {
        CustomSegmentRule rule = CustomRuleText.decode(
                VIP,
                "recencyDays=0..365\nfrequency=2..\nmonetary=-10.5..1234.5678\npAlive=0.25..1\npredictedClv=..99.9");
        assertThat(rule.monetary()).isEqualTo(Range.between("-10.5", "1234.5678"));
        assertThat(rule.probabilityAlive()).isEqualTo(Range.between("0.25", "1"));
        assertThatThrownBy(() -> CustomRuleText.decode(VIP, "recencyDays=12.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> CustomRuleText.decode(VIP, "monetary=1.12345")).hasMessageContaining("4 decimals");
        assertThatThrownBy(() -> CustomRuleText.decode(VIP, "rScore=+5")).hasMessageContaining("leading +");
        assertThatThrownBy(() -> CustomRuleText.decode(VIP, "pAlive=2")).hasMessageContaining("within [0, 1]");
    }

    @Test
    void rangesBuiltInCodeRefuseEndsOfExtremeSize() {
        assertThatThrownBy(() -> new Range(new java.math.BigDecimal("1e500000000"), null))
                .hasMessageContaining("min must have at most 38 digits");
        assertThatThrownBy(() -> new Range(null, java.math.BigDecimal.ONE.movePointLeft(19)))
                .hasMessageContaining("max must have at most");
    }

    @Test
    void conditionsLongerThanADescriptionHoldsAreShortenedInTheDescriptionOnly() {
        String conditions = "rScore=4..5\n".repeat(100);
        var scheme = CustomSegments.compile(List.of(new RuleText("LONG", "Long", null, null, null, conditions)));
        assertThat(scheme.definitions().get(0).descriptionEn()).hasSize(493).endsWith("…");
        assertThat(scheme.rules().get(0).recencyScore()).isEqualTo(Range.between(4, 5));
    }
}
