package dev.rfm.analytics.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.computation.ProgressListener;
import dev.rfm.analytics.computation.ScoringComputation;
import dev.rfm.analytics.computation.ScoringOutcome;
import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.migration.ProfileChangePreview.Move;
import dev.rfm.analytics.profile.DimensionRule;
import dev.rfm.analytics.profile.LifecycleRule;
import dev.rfm.analytics.profile.ScoringProfile;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A draft profile previewed against a "current run" of four customers, every score worked out by hand.
 *
 * <p>Reference date 2025-01-01; fixed thresholds everywhere. Current profile: R 30/90/180/365 days, F 1/2/3/5, M
 * 100/200/500/1000, all history. Draft: frequency 2/4/6/8 and a 12-month window (from 2024-01-01).
 *
 * <pre>
 * customer  orders (days before, amount)           current            draft
 * 1         (10, 100)                              R5 F1 M1 511 New   R5 F1 M1 511 New          kept
 * 2         (100,80,50,20,10 days; 200 each)       R5 F4 M4 544 Champ R5 F3 M4 534 Need Att.    moves
 * 3         (400, 50)                              R1 F1 M1 111 Lost  no purchase in window: -  moves to none
 * 4         (300,250,200 days; 200 each)           R2 F3 M4 234 AtRisk R2 F2 M4 224 At Risk      kept
 * </pre>
 */
class ProfileChangePreviewTest {

    private static final LocalDate REFERENCE = LocalDate.of(2025, 1, 1);

    private static final ScoringProfile CURRENT = ScoringProfile.builder()
            .name("CURRENT")
            .recency(DimensionRule.fixed("30", "90", "180", "365"))
            .frequency(DimensionRule.fixed("1", "2", "3", "5"))
            .monetary(DimensionRule.fixed("100", "200", "500", "1000"))
            .lifecycle(LifecycleRule.fixed(90, 365))
            .build();

    private static final ScoringProfile DRAFT = CURRENT.toBuilder()
            .name("DRAFT")
            .frequency(DimensionRule.fixed("2", "4", "6", "8"))
            .windowMonths(12)
            .build();

    @Test
    void countsTheMovesOfTheHandComputedCase() {
        ScoringOutcome current = compute(CURRENT, PreviousAssignments.none());
        assertThat(current.standardSegment(0).name()).isEqualTo("NEW_CUSTOMERS");
        assertThat(current.standardSegment(1).name()).isEqualTo("CHAMPIONS");
        assertThat(current.standardSegment(2).name()).isEqualTo("LOST");
        assertThat(current.standardSegment(3).name()).isEqualTo("AT_RISK");

        PreviousAssignments.Builder stored = PreviousAssignments.builder(REFERENCE);
        for (int i = 0; i < current.size(); i++) {
            stored.add(
                    current.customerId(i),
                    current.standardSegment(i).name(),
                    null,
                    null,
                    current.stage(i).name());
        }
        ScoringOutcome draft = compute(DRAFT, stored.build());
        ProfileChangePreview preview = ProfileChangePreview.of(
                draft.migration(AssignmentKind.STANDARD_SEGMENT), draft.migration(AssignmentKind.LIFECYCLE_STAGE));

        assertThat(preview.segmentMoves())
                .containsExactly(new Move("CHAMPIONS", "NEED_ATTENTION", 1), new Move("LOST", MigrationMatrix.NONE, 1));
        assertThat(preview.currentScored()).isEqualTo(4);
        assertThat(preview.draftScored()).isEqualTo(3);
        assertThat(preview.kept()).isEqualTo(2);
        assertThat(preview.moved()).isEqualTo(2);
        assertThat(preview.kept()
                        + preview.segmentMoves().stream()
                                .filter(m -> !m.from().equals(MigrationMatrix.NONE))
                                .mapToLong(Move::customers)
                                .sum())
                .isEqualTo(preview.currentScored());
        // stages: new (1), active (2), lost (3), dormant (4) do not depend on the changed settings (the stage of
        // customer 3 is judged on the whole history, not the window)
        assertThat(preview.stageKept()).isEqualTo(4);
        assertThat(preview.stageMoves()).isEmpty();
    }

    @Test
    void aDraftEqualToTheCurrentProfileMovesNobody() {
        ScoringOutcome current = compute(CURRENT, PreviousAssignments.none());
        PreviousAssignments.Builder stored = PreviousAssignments.builder(REFERENCE);
        for (int i = 0; i < current.size(); i++) {
            stored.add(
                    current.customerId(i),
                    current.standardSegment(i).name(),
                    null,
                    null,
                    current.stage(i).name());
        }
        ScoringOutcome same = compute(CURRENT, stored.build());
        ProfileChangePreview preview = ProfileChangePreview.of(
                same.migration(AssignmentKind.STANDARD_SEGMENT), same.migration(AssignmentKind.LIFECYCLE_STAGE));
        assertThat(preview.segmentMoves()).isEmpty();
        assertThat(preview.kept()).isEqualTo(4);
        assertThat(preview.stageKept()).isEqualTo(4);
    }

    private static ScoringOutcome compute(ScoringProfile profile, PreviousAssignments previous) {
        CustomerHistories.Builder h = ScoringComputation.historiesBuilder(profile, REFERENCE);
        order(h, 1, 10, 100);
        for (int days : new int[] {100, 80, 50, 20, 10}) order(h, 2, days, 200);
        order(h, 3, 400, 50);
        for (int days : new int[] {300, 250, 200}) order(h, 4, days, 200);
        return ScoringComputation.compute(h.build(), profile, previous, ProgressListener.NONE);
    }

    private static void order(CustomerHistories.Builder h, long customer, int daysBefore, long amount) {
        h.add(customer, (int) REFERENCE.minusDays(daysBefore).toEpochDay(), amount * 10_000);
    }
}
