package dev.rfm.analytics.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.analytics.clv.ModelTimeUnit;
import dev.rfm.analytics.scoring.BinningMethod;
import dev.rfm.analytics.scoring.CutPoints;
import dev.rfm.analytics.scoring.Dimension;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ScoringProfileTest {

    @Test
    void defaultsAreTheRetailPreset() {
        ScoringProfile p = ScoringProfile.builder().build();

        assertThat(p).isEqualTo(Preset.RETAIL.profile());
        assertThat(p.windowMonths()).isZero();
        assertThat(p.bins()).isEqualTo(5);
        assertThat(p.rule(Dimension.RECENCY)).isEqualTo(DimensionRule.quantile());
        assertThat(p.rule(Dimension.FREQUENCY).method()).isEqualTo(BinningMethod.FIXED);
        assertThat(p.monetaryBasis()).isEqualTo(MonetaryBasis.TOTAL);
        assertThat(p.newWindowDays()).isEqualTo(30);
        assertThat(p.lifecycle().derived()).isTrue();
        assertThat(p.clvHorizonMonths()).isEqualTo(12);
        assertThat(p.modelTimeUnit()).isEqualTo(ModelTimeUnit.DAYS);
    }

    @Test
    void windowStartIsCalendarMonthsBeforeTheReferenceDate() {
        ScoringProfile twelve = ScoringProfile.builder().windowMonths(12).build();
        ScoringProfile one = ScoringProfile.builder().windowMonths(1).build();

        assertThat(twelve.windowStart(LocalDate.of(2024, 3, 1))).isEqualTo(LocalDate.of(2023, 3, 1));
        assertThat(one.windowStart(LocalDate.of(2024, 3, 31))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(ScoringProfile.builder().build().windowStart(LocalDate.of(2024, 3, 1)))
                .isNull();
    }

    @Test
    void fixedThresholdsBecomeCutPointsInTheRawUnit() {
        ScoringProfile p = ScoringProfile.builder()
                .bins(3)
                .frequency(DimensionRule.fixed("1", "4"))
                .monetary(DimensionRule.fixed("49.99", "200"))
                .build();

        CutPoints m = p.fixedCutPoints(Dimension.MONETARY);
        assertThat(m.upperBound(1)).isEqualTo(49_9900);
        assertThat(m.upperBound(2)).isEqualTo(200_0000);
        assertThat(p.fixedCutPoints(Dimension.FREQUENCY).score(4)).isEqualTo(2);
        assertThatThrownBy(() -> p.fixedCutPoints(Dimension.RECENCY)).hasMessage("RECENCY is scored by quantiles");
    }

    @Test
    void listsEveryProblemNamingTheField() {
        var builder = ScoringProfile.builder()
                .windowMonths(-1)
                .bins(6)
                .newWindowDays(0)
                .lifecycle(LifecycleRule.fixed(90, 60))
                .clvHorizonMonths(0)
                .margin("1.5")
                .annualDiscountRate("-0.1");

        assertThat(builder.problems())
                .containsExactly(
                        "windowMonths must be between 0 (all history) and 240, was -1",
                        "bins must be 3, 4 or 5, was 6",
                        "newWindowDays must be between 1 and 3650, was 0",
                        "lostDays must be greater than dormantDays 90, was 60",
                        "clvHorizonMonths must be between 1 and 120, was 0",
                        "margin must be in (0, 1], was 1.5",
                        "annualDiscountRate must be in [0, 1), was -0.1");
        assertThatThrownBy(builder::build).hasMessageStartingWith("windowMonths must be");
    }

    @Test
    void fixedThresholdsMustFitTheBinsAndTheUnit() {
        assertThat(ScoringProfile.builder().bins(4).problems())
                .containsExactly("frequency thresholds must have bins - 1 = 3 values, had 4");
        assertThat(ScoringProfile.builder()
                        .frequency(DimensionRule.fixed("1", "2.5", "3", "5"))
                        .problems())
                .containsExactly("frequency thresholds must have at most 0 decimals, was 2.5");
        assertThat(ScoringProfile.builder()
                        .recency(DimensionRule.fixed("30", "90", "90", "365"))
                        .problems())
                .containsExactly("recency thresholds must ascend strictly, but 90 follows 90");
        assertThat(ScoringProfile.builder()
                        .monetary(DimensionRule.fixed("0.00001", "1", "2", "3"))
                        .problems())
                .containsExactly("monetary thresholds must have at most 4 decimals, was 0.00001");
        assertThat(ScoringProfile.builder().margin("1").annualDiscountRate("0").problems())
                .isEmpty();
    }

    @Test
    void toBuilderKeepsEverySetting() {
        ScoringProfile travel = Preset.TRAVEL.profile();

        assertThat(travel.toBuilder().build()).isEqualTo(travel);
        assertThat(travel.toBuilder().margin("0.16").build()).isNotEqualTo(travel);
    }
}
