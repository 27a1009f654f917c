package dev.rfm.web.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.profile.Preset;
import dev.rfm.analytics.scoring.BinningMethod;
import dev.rfm.web.settings.ProfileForm.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileFormTest {

    @Test
    void everyPresetSurvivesTheFormUnchanged() {
        for (Preset preset : Preset.values()) {
            ProfileForm.Outcome outcome = ProfileForm.of(preset.profile()).read();
            assertThat(outcome.problems()).as(preset.name()).isEmpty();
            assertThat(outcome.profile()).as(preset.name()).contains(preset.profile());
        }
    }

    @Test
    void eachProblemLandsAtItsField() {
        ProfileForm form = ProfileForm.of(Preset.FINANCE.profile());
        form.setWindowMonths("two years");
        form.setFrequencyThresholds("1, 3, 2, 12");
        form.setMonetaryMethod(BinningMethod.FIXED);
        form.setMonetaryThresholds("100, 200");
        form.setRecencyMethod(BinningMethod.FIXED);
        form.setRecencyThresholds("30, 60.5, 90, 120");
        form.setLostDays("100"); // dormant is 180
        form.setMargin("1.5");
        form.setAnnualDiscountRate("ten");
        form.setClvHorizonMonths("0");

        Map<String, Problem> problems = form.read().problems();

        assertThat(problems)
                .containsEntry("windowMonths", new Problem("wholeNumber", List.of()))
                .containsEntry("frequencyThresholds", new Problem("thresholdAscending", List.of()))
                .containsEntry("monetaryThresholds", new Problem("thresholdCount", List.of(4)))
                .containsEntry("recencyThresholds", new Problem("thresholdWhole", List.of()))
                .containsEntry("lostDays", new Problem("lostDays", List.of()))
                .containsEntry("margin", new Problem("margin", List.of()))
                .containsEntry("annualDiscountRate", new Problem("number", List.of()))
                .containsEntry("clvHorizonMonths", new Problem("clvHorizonMonths", List.of()))
                .hasSize(8);
        assertThat(form.read().profile()).isEmpty();
    }

    @Test
    void thresholdsOfAQuantileDimensionAreIgnoredAndSeparatorsAreLenient() {
        ProfileForm form = ProfileForm.of(Preset.RETAIL.profile());
        form.setRecencyThresholds("nonsense");
        form.setFrequencyThresholds("1;2  3,5");
        assertThat(form.read().profile()).contains(Preset.RETAIL.profile());
    }

    @Test
    void moneyMayHaveFourDecimalsButNotFive() {
        ProfileForm form = ProfileForm.of(Preset.RETAIL.profile());
        form.setMonetaryMethod(BinningMethod.FIXED);
        form.setMonetaryThresholds("10.12345, 20, 30, 40");
        assertThat(form.read().problems())
                .containsEntry("monetaryThresholds", new Problem("thresholdDecimals", List.of(4)));
        form.setMonetaryThresholds("10.1234, 20, 30, 40");
        assertThat(form.read().problems()).isEmpty();
    }

    @Test
    void unknownProblemsAreShownForTheWholeForm() {
        assertThat(ProfileForm.map("something else went wrong").getKey()).isEqualTo("general");
    }
}
