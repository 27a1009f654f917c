package dev.rfm.analytics.trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;

/**
 * Two succeeded runs written by hand (with a failed run between them, which is not "the previous run"), so every
 * batch the tests expect can be checked against {@link #CUSTOMERS}: who moved from where to where.
 */
final class TwoRuns {

    /** One customer: standard segment and lifecycle stage before (run 1; null: not scored) and now (run 2). */
    record Customer(
            int i, String before, String now, String stageBefore, String stageNow, Double pAlive, Integer clv) {}

    /*
     * Champions → At Risk: 1, 2, 7. Into At Risk from anywhere: 1, 2, 3 (from Loyal), 6 (new), 7.
     * Not entering At Risk: 4 (stays), 5 (stays a Champion), 8 (Champion → Lost).
     * Into Lost: 8 and the 40 generated customers 101..140 (Hibernating → Lost).
     * Lifecycle ACTIVE → DORMANT: 1 and 3.
     */
    static final List<Customer> CUSTOMERS = List.of(
            new Customer(1, "CHAMPIONS", "AT_RISK", "ACTIVE", "DORMANT", 0.42, 310),
            new Customer(2, "CHAMPIONS", "AT_RISK", "ACTIVE", "ACTIVE", 0.5, 120),
            new Customer(3, "LOYAL", "AT_RISK", "ACTIVE", "DORMANT", 0.3, null),
            new Customer(4, "AT_RISK", "AT_RISK", "DORMANT", "DORMANT", 0.2, 40),
            new Customer(5, "CHAMPIONS", "CHAMPIONS", "ACTIVE", "ACTIVE", 0.95, 900),
            new Customer(6, null, "AT_RISK", null, "NEW", null, null),
            new Customer(7, "CHAMPIONS", "AT_RISK", "ACTIVE", "ACTIVE", 0.61, 75),
            new Customer(8, "CHAMPIONS", "LOST", "ACTIVE", "LOST", 0.05, 1));

    static final int GENERATED = 40;

    private TwoRuns() {}

    /** Empties the tables and writes the runs; returns {run 1, run 2}; run 2 is the current snapshot. */
    static long[] write(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("delete from segment_trigger");
                s.executeUpdate("delete from campaign"); // with its members, who name customers
                s.executeUpdate("delete from customer_score");
                s.executeUpdate("delete from customer");
                s.executeUpdate("update current_snapshot set run_id = null");
                s.executeUpdate("delete from scoring_run");
            }
            try (PreparedStatement customer = c.prepareStatement("insert into customer (id, external_id, name, email,"
                    + " first_seen, created_at) values (?, ?, ?, ?, date '2024-01-01', current_timestamp)")) {
                for (int i = 1; i <= 100 + GENERATED; i++) {
                    if (i > CUSTOMERS.size() && i <= 100) continue;
                    customer.setLong(1, 1000 + i);
                    customer.setString(2, "C" + i);
                    customer.setString(3, "Person " + i);
                    customer.setString(4, i == 2 ? null : "p" + i + "@example.com");
                    customer.addBatch();
                }
                customer.executeBatch();
            }
            long first = run(c, "SUCCEEDED");
            scores(c, first, true);
            run(c, "FAILED");
            long second = run(c, "SUCCEEDED");
            scores(c, second, false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update current_snapshot set run_id = " + second);
            }
            c.commit();
            return new long[] {first, second};
        }
    }

    private static long run(Connection c, String status) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at,"
                    + " finished_at) values ('" + status + "', date '2025-01-01', 'MANUAL', timestamp"
                    + " '2025-01-01 03:00:00', timestamp '2025-01-01 03:00:00')");
            ResultSet rs = s.executeQuery("select max(id) from scoring_run");
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void scores(Connection c, long run, boolean before) throws SQLException {
        if (c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            try (Statement s = c.createStatement()) {
                s.execute("create table customer_score_" + run + " partition of customer_score for values in (" + run
                        + ")");
            }
        }
        try (PreparedStatement score = c.prepareStatement("insert into customer_score (run_id, customer_id,"
                + " frequency, monetary, r_score, f_score, m_score, segment_standard, lifecycle_stage, p_alive,"
                + " predicted_clv, historical_clv) values (?, ?, 1, 10, ?, ?, ?, ?, ?, ?, ?, 10)")) {
            for (Customer x : CUSTOMERS) {
                String segment = before ? x.before() : x.now();
                if (segment == null) continue;
                add(score, run, x.i(), segment, before ? x.stageBefore() : x.stageNow(), x.pAlive(), x.clv());
            }
            for (int i = 101; i <= 100 + GENERATED; i++) {
                add(score, run, i, before ? "HIBERNATING" : "LOST", "LOST", 0.01, null);
            }
            score.executeBatch();
        }
    }

    private static void add(
            PreparedStatement score, long run, int i, String segment, String stage, Double pAlive, Integer clv)
            throws SQLException {
        score.setLong(1, run);
        score.setLong(2, 1000 + i);
        // scores that tell the customers apart in the body: r = i mod 5 + 1, f = 3, m = 5 - i mod 5
        score.setInt(3, i % 5 + 1);
        score.setInt(4, 3);
        score.setInt(5, 5 - i % 5);
        score.setString(6, segment);
        score.setString(7, stage);
        if (pAlive == null) score.setNull(8, java.sql.Types.DOUBLE);
        else score.setDouble(8, pAlive);
        score.setBigDecimal(9, clv == null ? null : java.math.BigDecimal.valueOf(clv));
        score.addBatch();
    }

    /** The tests' key for trigger secrets (the server's comes from RFM_SECRET_KEY or its key file). */
    static final dev.rfm.domain.source.SecretBox SECRETS =
            dev.rfm.domain.source.SecretBox.ofBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    /** A trigger stored directly (the REST layer validates drafts; these tests exercise delivery). */
    static SegmentTrigger trigger(DataSource ds, TriggerSettings s) throws SQLException {
        return new SegmentTriggers(ds, SECRETS).create(s, "test", LocalDateTime.of(2025, 1, 1, 0, 0));
    }
}
