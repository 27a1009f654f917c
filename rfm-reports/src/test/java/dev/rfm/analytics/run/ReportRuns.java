package dev.rfm.analytics.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Real scored runs for the report tests, made by the scoring run beans of rfm-analytics (its test jar; this class
 * sits in their package to wire them): 400 customers who buy as the models assume, scored twice a month apart, so
 * that the second run has a previous run, migrations and a history.
 */
public final class ReportRuns {

    private ReportRuns() {}

    /** Stores the customers and runs two scorings; returns {first run, second run}. */
    public static long[] twoRuns(DataSource ds) throws SQLException {
        OrderReaderTest.store(ds, ScoringRunStorageTest.buyingCustomers(21, 400));
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("update customer set name = 'Name ' || external_id");
        }
        RunBeans beans = new RunBeans(ds);
        long first = beans.runAsOf(LocalDate.of(2024, 12, 1));
        long second = beans.runAsOf(LocalDate.of(2025, 1, 1));
        return new long[] {first, second};
    }

    /**
     * Two synthetic runs of {@code customers} customers for the report benchmark, written straight into the run
     * tables as {@code ChurnWatchBenchmark} does (independent random segments, stages and values per run), with the
     * summary and migration rows a scoring run would write, computed by SQL. Returns the second run.
     */
    public static long syntheticRuns(DataSource ds, int customers) throws SQLException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = c.prepareStatement("insert into customer (id, external_id, name,"
                    + " first_seen, created_at) values (?, ?, ?, date '2024-01-01', current_timestamp)")) {
                for (int i = 1; i <= customers; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "C" + i);
                    insert.setString(3, "客户 " + i);
                    insert.addBatch();
                    if (i % 10_000 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        long first = syntheticRun(ds, customers, random, LocalDate.of(2024, 12, 1));
        long second = syntheticRun(ds, customers, random, LocalDate.of(2025, 1, 1));
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String[] scheme : new String[][] {
                {"standard", "segment_standard"}, {"cn8", "segment_cn8"}, {"lifecycle", "lifecycle_stage"}
            }) {
                s.executeUpdate("insert into segment_migration (run_id, scheme, from_code, to_code, customers)"
                        + " select " + second + ", '" + scheme[0] + "', a." + scheme[1] + ", b." + scheme[1]
                        + ", count(*) from customer_score a join customer_score b on b.customer_id = a.customer_id"
                        + " where a.run_id = " + first + " and b.run_id = " + second
                        + " group by a." + scheme[1] + ", b." + scheme[1]);
            }
        }
        return second;
    }

    private static final String[] STANDARD = {
        "CHAMPIONS",
        "LOYAL",
        "POTENTIAL_LOYALIST",
        "NEW_CUSTOMERS",
        "PROMISING",
        "NEED_ATTENTION",
        "ABOUT_TO_SLEEP",
        "AT_RISK",
        "CANT_LOSE_THEM",
        "HIBERNATING",
        "LOST"
    };
    private static final String[] CN8 = {
        "IMPORTANT_VALUE",
        "IMPORTANT_DEVELOP",
        "IMPORTANT_KEEP",
        "IMPORTANT_WINBACK",
        "GENERAL_VALUE",
        "GENERAL_DEVELOP",
        "GENERAL_KEEP",
        "GENERAL_WINBACK"
    };
    private static final String[] STAGES = {"NEW", "ACTIVE", "DORMANT", "LOST", "REACTIVATED"};

    private static long syntheticRun(DataSource ds, int customers, java.util.SplittableRandom random, LocalDate day)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long run;
            try (Statement s = c.createStatement()) {
                s.executeUpdate(
                        "insert into scoring_run (status, reference_date, trigger_source, queued_at,"
                                + " cut_points) values ('SUCCEEDED', date '" + day + "', 'MANUAL', current_timestamp,"
                                + " 'recency=QUANTILE:30,90,180,365; frequency=FIXED:1,2,3,5; monetary=QUANTILE:50,100,200,400')");
                var rs = s.executeQuery("select max(id) from scoring_run");
                rs.next();
                run = rs.getLong(1);
            }
            CustomerScoreTable table = CustomerScoreTable.on(c);
            String name = table.create(c, run);
            try (java.sql.PreparedStatement insert = c.prepareStatement("insert into " + name + " (run_id,"
                    + " customer_id, recency_days, frequency, monetary, segment_standard, segment_cn8,"
                    + " lifecycle_stage, abc_class, p_alive, predicted_clv, historical_clv)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= customers; i++) {
                    java.math.BigDecimal monetary = java.math.BigDecimal.valueOf(random.nextLong(0, 50_000_000), 4);
                    insert.setLong(1, run);
                    insert.setLong(2, i);
                    insert.setInt(3, random.nextInt(1, 1000));
                    insert.setInt(4, random.nextInt(1, 20));
                    insert.setBigDecimal(5, monetary);
                    insert.setString(6, STANDARD[random.nextInt(STANDARD.length)]);
                    insert.setString(7, CN8[random.nextInt(CN8.length)]);
                    insert.setString(8, STAGES[random.nextInt(STAGES.length)]);
                    insert.setString(9, new String[] {"A", "B", "C"}[random.nextInt(3)]);
                    insert.setDouble(10, random.nextDouble());
                    insert.setBigDecimal(11, java.math.BigDecimal.valueOf(random.nextLong(0, 20_000_000), 4));
                    insert.setBigDecimal(12, monetary);
                    insert.addBatch();
                    if (i % 10_000 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
            table.attach(c, run);
            try (Statement s = c.createStatement()) {
                for (String[] scheme : new String[][] {
                    {"standard", "segment_standard"},
                    {"cn8", "segment_cn8"},
                    {"lifecycle", "lifecycle_stage"},
                    {"abc", "abc_class"}
                }) {
                    s.executeUpdate("insert into segment_summary (run_id, scheme, code, position, name_en, name_zh,"
                            + " action_en, action_zh, customers, share, revenue, revenue_share, avg_recency_days,"
                            + " avg_frequency, avg_monetary, avg_predicted_clv) select " + run + ", '" + scheme[0]
                            + "', " + scheme[1] + ", 0, " + scheme[1] + ", '分群 ' || " + scheme[1]
                            + ", 'Act on ' || " + scheme[1] + ", '行动 ' || " + scheme[1] + ", count(*),"
                            + " count(*) * 1.0 / " + customers + ", sum(monetary), 0, avg(recency_days),"
                            + " avg(frequency), avg(monetary), avg(predicted_clv) from customer_score where run_id = "
                            + run + " group by " + scheme[1]);
                }
                s.executeUpdate("update current_snapshot set run_id = " + run + " where id = 1");
                if (!table.fresh()) s.executeUpdate("analyze");
            }
            c.commit();
            return run;
        }
    }
}
