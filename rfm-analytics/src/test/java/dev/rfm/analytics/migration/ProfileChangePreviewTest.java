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

    /**
     * Customer 5 bought 400 days before the reference date and again 10 days before it. As of the run before the
     * current one (100 days before the reference date) they were dormant (300 days since the last purchase), so the
     * current run calls them reactivated. The draft, recomputed with the run before the current one as its previous
     * run, does too: the customer keeps the stage. Recomputed with the current run as "previous" (how the preview
     * worked before) the customer would wrongly seem to move from Reactivated to Active.
     */
    @Test
    void aReactivatedCustomerKeepsTheStageWhenTheRunBeforeTheCurrentOneIsTheDraftsPrevious() {
        LocalDate before = REFERENCE.minusDays(100);
        CustomerHistories.Builder early = ScoringComputation.historiesBuilder(CURRENT, before);
        early.add(5, (int) REFERENCE.minusDays(400).toEpochDay(), 80 * 10_000L);
        ScoringOutcome beforeRun =
                ScoringComputation.compute(early.build(), CURRENT, PreviousAssignments.none(), ProgressListener.NONE);
        assertThat(beforeRun.stage(0).name()).isEqualTo("DORMANT");
        PreviousAssignments beforeStored = stored(beforeRun, before);

        ScoringOutcome current = computeWithReactivated(CURRENT, beforeStored);
        int five = current.indexOf(5);
        assertThat(current.stage(five).name()).isEqualTo("REACTIVATED");
        PreviousAssignments currentStored = stored(current, REFERENCE);

        ProfileChangePreview preview = ProfileChangePreview.of(
                computeWithReactivated(DRAFT, beforeStored).migrationsFrom(currentStored), null);
        assertThat(preview.stageMoves()).isEmpty();
        assertThat(preview.stageKept()).isEqualTo(5);

        ProfileChangePreview asBefore = ProfileChangePreview.of(
                computeWithReactivated(DRAFT, currentStored).migrationsFrom(currentStored), null);
        assertThat(asBefore.stageMoves()).containsExactly(new Move("REACTIVATED", "ACTIVE", 1));
    }

    /** Every kind is compared: CN8 moves add up as standard ones do, and a draft equal to the profile moves nobody. */
    @Test
    void cn8AndCustomSegmentsAreComparedToo() {
        ScoringOutcome current = compute(CURRENT, PreviousAssignments.none());
        PreviousAssignments stored = stored(current, REFERENCE);

        ProfileChangePreview same = ProfileChangePreview.of(
                compute(CURRENT, PreviousAssignments.none()).migrationsFrom(stored),
                new ProfileChangePreview.PredictedClv(java.math.BigDecimal.TEN, java.math.BigDecimal.TEN));
        assertThat(same.segmentMoves()).isEmpty();
        assertThat(same.cn8Moves()).isEmpty();
        assertThat(same.customMoves()).isEmpty();
        assertThat(same.cn8Kept()).isEqualTo(4);
        assertThat(same.predictedClv().changePercent()).isEqualByComparingTo("0");

        ProfileChangePreview draft = ProfileChangePreview.of(
                compute(DRAFT, PreviousAssignments.none()).migrationsFrom(stored), null);
        // customer 3 has no purchase in the draft's window: no CN8 segment any more either
        assertThat(draft.cn8Moves()).anySatisfy(m -> {
            assertThat(m.to()).isEqualTo(MigrationMatrix.NONE);
            assertThat(m.customers()).isEqualTo(1);
        });
        long cn8MovedOut = draft.cn8Moves().stream()
                .filter(m -> !m.from().equals(MigrationMatrix.NONE))
                .mapToLong(Move::customers)
                .sum();
        assertThat(draft.cn8Kept() + cn8MovedOut).isEqualTo(draft.currentScored());
        assertThat(new ProfileChangePreview.PredictedClv(
                                new java.math.BigDecimal("200.00"), new java.math.BigDecimal("150.00"))
                        .changePercent())
                .isEqualByComparingTo("-25.0");
    }

    private static PreviousAssignments stored(ScoringOutcome run, LocalDate reference) {
        PreviousAssignments.Builder stored = PreviousAssignments.builder(reference);
        for (int i = 0; i < run.size(); i++) {
            boolean scored = run.scored(i);
            stored.add(
                    run.customerId(i),
                    scored ? run.standardSegment(i).definition().code() : null,
                    scored ? run.cn8Segment(i).definition().code() : null,
                    run.customSegment(i) == null ? null : run.customSegment(i).code(),
                    run.stage(i).name());
        }
        return stored.build();
    }

    private static ScoringOutcome computeWithReactivated(ScoringProfile profile, PreviousAssignments previous) {
        CustomerHistories.Builder h = ScoringComputation.historiesBuilder(profile, REFERENCE);
        order(h, 1, 10, 100);
        for (int days : new int[] {100, 80, 50, 20, 10}) order(h, 2, days, 200);
        order(h, 3, 400, 50);
        for (int days : new int[] {300, 250, 200}) order(h, 4, days, 200);
        order(h, 5, 400, 80);
        order(h, 5, 10, 80);
        return ScoringComputation.compute(h.build(), profile, previous, ProgressListener.NONE);
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
