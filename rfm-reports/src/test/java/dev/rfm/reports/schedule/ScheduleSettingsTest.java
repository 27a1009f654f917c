package dev.rfm.reports.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleSettingsTest {

    static ScheduleDraft weekly() {
        return new ScheduleDraft(
                "Weekly", "standard", "en", List.of("a@example.com"), "WEEKLY", "08:00", "MONDAY", null, 10, true);
    }

    @Test
    void aValidDraftGivesTypedSettings() {
        ScheduleSettings s = weekly().settings();
        assertThat(s.cadence()).isEqualTo(Cadence.WEEKLY);
        assertThat(s.time()).isEqualTo(LocalTime.of(8, 0));
        assertThat(s.dayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(s.dayOfMonth()).isNull();
    }

    @Test
    void everyInvalidFieldIsNamedOnce() {
        ScheduleDraft bad = new ScheduleDraft(
                " ",
                "rfm",
                "fr",
                List.of("ok@example.com", "not-an-address", "x@y"),
                "HOURLY",
                "25:00",
                "Moonday",
                0,
                101,
                null);
        InvalidSchedule e = catchThrowableOfType(InvalidSchedule.class, bad::settings);
        assertThat(e.problems())
                .extracting(FieldProblem::field)
                .containsExactly(
                        "cadence", "time", "dayOfWeek", "name", "scheme", "locale", "recipients", "topCustomers");
        assertThat(e.problems().stream().filter(p -> p.field().equals("recipients")))
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .contains("not-an-address", "x@y")
                        .doesNotContain("ok@"));
    }

    @Test
    void anEmptyDraftNamesEveryRequiredField() {
        InvalidSchedule e = catchThrowableOfType(
                InvalidSchedule.class,
                () -> new ScheduleDraft(null, null, null, null, null, null, null, null, null, null).settings());
        assertThat(e.problems())
                .extracting(FieldProblem::field)
                .containsExactly("name", "scheme", "locale", "recipients", "cadence");
    }

    @Test
    void theCadenceDecidesWhichFieldsAreRequired() {
        assertThat(catchThrowableOfType(InvalidSchedule.class, () -> new ScheduleDraft(
                                        "Monthly",
                                        "cn8",
                                        "zh-CN",
                                        List.of("a@example.com"),
                                        "MONTHLY",
                                        null,
                                        null,
                                        31,
                                        0,
                                        true)
                                .settings())
                        .problems())
                .extracting(FieldProblem::field)
                .containsExactly("time", "dayOfMonth");
        assertThat(catchThrowableOfType(InvalidSchedule.class, () -> new ScheduleDraft(
                                        "Weekly",
                                        "cn8",
                                        "zh-CN",
                                        List.of("a@example.com"),
                                        "WEEKLY",
                                        "07:30",
                                        null,
                                        null,
                                        0,
                                        true)
                                .settings())
                        .problems())
                .extracting(FieldProblem::field)
                .containsExactly("dayOfWeek");
        assertThat(catchThrowableOfType(InvalidSchedule.class, () -> new ScheduleDraft(
                                        "No recipients",
                                        "cn8",
                                        "en",
                                        List.of(),
                                        "AFTER_RUN",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)
                                .settings())
                        .problems())
                .extracting(FieldProblem::field)
                .containsExactly("recipients");
    }

    @Test
    void anAfterRunScheduleKeepsNoTime() {
        ScheduleSettings s = new ScheduleDraft(
                        "After run",
                        "lifecycle",
                        "en",
                        List.of("a@example.com"),
                        "after_run",
                        "08:00",
                        "MONDAY",
                        3,
                        null,
                        null)
                .settings();
        assertThat(s.time()).isNull();
        assertThat(s.dayOfWeek()).isNull();
        assertThat(s.dayOfMonth()).isNull();
        assertThat(s.topCustomers()).isEqualTo(ScheduleDraft.DEFAULT_TOP_CUSTOMERS);
        assertThat(s.enabled()).isTrue();
    }
}
