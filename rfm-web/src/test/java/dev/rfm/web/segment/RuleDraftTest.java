package dev.rfm.web.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleDraftTest {

    private static RuleDraft rule(String code, String nameEn, String conditions) {
        return new RuleDraft(code, nameEn, null, null, null, conditions);
    }

    @Test
    void aValidRuleHasNoProblems() {
        assertThat(rule("BIG", "Big spenders", "monetary=500..\nabc=A").problems(List.of("OTHER_RULE")))
                .isEmpty();
    }

    @Test
    void eachProblemGoesNextToItsField() {
        assertThat(rule("big", "Big", "rScore=4..5").problems(List.of())).containsOnlyKeys("code");
        assertThat(rule("BIG", " ", "rScore=4..5").problems(List.of())).containsOnlyKeys("nameEn");
        assertThat(rule("BIG", "Big", "rScore=9").problems(List.of())).containsOnlyKeys("conditions");
        assertThat(rule("BIG", "Big", "colour=red").problems(List.of())).containsOnlyKeys("conditions");
        assertThat(rule("OTHER", "Other", "rScore=5").problems(List.of())).containsOnlyKeys("code");
        assertThat(new RuleDraft("BIG", "Big", "大".repeat(101), null, null, "").problems(List.of()))
                .containsOnlyKeys("nameZh");
    }

    @Test
    void aCodeAnotherRuleUsesIsRefusedAtTheCode() {
        assertThat(rule("BIG", "Big", "rScore=5").problems(List.of("BIG")))
                .containsOnlyKeys("code")
                .containsValue("another rule already has the code BIG");
    }

    @Test
    void textsAreTrimmedButConditionsKeptAsWritten() {
        RuleDraft draft = new RuleDraft(" BIG ", " Big ", null, null, null, "rScore=5\n");
        assertThat(draft.toText().code()).isEqualTo("BIG");
        assertThat(draft.toText().nameEn()).isEqualTo("Big");
        assertThat(draft.toText().conditions()).isEqualTo("rScore=5\n");
    }
}
