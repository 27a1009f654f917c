package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NightlyScoringTest {

    @Test
    void readsSecondMinuteHourAndAnOptionalDayOfWeek() {
        var daily = NightlyScoring.parse("0 0 2");
        assertThat(daily.getSecond()).isEqualTo("0");
        assertThat(daily.getMinute()).isEqualTo("0");
        assertThat(daily.getHour()).isEqualTo("2");
        assertThat(daily.getDayOfWeek()).isEqualTo("*");
        var weekdays = NightlyScoring.parse(" 0 30  1 Mon-Fri ");
        assertThat(weekdays.getMinute()).isEqualTo("30");
        assertThat(weekdays.getHour()).isEqualTo("1");
        assertThat(weekdays.getDayOfWeek()).isEqualTo("Mon-Fri");
    }

    @Test
    void rejectsWhatIsNotAScheduleWithAnExample() {
        assertThatThrownBy(() -> NightlyScoring.parse("02:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFM_SCORING_SCHEDULE")
                .hasMessageContaining("'0 0 2'")
                .hasMessageContaining("was '02:00'");
    }
}
