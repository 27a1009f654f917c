package dev.rfm.domain.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.Month;
import org.junit.jupiter.api.Test;

class DemoCalendarTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2025, 12, 31);

    @Test
    void allocatesExactlyTheCustomersInAscendingNumbers() {
        for (int customers : new int[] {1, 7, 731, 20_000}) {
            DemoCalendar calendar = new DemoCalendar(FIRST, LAST, customers);

            assertThat(calendar.firstCustomerOf(0)).isZero();
            assertThat(calendar.firstCustomerOf(calendar.days())).isEqualTo(customers);
            for (int day = 0; day < calendar.days(); day++) {
                assertThat(calendar.firstCustomerOf(day + 1)).isGreaterThanOrEqualTo(calendar.firstCustomerOf(day));
            }
        }
    }

    @Test
    void acquiresMoreCustomersInTheHolidaySeasonThanInSummerAndMoreAsTheShopGrows() {
        DemoCalendar calendar = new DemoCalendar(FIRST, LAST, 100_000);

        int novemberDecember2025 = acquiredBetween(calendar, LocalDate.of(2025, 11, 1), LocalDate.of(2026, 1, 1));
        int juneJuly2025 = acquiredBetween(calendar, LocalDate.of(2025, 6, 1), LocalDate.of(2025, 8, 1));
        int year2024 = acquiredBetween(calendar, FIRST, LocalDate.of(2025, 1, 1));

        // month factors (30 * 1.45 + 31 * 1.40) / (30 * 0.85 + 31 * 0.80) = 1.728, times growth from day 546 to day
        // 700,
        // (1 + 0.3 * 700 / 365.25) / (1 + 0.3 * 546 / 365.25) = 1.088, times about 1.026 for Black Friday and Christmas
        assertThat(novemberDecember2025 / (double) juneJuly2025).isCloseTo(1.93, within(0.03));
        // linear growth of 30 % a year: mean factor 1.15 in the first year, 1.45 in the second
        assertThat(year2024 / 100_000.0).isCloseTo(1.15 / 2.60, within(0.01));
    }

    @Test
    void anAverageShoppingDayLastsOne() {
        DemoCalendar year = new DemoCalendar(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), 1);

        // the twelve month factors and the seven weekday factors each average 1; special days add a little
        assertThat(year.shoppingTimeAt(365) / 365).isCloseTo(1.0, within(0.02));
    }

    @Test
    void decemberDaysLastLongerThanJuneDaysAndSaturdaysLongerThanTuesdays() {
        DemoCalendar calendar = new DemoCalendar(FIRST, LAST, 1);

        double saturdayInDecember = length(calendar, LocalDate.of(2025, 12, 13));
        double saturdayInJune = length(calendar, LocalDate.of(2025, 6, 14));
        double tuesdayInJune = length(calendar, LocalDate.of(2025, 6, 17));

        assertThat(saturdayInDecember / saturdayInJune).isCloseTo(1.60 / 0.85, within(1e-9));
        assertThat(saturdayInJune / tuesdayInJune).isCloseTo(1.20 / 0.90, within(1e-9));
    }

    @Test
    void findsTheDayOfAPointInShoppingTime() {
        DemoCalendar calendar = new DemoCalendar(FIRST, LAST, 1);

        for (int day = 0; day < calendar.days(); day++) {
            double start = calendar.shoppingTimeAt(day);
            double end = calendar.shoppingTimeAt(day + 1);
            assertThat(calendar.dayAt(start)).isEqualTo(day);
            assertThat(calendar.dayAt((start + end) / 2)).isEqualTo(day);
        }
        assertThat(calendar.isoDate(0)).isEqualTo("2024-01-01");
        assertThat(calendar.isoDate(calendar.days() - 1)).isEqualTo("2025-12-31");
    }

    @Test
    void marksBlackFridayCyberMondayAndChristmas() {
        // Thanksgiving 2025 is 27 November, so Cyber Monday falls on 1 December
        assertThat(DemoCalendar.specialDayFactor(LocalDate.of(2025, 11, 28))).isEqualTo(2.5);
        assertThat(DemoCalendar.specialDayFactor(LocalDate.of(2025, 12, 1))).isEqualTo(1.8);
        assertThat(DemoCalendar.specialDayFactor(LocalDate.of(2024, 11, 29))).isEqualTo(2.5);
        assertThat(DemoCalendar.specialDayFactor(LocalDate.of(2024, 12, 2))).isEqualTo(1.8);
        assertThat(DemoCalendar.specialDayFactor(LocalDate.of(2025, 12, 25))).isEqualTo(0.3);
        assertThat(DemoCalendar.specialDayFactor(LocalDate.of(2025, 11, 21))).isEqualTo(1.0);
        assertThat(DemoCalendar.specialDayFactor(LocalDate.of(2025, Month.JULY, 4)))
                .isEqualTo(1.0);
    }

    private static double length(DemoCalendar calendar, LocalDate date) {
        int day = (int) (date.toEpochDay() - calendar.firstDay().toEpochDay());
        return calendar.shoppingTimeAt(day + 1) - calendar.shoppingTimeAt(day);
    }

    private static int acquiredBetween(DemoCalendar calendar, LocalDate from, LocalDate until) {
        int fromDay = (int) (from.toEpochDay() - calendar.firstDay().toEpochDay());
        int untilDay = (int) (until.toEpochDay() - calendar.firstDay().toEpochDay());
        return calendar.firstCustomerOf(untilDay) - calendar.firstCustomerOf(fromDay);
    }
}
