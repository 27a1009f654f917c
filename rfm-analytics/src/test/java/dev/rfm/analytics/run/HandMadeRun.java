package dev.rfm.analytics.run;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * A succeeded run written straight into the tables for the read side's tests (the Customers page's queries): the
 * customers and their scores exactly as a test chooses them, without orders and without scoring, so that every
 * expected page and count can be worked out from the test's own rule.
 */
final class HandMadeRun {

    /** The cut points the run says it used (the customer page's "why in its segment" reads them). */
    static final String CUT_POINTS =
            "recency=QUINTILE:10,20,30,40; frequency=QUINTILE:1,2,3,4; monetary=QUINTILE:5,6,7,8";

    /** One customer and its row in the run; its RFM code is the three scores. */
    record Customer(
            String name,
            String email,
            int recencyDays,
            int frequency,
            BigDecimal monetary,
            int r,
            int f,
            int m,
            String segment,
            String stage,
            String abcClass,
            double pAlive,
            BigDecimal predictedClv,
            BigDecimal historicalClv) {}

    private HandMadeRun() {}

    /**
     * Replaces every customer and score with customers 1..{@code count} (id {@code "C" + i}, key {@code firstKey +
     * i}) and makes them a succeeded run as of 2025-01-01.
     *
     * @return the run's id
     */
    static long write(DataSource ds, int count, long firstKey, IntFunction<Customer> customerNumber)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long run;
            try (Statement s = c.createStatement()) {
                s.executeUpdate("delete from customer_score");
                s.executeUpdate("delete from customer_order");
                s.executeUpdate("delete from customer");
                s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at,"
                        + " cut_points) values ('SUCCEEDED', date '2025-01-01', 'MANUAL', current_timestamp, '"
                        + CUT_POINTS + "')");
                try (ResultSet rs = s.executeQuery("select max(id) from scoring_run")) {
                    rs.next();
                    run = rs.getLong(1);
                }
            }
            try (PreparedStatement customer = c.prepareStatement("insert into customer (id, external_id, name, email,"
                            + " first_seen, created_at) values (?, ?, ?, ?, date '2024-01-01', current_timestamp)");
                    PreparedStatement score = c.prepareStatement("insert into "
                            + CustomerScoreTable.on(c).create(c, run)
                            + " (run_id, customer_id, recency_days, frequency, monetary, r_score, f_score, m_score,"
                            + " rfm_code, segment_standard, lifecycle_stage, abc_class, p_alive, predicted_clv,"
                            + " historical_clv) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= count; i++) {
                    Customer x = customerNumber.apply(i);
                    customer.setLong(1, firstKey + i);
                    customer.setString(2, "C" + i);
                    customer.setString(3, x.name());
                    customer.setString(4, x.email());
                    customer.addBatch();
                    score.setLong(1, run);
                    score.setLong(2, firstKey + i);
                    score.setInt(3, x.recencyDays());
                    score.setInt(4, x.frequency());
                    score.setBigDecimal(5, x.monetary());
                    score.setInt(6, x.r());
                    score.setInt(7, x.f());
                    score.setInt(8, x.m());
                    score.setString(9, "" + x.r() + x.f() + x.m());
                    score.setString(10, x.segment());
                    score.setString(11, x.stage());
                    score.setString(12, x.abcClass());
                    score.setDouble(13, x.pAlive());
                    score.setBigDecimal(14, x.predictedClv());
                    score.setBigDecimal(15, x.historicalClv());
                    score.addBatch();
                }
                customer.executeBatch();
                score.executeBatch();
            }
            CustomerScoreTable.on(c).attach(c, run);
            c.commit();
            return run;
        }
    }
}
