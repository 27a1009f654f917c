package dev.rfm.reports.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.reports.schedule.ScheduleDraft;
import jakarta.ejb.ScheduleExpression;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calendar timer of each cadence, as the EJB container reads it. */
class ReportTimersTest {

    static ScheduleExpression expression(String cadence, String time, String day, Integer dayOfMonth) {
        return ReportTimers.expression(new ScheduleDraft(
                        "s", "standard", "en", List.of("a@example.com"), cadence, time, day, dayOfMonth, 0, true)
                .settings());
    }

    @Test
    void dailyAtItsMinute() {
        ScheduleExpression e = expression("DAILY", "07:05", null, null);
        assertThat(List.of(e.getSecond(), e.getMinute(), e.getHour(), e.getDayOfWeek(), e.getDayOfMonth()))
                .containsExactly("0", "5", "7", "*", "*");
    }

    @Test
    void weeklyOnItsWeekday() {
        ScheduleExpression e = expression("WEEKLY", "18:30", "FRIDAY", null);
        assertThat(List.of(e.getMinute(), e.getHour(), e.getDayOfWeek(), e.getDayOfMonth()))
                .containsExactly("30", "18", "Fri", "*");
    }

    @Test
    void monthlyOnItsDay() {
        ScheduleExpression e = expression("MONTHLY", "06:00", null, 28);
        assertThat(List.of(e.getMinute(), e.getHour(), e.getDayOfWeek(), e.getDayOfMonth()))
                .containsExactly("0", "6", "*", "28");
    }
}
