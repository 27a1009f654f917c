package dev.rfm.analytics.run;

import dev.rfm.domain.snapshot.ChurnWatch;
import dev.rfm.domain.snapshot.ChurnWatch.Criteria;
import dev.rfm.domain.testing.TestDatabase;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Churn watch's queries at scale: N synthetic customers scored in two runs with independent random segments,
 * stages, classes and P(alive) (so about a fifth of them are on the default list: a worst case), then the median of
 * five calls (after one warm-up) of each query the page makes. Run: {@code ./mvnw -pl rfm-analytics -am test
 * -Dtest=ChurnWatchBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Drfm.churnWatchBenchmark=1000000}; {@code
 * -Drfm.churnWatchBenchmark.database=POSTGRESQL} measures one database only.
 */
@EnabledIfSystemProperty(named = "rfm.churnWatchBenchmark", matches = "\\d+")
class ChurnWatchBenchmark {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    private interface Call {
        Object run() throws Exception;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pageQueries(TestDatabase database) throws Exception {
        String only = System.getProperty("rfm.churnWatchBenchmark.database");
        org.junit.jupiter.api.Assumptions.assumeTrue(only == null || only.equalsIgnoreCase(database.name()));
        DataSource ds = DATABASES.get(database);
        int customers = Integer.parseInt(System.getProperty("rfm.churnWatchBenchmark"));
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(1);
        customers(ds, customers);
        write(ds, customers, random);
        long run = write(ds, customers, random);
        System.out.printf(
                Locale.ROOT,
                "CHURN %s %d customers x 2 runs written in %d s%n",
                database,
                customers,
                (System.nanoTime() - start) / 1_000_000_000);
        ChurnWatch watch = new ChurnWatch(ds);
        Criteria clv = new Criteria(0.5, new BigDecimal("1500"));
        System.out.println("CHURN " + database + " counts " + watch.counts(run, Criteria.DEFAULT) + " / by CLV "
                + watch.counts(run, clv));
        measure(database, "counts, A class", () -> watch.counts(run, Criteria.DEFAULT));
        measure(database, "counts, CLV >= 1500", () -> watch.counts(run, clv));
        measure(database, "first page by value at stake", () -> watch.page(run, Criteria.DEFAULT, null, false, 0, 25));
        measure(
                database,
                "page 100 by value at stake",
                () -> watch.page(run, Criteria.DEFAULT, null, false, 2_475, 25));
        measure(database, "first page by P(alive) asc", () -> watch.page(run, Criteria.DEFAULT, "pAlive", true, 0, 25));
        measure(database, "first page, CLV >= 1500", () -> watch.page(run, clv, null, false, 0, 25));
        measure(
                database,
                "CSV of the whole A-class list",
                () -> watch.writeCsv(run, Criteria.DEFAULT, null, false, Writer.nullWriter()));
    }

    private static void measure(TestDatabase database, String what, Call call) throws Exception {
        call.run();
        long[] millis = new long[5];
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            call.run();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf(
                Locale.ROOT,
                "CHURN %s %-40s median %d ms (min %d, max %d)%n",
                database,
                what,
                millis[2],
                millis[0],
                millis[4]);
    }

    private static void customers(DataSource ds, int customers) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into customer (id, external_id, name, email,"
                    + " first_seen, created_at) values (?, ?, ?, ?, date '2024-01-01', current_timestamp)")) {
                for (int i = 1; i <= customers; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "C" + i);
                    insert.setString(3, "Person " + i);
                    insert.setString(4, "person" + i + "@example.com");
                    insert.addBatch();
                    if (i % 10_000 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    private static long write(DataSource ds, int customers, SplittableRandom random) throws SQLException {
        String[] segments = {"CHAMPIONS", "LOYAL", "POTENTIAL_LOYALIST", "AT_RISK", "CANT_LOSE_THEM", "HIBERNATING"};
        String[] stages = {"NEW", "ACTIVE", "DORMANT", "LOST", "REACTIVATED"};
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long run;
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at)"
                        + " values ('SUCCEEDED', date '2025-01-01', 'MANUAL', current_timestamp)");
                var rs = s.executeQuery("select max(id) from scoring_run");
                rs.next();
                run = rs.getLong(1);
            }
            CustomerScoreTable table = CustomerScoreTable.on(c);
            String name = table.create(c, run);
            try (PreparedStatement insert = c.prepareStatement("insert into " + name + " (run_id, customer_id,"
                    + " frequency, monetary, segment_standard, lifecycle_stage, abc_class, p_alive, predicted_clv,"
                    + " historical_clv) values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= customers; i++) {
                    BigDecimal monetary = BigDecimal.valueOf(random.nextLong(0, 50_000_000), 4);
                    insert.setLong(1, run);
                    insert.setLong(2, i);
                    insert.setBigDecimal(3, monetary);
                    insert.setString(4, segments[random.nextInt(segments.length)]);
                    insert.setString(5, stages[random.nextInt(stages.length)]);
                    insert.setString(6, new String[] {"A", "B", "C"}[random.nextInt(3)]);
                    insert.setDouble(7, random.nextDouble());
                    insert.setBigDecimal(8, BigDecimal.valueOf(random.nextLong(0, 20_000_000), 4));
                    insert.setBigDecimal(9, monetary);
                    insert.addBatch();
                    if (i % 10_000 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
            table.attach(c, run);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update current_snapshot set run_id = " + run + " where id = 1");
                if (!table.fresh()) s.executeUpdate("analyze");
            }
            c.commit();
            return run;
        }
    }
}
