package dev.rfm.analytics.migration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a draft scoring profile would move customers: the current run's standard and CN8 segments, custom segments and
 * lifecycle stages against those the draft gives the same customers as of the same reference date, and the predicted
 * CLV of all customers before and after. Built from migration matrices current run → draft; nothing is stored.
 *
 * <p>Counts: {@link #currentScored()} are the customers with a standard segment in the current run (rows other than
 * {@link MigrationMatrix#NONE}); each of them is either {@link #kept()} or in exactly one of {@link #segmentMoves()}
 * with a real "from", so {@code kept + moved out of a segment = currentScored}.
 */
public final class ProfileChangePreview {

    /** Customers going from one category to another (either may be {@link MigrationMatrix#NONE}). */
    public record Move(String from, String to, long customers) {}

    /** The predicted CLV of all customers summed, in the current run and under the draft. */
    public record PredictedClv(BigDecimal current, BigDecimal draft) {

        public PredictedClv {
            Objects.requireNonNull(current, "current must not be null");
            Objects.requireNonNull(draft, "draft must not be null");
        }

        /** The draft's change in percent of the current total; null when the current total is zero. */
        public BigDecimal changePercent() {
            if (current.signum() == 0) return null;
            return draft.subtract(current)
                    .multiply(BigDecimal.valueOf(100))
                    .divide(current, 1, java.math.RoundingMode.HALF_UP);
        }
    }

    private final List<Move> segmentMoves;
    private final List<Move> cn8Moves;
    private final List<Move> customMoves;
    private final List<Move> stageMoves;
    private final long currentScored;
    private final long draftScored;
    private final long kept;
    private final long cn8Kept;
    private final long customKept;
    private final long stageKept;
    private final PredictedClv predictedClv;

    private ProfileChangePreview(
            MigrationMatrix segments,
            MigrationMatrix cn8,
            MigrationMatrix custom,
            MigrationMatrix stages,
            PredictedClv predictedClv) {
        this.segmentMoves = moves(segments);
        this.cn8Moves = cn8 == null ? List.of() : moves(cn8);
        this.customMoves = custom == null ? List.of() : moves(custom);
        this.cn8Kept = cn8 == null ? 0 : keptIn(cn8);
        this.customKept = custom == null ? 0 : keptIn(custom);
        this.predictedClv = predictedClv;
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
        this.stageKept = keptIn(stages);
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
        return new ProfileChangePreview(segments, null, null, stages, null);
    }

    /**
     * @param matrices current run → draft, one per assignment kind (as {@code ScoringOutcome.migrationsFrom} gives)
     * @param predictedClv the predicted CLV before and after, or null when not known
     */
    public static ProfileChangePreview of(Map<AssignmentKind, MigrationMatrix> matrices, PredictedClv predictedClv) {
        for (AssignmentKind kind : AssignmentKind.values()) {
            if (matrices.get(kind) == null || matrices.get(kind).kind() != kind) {
                throw new IllegalArgumentException("no " + kind + " matrix in " + matrices.keySet());
            }
        }
        return new ProfileChangePreview(
                matrices.get(AssignmentKind.STANDARD_SEGMENT),
                matrices.get(AssignmentKind.CN8_SEGMENT),
                matrices.get(AssignmentKind.CUSTOM_SEGMENT),
                matrices.get(AssignmentKind.LIFECYCLE_STAGE),
                predictedClv);
    }

    /** Customers with a category (not "none") that keep it. */
    private static long keptIn(MigrationMatrix matrix) {
        long same = 0;
        for (int r = 0; r < matrix.from().size(); r++) {
            for (int c = 0; c < matrix.to().size(); c++) {
                String from = matrix.from().get(r);
                if (!from.equals(MigrationMatrix.NONE)
                        && from.equals(matrix.to().get(c))) {
                    same += matrix.count(r, c);
                }
            }
        }
        return same;
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

    /** Customers that change CN8 segment, largest move first (empty when built from two matrices only). */
    public List<Move> cn8Moves() {
        return cn8Moves;
    }

    /** Customers that change custom segment, largest move first (empty without custom rules). */
    public List<Move> customMoves() {
        return customMoves;
    }

    /** Customers of the current run that keep their CN8 segment. */
    public long cn8Kept() {
        return cn8Kept;
    }

    /** Customers of the current run that keep their custom segment. */
    public long customKept() {
        return customKept;
    }

    /** The predicted CLV of all customers before and after, or null when not computed. */
    public PredictedClv predictedClv() {
        return predictedClv;
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
