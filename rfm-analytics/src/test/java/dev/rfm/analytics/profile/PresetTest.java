package dev.rfm.analytics.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.scoring.BinningMethod;
import dev.rfm.analytics.scoring.Dimension;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The presets as documented in docs/PRESETS.md. */
class PresetTest {

    @Test
    void everyPresetScoresFrequencyByFixedThresholdsAndIsNamedAfterItself() {
        for (Preset preset : Preset.values()) {
            ScoringProfile p = preset.profile();
            assertThat(p.name()).isEqualTo(preset.name());
            assertThat(p.rule(Dimension.FREQUENCY).method()).as(preset.name()).isEqualTo(BinningMethod.FIXED);
            assertThat(p.toBuilder().problems()).as(preset.name()).isEmpty();
        }
    }

    @Test
    void documentedValues() {
        assertThat(Preset.RETAIL.profile().rule(Dimension.FREQUENCY).thresholds())
                .containsExactly(bd("1"), bd("2"), bd("3"), bd("5"));
        assertThat(Preset.FINANCE.profile().windowMonths()).isEqualTo(24);
        assertThat(Preset.FINANCE.profile().lifecycle()).isEqualTo(LifecycleRule.fixed(180, 365));
        assertThat(Preset.EDUCATION.profile().lifecycle()).isEqualTo(LifecycleRule.fixed(365, 730));
        assertThat(Preset.HEALTHCARE.profile().rule(Dimension.FREQUENCY).thresholds())
                .containsExactly(bd("1"), bd("2"), bd("4"), bd("6"));
        assertThat(Preset.TRAVEL.profile().monetaryBasis()).isEqualTo(MonetaryBasis.AVERAGE);
        assertThat(Preset.TRAVEL.profile().margin()).isEqualByComparingTo("0.15");
        assertThat(Preset.B2B.profile().bins()).isEqualTo(4);
        assertThat(Preset.B2B.profile().lifecycle().derived()).isTrue();
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
