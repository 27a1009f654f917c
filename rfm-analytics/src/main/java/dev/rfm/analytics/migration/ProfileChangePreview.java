package dev.rfm.analytics.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a draft scoring profile would move customers: the current run's standard segments and lifecycle stages against
 * those the draft gives the same customers as of the same reference date. Built from the two migration matrices of a
 * computation whose "previous run" is the current run; nothing is stored.
 *
 * <p>Counts: {@link #currentScored()} are the customers with a standard segment in the current run (rows other than
 * {@link MigrationMatrix#NONE}); each of them is either {@link #kept()} or in exactly one of {@link #segmentMoves()}
 * with a real "from", so {@code kept + moved out of a segment = currentScored}.
 */
public final class ProfileChangePreview {

    /** Customers going from one category to another (either may be {@link MigrationMatrix#NONE}). */
    public record Move(String from, String to, long customers) {}

    private final List<Move> segmentMoves;
    private final List<Move> stageMoves;
    private final long currentScored;
    private final long draftScored;
    private final long kept;
    private final long stageKept;

    private ProfileChangePreview(MigrationMatrix segments, MigrationMatrix stages) {
        this.segmentMoves = moves(segments);
        this.stageMoves = moves(stages);
        long current = 0;
        long draft = 0;
        long same = 0;
        for (int r = 0; r < segments.from().size(); r++) {
            for (int c = 0; c < segments.to().size(); c++) {
                long n = segments.count(r, c);
                String from = segments.from().get(r);
                String to = segments.to().get(c);
                if (!from.equals(MigrationMatrix.NONE)) current += n;
                if (!to.equals(MigrationMatrix.NONE)) draft += n;
                if (!from.equals(MigrationMatrix.NONE) && from.equals(to)) same += n;
            }
        }
        this.currentScored = current;
        this.draftScored = draft;
        this.kept = same;
        long stageSame = 0;
        for (int r = 0; r < stages.from().size(); r++) {
            for (int c = 0; c < stages.to().size(); c++) {
                String from = stages.from().get(r);
                if (!from.equals(MigrationMatrix.NONE)
                        && from.equals(stages.to().get(c))) {
                    stageSame += stages.count(r, c);
                }
            }
        }
        this.stageKept = stageSame;
    }

    /**
     * @param segments the standard-segment matrix (current run → draft)
     * @param stages the lifecycle-stage matrix (current run → draft)
     */
    public static ProfileChangePreview of(MigrationMatrix segments, MigrationMatrix stages) {
        Objects.requireNonNull(segments, "segments must not be null");
        Objects.requireNonNull(stages, "stages must not be null");
        if (segments.kind() != AssignmentKind.STANDARD_SEGMENT || stages.kind() != AssignmentKind.LIFECYCLE_STAGE) {
            throw new IllegalArgumentException(
                    "expected standard segments and lifecycle stages, got " + segments.kind() + ", " + stages.kind());
        }
        return new ProfileChangePreview(segments, stages);
    }

    /** Non-empty moves between different categories, largest first (ties by from, then to). */
    private static List<Move> moves(MigrationMatrix matrix) {
        List<Move> moves = new ArrayList<>();
        for (int r = 0; r < matrix.from().size(); r++) {
            for (int c = 0; c < matrix.to().size(); c++) {
                long n = matrix.count(r, c);
                String from = matrix.from().get(r);
                String to = matrix.to().get(c);
                if (n > 0 && !from.equals(to)) moves.add(new Move(from, to, n));
            }
        }
        moves.sort(Comparator.comparingLong(Move::customers)
                .reversed()
                .thenComparing(Move::from)
                .thenComparing(Move::to));
        return List.copyOf(moves);
    }

    /** Customers that change standard segment (including to and from "none"), largest move first. */
    public List<Move> segmentMoves() {
        return segmentMoves;
    }

    /** Customers that change lifecycle stage, largest move first. */
    public List<Move> stageMoves() {
        return stageMoves;
    }

    /** Customers with a standard segment in the current run. */
    public long currentScored() {
        return currentScored;
    }

    /** Customers the draft would score. */
    public long draftScored() {
        return draftScored;
    }

    /** Customers of the current run that keep their standard segment under the draft. */
    public long kept() {
        return kept;
    }

    /** Customers of the current run that keep their lifecycle stage under the draft. */
    public long stageKept() {
        return stageKept;
    }

    /** Customers of the current run whose standard segment changes (to another segment or to none). */
    public long moved() {
        return currentScored - kept;
    }
}
