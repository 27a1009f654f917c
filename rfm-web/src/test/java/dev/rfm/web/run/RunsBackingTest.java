package dev.rfm.web.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The Runs page's small rules: how a duration reads, which reference dates a manual run takes. */
class RunsBackingTest {

    private static final LocalDateTime START = LocalDateTime.of(2025, 3, 1, 2, 0, 0);

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertThat(RunsBacking.duration(START, START.plusNanos(4_200_000_000L))).isEqualTo("4.2s");
        assertThat(RunsBacking.duration(START, START.plusSeconds(125))).isEqualTo("2m 05s");
        assertThat(RunsBacking.duration(START, START.plusSeconds(3723))).isEqualTo("1h 02m 03s");
        assertThat(RunsBacking.duration(START, START.minusSeconds(5)))
                .as("clocks of two servers")
                .isEqualTo("0.0s");
        assertThat(RunsBacking.duration(null, null)).as("queued, not started").isEmpty();
    }

    @Test
    void aManualRunTakesReferenceDatesFrom1900ToAYearAhead() {
        LocalDate today = LocalDate.of(2026, 11, 30);
        assertThat(ReferenceDates.accepted(LocalDate.of(1900, 1, 1), today)).isTrue();
        assertThat(ReferenceDates.accepted(LocalDate.of(1899, 12, 31), today)).isFalse();
        assertThat(ReferenceDates.accepted(LocalDate.of(2027, 11, 30), today)).isTrue();
        assertThat(ReferenceDates.accepted(LocalDate.of(2027, 12, 1), today)).isFalse();
    }
}
