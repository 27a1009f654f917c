package dev.rfm.analytics.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * Where a run's per-customer rows live. On PostgreSQL each run has a partition of {@code customer_score} of its own
 * (migration V4): written into a fresh table without indexes, then attached, which builds its indexes in bulk; retention
 * drops it whole. Elsewhere all runs share the one table and rows are inserted and deleted. Every statement runs in
 * the caller's transaction, so a run that fails leaves no partition behind.
 */
final class CustomerScoreTable {

    private final boolean partitioned;

    private CustomerScoreTable(boolean partitioned) {
        this.partitioned = partitioned;
    }

    static CustomerScoreTable on(Connection c) throws SQLException {
        return new CustomerScoreTable(c.isWrapperFor(PGConnection.class));
    }

    /** True when rows go into a table created in this transaction (and may be copied with {@code FREEZE}). */
    boolean fresh() {
        return partitioned;
    }

    /** Prepares the table that takes the run's rows and returns its name. */
    String create(Connection c, long runId) throws SQLException {
        if (!partitioned) return "customer_score";
        // the check lets ATTACH skip its scan of the rows for the partition constraint
        execute(
                c,
                "create table " + partition(runId) + " (like customer_score including defaults, check (run_id = "
                        + runId + "))");
        return partition(runId);
    }

    /** Makes the run's rows part of {@code customer_score}, with their indexes and planner statistics. */
    void attach(Connection c, long runId) throws SQLException {
        if (!partitioned) return;
        execute(
                c,
                "alter table customer_score attach partition " + partition(runId) + " for values in (" + runId + ")");
        execute(c, "analyze " + partition(runId));
    }

    /**
     * Deletes a run's rows. Dropping a partition locks {@code customer_score} for a moment: it waits at most ten
     * seconds for readers (a long CSV export, say) and then fails, rather than queue every new reader behind it;
     * retention runs again after the next run.
     */
    void delete(Connection c, long runId) throws SQLException {
        if (partitioned) execute(c, "set local lock_timeout = '10s'");
        execute(
                c,
                partitioned
                        ? "drop table if exists " + partition(runId)
                        : "delete from customer_score where run_id = " + runId);
    }

    private static String partition(long runId) {
        return "customer_score_" + runId;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
