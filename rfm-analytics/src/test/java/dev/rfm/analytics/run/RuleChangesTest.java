package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.run.CustomSegments.RuleText;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleChangesTest {

    private static RuleText rule(String code, String conditions) {
        return new RuleText(code, code + " name", null, null, null, conditions);
    }

    @Test
    void nothingChangedGivesNoLine() {
        List<RuleText> rules = List.of(rule("A", "rScore=5"), rule("B", "fScore=5"));
        assertThat(RuleChanges.describe(rules, List.copyOf(rules))).isEmpty();
    }

    @Test
    void anEmptyTextAndNoTextAreTheSame() {
        RuleText without = rule("A", "rScore=5");
        RuleText empty = new RuleText("A", "A name", "", " ", null, "rScore=5");
        assertThat(RuleChanges.describe(List.of(without), List.of(empty))).isEmpty();
    }

    @Test
    void namesAddedRemovedEditedAndMovedRules() {
        List<RuleText> before = List.of(rule("A", "rScore=5"), rule("B", "fScore=5"), rule("C", "mScore=5"));
        List<RuleText> after = List.of(
                rule("C", "mScore=4..5"),
                rule("A", "rScore=5"),
                new RuleText("NEW", "New one", null, null, null, "abc=A"));
        assertThat(RuleChanges.describe(before, after))
                .containsExactly(
                        "removed B",
                        "edited C: conditions",
                        "moved C from 3 to 1",
                        "moved A from 1 to 2",
                        "added NEW (position 3)");
    }

    @Test
    void aRuleThatOnlyShiftsBecauseAnotherWasRemovedDidNotMove() {
        List<RuleText> before = List.of(rule("A", "rScore=5"), rule("B", "fScore=5"));
        List<RuleText> after = List.of(rule("B", "fScore=5"));
        assertThat(RuleChanges.describe(before, after)).containsExactly("removed A");
    }

    @Test
    void editsNameEveryChangedField() {
        RuleText before = new RuleText("A", "Big", "大", "Call", "打电话", "rScore=5");
        RuleText after = new RuleText("A", "Bigger", "大", "Call", "发邮件", "rScore=5");
        assertThat(RuleChanges.describe(List.of(before), List.of(after))).containsExactly("edited A: nameEn, actionZh");
    }
}
