package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.run.RunRetention.FinishedRun;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retention rule, by hand: 90 days of everything, the last success of each older month, the current run. */
class RunRetentionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void keepsRecentRunsTheLastSuccessOfEachOlderMonthAndTheCurrentOne() {
        List<FinishedRun> runs = List.of(
                new FinishedRun(1, LocalDate.of(2026, 5, 3), true), // May: superseded by 2
                new FinishedRun(2, LocalDate.of(2026, 5, 30), true), // May: last success, kept
                new FinishedRun(3, LocalDate.of(2026, 5, 31), false), // May: failed, old: deleted
                new FinishedRun(4, LocalDate.of(2026, 6, 10), true), // June: superseded by 5 ...
                new FinishedRun(5, LocalDate.of(2026, 6, 10), true), // ... same day, higher id wins
                new FinishedRun(6, LocalDate.of(2026, 8, 25), true), // 90 days before today: kept
                new FinishedRun(7, LocalDate.of(2026, 8, 24), false), // 91 days: old, failed: deleted
                new FinishedRun(8, LocalDate.of(2026, 11, 22), false), // recent failure: kept
                new FinishedRun(9, LocalDate.of(2026, 4, 2), true), // April: superseded by 10 but current
                new FinishedRun(10, LocalDate.of(2026, 4, 20), true));
        assertThat(RunRetention.toDelete(runs, TODAY, 90, 9L)).containsExactly(1L, 3L, 4L, 7L);
    }

    @Test
    void nothingIsDeletedWhileEverythingIsRecent() {
        List<FinishedRun> runs =
                List.of(new FinishedRun(1, TODAY.minusDays(1), true), new FinishedRun(2, TODAY, false));
        assertThat(RunRetention.toDelete(runs, TODAY, 90, 1L)).isEmpty();
    }
}
