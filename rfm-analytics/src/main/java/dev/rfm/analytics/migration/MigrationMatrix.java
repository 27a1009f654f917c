package dev.rfm.analytics.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many customers moved from each category of the previous run to each category of this run,
 * for one {@link AssignmentKind}. Row and column 0 are {@value #NONE}: customers new in this run
 * (or without a category before) come from it, customers without a category now go to it.
 *
 * <p>Rows are {@value #NONE}, this run's categories, then any categories only the previous run
 * had (e.g. a deleted custom segment); columns are {@value #NONE} and this run's categories.
 */
public final class MigrationMatrix {

    /** Label of the "no category" row and column. */
    public static final String NONE = "none";

    private final AssignmentKind kind;
    private final List<String> from;
    private final List<String> to;
    private final long[][] counts;

    private MigrationMatrix(AssignmentKind kind, List<String> from, List<String> to, long[][] counts) {
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.counts = counts;
    }

    /**
     * A tally with rows {@code none + currentCodes + previousOnlyCodes} and columns {@code none +
     * currentCodes}.
     */
    public static Tally tally(AssignmentKind kind, List<String> currentCodes, List<String> previousCodes) {
        return new Tally(kind, currentCodes, previousCodes);
    }

    public AssignmentKind kind() {
        return kind;
    }

    /** Row labels: previous categories. */
    public List<String> from() {
        return from;
    }

    /** Column labels: current categories. */
    public List<String> to() {
        return to;
    }

    /** Customers that moved from {@code fromCode} to {@code toCode} (0 for unknown labels). */
    public long count(String fromCode, String toCode) {
        int row = from.indexOf(fromCode);
        int column = to.indexOf(toCode);
        return row < 0 || column < 0 ? 0 : counts[row][column];
    }

    public long count(int row, int column) {
        return counts[row][column];
    }

    /** All customers counted: those of this run and those only in the previous run. */
    public long total() {
        long sum = 0;
        for (long[] row : counts) {
            for (long c : row) {
                sum += c;
            }
        }
        return sum;
    }

    /** Accumulates moves by row and column index. */
    public static final class Tally {
        private final AssignmentKind kind;
        private final List<String> from;
        private final List<String> to;
        private final Map<String, Integer> rowOfCode = new HashMap<>();
        private final long[][] counts;

        private Tally(AssignmentKind kind, List<String> currentCodes, List<String> previousCodes) {
            this.kind = Objects.requireNonNull(kind, "kind must not be null");
            List<String> columns = new ArrayList<>();
            columns.add(NONE);
            columns.addAll(currentCodes);
            List<String> rows = new ArrayList<>(columns);
            for (String code : previousCodes) {
                if (!rows.contains(code)) {
                    rows.add(code);
                }
            }
            for (int r = 0; r < rows.size(); r++) {
                rowOfCode.putIfAbsent(rows.get(r), r);
            }
            this.from = List.copyOf(rows);
            this.to = List.copyOf(columns);
            this.counts = new long[rows.size()][columns.size()];
        }

        /** The row of a previous code ({@code null} = none). */
        public int rowOf(String previousCode) {
            return previousCode == null ? 0 : rowOfCode.get(previousCode);
        }

        /**
         * Counts one customer.
         *
         * @param row from {@link #rowOf(String)}
         * @param currentCategory index into the current codes, or -1 for none
         */
        public void add(int row, int currentCategory) {
            counts[row][currentCategory + 1]++;
        }

        public MigrationMatrix build() {
            long[][] copy = new long[counts.length][];
            for (int r = 0; r < counts.length; r++) {
                copy[r] = counts[r].clone();
            }
            return new MigrationMatrix(kind, from, to, copy);
        }
    }
}
