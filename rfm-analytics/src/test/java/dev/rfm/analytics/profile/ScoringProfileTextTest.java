package dev.rfm.analytics.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.analytics.clv.ModelTimeUnit;
import dev.rfm.analytics.scoring.BinningMethod;
import dev.rfm.analytics.scoring.Dimension;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScoringProfileTextTest {

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetSurvivesTheRoundTrip(Preset preset) {
        String text = ScoringProfileText.encode(preset.profile());
        assertThat(ScoringProfileText.decode(text)).isEqualTo(preset.profile());
        assertThat(ScoringProfileText.encode(ScoringProfileText.decode(text))).isEqualTo(text);
    }

    @Test
    void readsEverySettingAndKeepsDefaultsForTheRest() {
        ScoringProfile p = ScoringProfileText.decode(
                """
                # a clinic
                name=CLINIC
                bins=4
                frequency=FIXED:1, 2, 4
                lifecycle=FIXED:200,400
                margin=0.35
                modelTimeUnit=weeks
                """);
        assertThat(p.name()).isEqualTo("CLINIC");
        assertThat(p.bins()).isEqualTo(4);
        assertThat(p.rule(Dimension.FREQUENCY).method()).isEqualTo(BinningMethod.FIXED);
        assertThat(p.rule(Dimension.FREQUENCY).thresholds())
                .extracting(BigDecimal::intValue)
                .containsExactly(1, 2, 4);
        assertThat(p.rule(Dimension.RECENCY).method()).isEqualTo(BinningMethod.QUANTILE);
        assertThat(p.lifecycle().derived()).isFalse();
        assertThat(p.lifecycle().dormantDays()).isEqualTo(200);
        assertThat(p.lifecycle().lostDays()).isEqualTo(400);
        assertThat(p.margin()).isEqualByComparingTo("0.35");
        assertThat(p.modelTimeUnit()).isEqualTo(ModelTimeUnit.WEEKS);
        assertThat(p.newWindowDays()).isEqualTo(30);
    }

    @Test
    void namesEveryBadLineAndField() {
        assertThatThrownBy(() -> ScoringProfileText.decode("bins=five\ncolour=blue\nlifecycle=SOMETIMES\nmargin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1 (bins)")
                .hasMessageContaining("line 2 (colour): unknown setting")
                .hasMessageContaining("line 3 (lifecycle)")
                .hasMessageContaining("line 4: expected key=value");
    }
}
