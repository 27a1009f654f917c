package dev.rfm.domain.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DemoDataSettingsTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2025, 12, 31);

    @Test
    void defaultsAreTwentyThousandCustomersOverTheTwoYearsEndingOnTheGivenDay() {
        DemoDataSettings settings = DemoDataSettings.endingOn(LAST);

        assertThat(settings.customers()).isEqualTo(20_000);
        assertThat(settings.firstDay()).isEqualTo(FIRST);
        assertThat(settings.lastDay()).isEqualTo(LAST);
        assertThat(settings.days()).isEqualTo(731);
        assertThat(settings.seed()).isEqualTo(DemoDataSettings.DEFAULT_SEED);
        assertThat(settings.referenceDate()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void withersChangeOneFieldAndKeepTheOthers() {
        DemoDataSettings settings = DemoDataSettings.of(10, FIRST, LAST, 1);

        assertThat(settings.withCustomers(99)).isEqualTo(DemoDataSettings.of(99, FIRST, LAST, 1));
        assertThat(settings.withSeed(2)).isEqualTo(DemoDataSettings.of(10, FIRST, LAST, 2));
    }

    @Test
    void aOneDayPeriodIsAllowed() {
        assertThat(DemoDataSettings.of(1, LAST, LAST, 0).days()).isEqualTo(1);
    }

    @Test
    void rejectsFewerThanOneCustomerNamingTheField() {
        assertThatThrownBy(() -> DemoDataSettings.of(0, FIRST, LAST, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customers must be at least 1, was 0");
    }

    @Test
    void rejectsMissingDaysNamingTheField() {
        assertThatThrownBy(() -> DemoDataSettings.of(1, null, LAST, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("firstDay");
        assertThatThrownBy(() -> DemoDataSettings.of(1, FIRST, null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("lastDay");
        assertThatThrownBy(() -> DemoDataSettings.endingOn(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("lastDay");
    }

    @Test
    void rejectsALastDayBeforeTheFirstDayNamingBoth() {
        assertThatThrownBy(() -> DemoDataSettings.of(1, LAST, FIRST, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lastDay 2024-01-01 must not be before firstDay 2025-12-31");
    }

    @Test
    void rejectsAPeriodLongerThanOneHundredYears() {
        assertThatThrownBy(() -> DemoDataSettings.of(1, LocalDate.of(1900, 1, 1), LAST, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("firstDay 1900-01-01 to lastDay 2025-12-31 spans");
    }
}
