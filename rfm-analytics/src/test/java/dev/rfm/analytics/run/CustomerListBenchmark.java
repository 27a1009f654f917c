package dev.rfm.analytics.run;

import static dev.rfm.analytics.run.CustomerFilters.filter;

import dev.rfm.domain.snapshot.CustomerFilter;
import dev.rfm.domain.snapshot.CustomerList;
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
 * The Customers page's queries at scale: N synthetic customers with one run's scores, then the median of five calls
 * (after one warm-up) of each query the page makes. Run: {@code ./mvnw -pl rfm-analytics -am test
 * -Dtest=CustomerListBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Drfm.customerListBenchmark=1000000}; {@code -Drfm.customerListBenchmark.database=POSTGRESQL} measures one database only.
 */
@EnabledIfSystemProperty(named = "rfm.customerListBenchmark", matches = "\\d+")
class CustomerListBenchmark {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    private interface Call {
        void run() throws Exception;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pageQueries(TestDatabase database) throws Exception {
        String only = System.getProperty("rfm.customerListBenchmark.database");
        org.junit.jupiter.api.Assumptions.assumeTrue(only == null || only.equalsIgnoreCase(database.name()));
        DataSource ds = DATABASES.get(database);
        int customers = Integer.parseInt(System.getProperty("rfm.customerListBenchmark"));
        long start = System.nanoTime();
        long run = write(ds, customers);
        System.out.printf(
                Locale.ROOT,
                "CUSTOMERS %s %d rows written in %d s%n",
                database,
                customers,
                (System.nanoTime() - start) / 1_000_000_000);
        CustomerList list = new CustomerList(ds);
        CustomerFilter champions = filter(null, "standard", "CHAMPIONS", null, null);
        CustomerFilter atRiskWorthy = new CustomerFilter(
                null,
                "standard",
                "AT_RISK",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new BigDecimal("1000"),
                null);
        measure(database, "first page, no sort", () -> list.page(run, CustomerFilter.NONE, null, true, 0, 25));
        measure(database, "page 2000, no sort", () -> list.page(run, CustomerFilter.NONE, null, true, 50_000, 25));
        measure(
                database,
                "first page by predicted CLV desc",
                () -> list.page(run, CustomerFilter.NONE, "predictedClv", false, 0, 25));
        measure(
                database,
                "page 100 by monetary asc",
                () -> list.page(run, CustomerFilter.NONE, "monetary", true, 2_500, 25));
        measure(database, "Champions by P(alive) desc", () -> list.page(run, champions, "pAlive", false, 0, 25));
        measure(
                database,
                "At Risk with CLV >= 1000 by CLV",
                () -> list.page(run, atRiskWorthy, "predictedClv", false, 0, 25));
        measure(
                database,
                "search by id",
                () -> list.page(run, filter("C123456", null, null, null, null), null, true, 0, 25));
        measure(
                database,
                "search by name part",
                () -> list.page(run, filter("son 12345", null, null, null, null), null, true, 0, 25));
        measure(database, "count, no filter", () -> list.count(run, CustomerFilter.NONE));
        measure(database, "count Champions", () -> list.count(run, champions));
        measure(database, "count At Risk with CLV >= 1000", () -> list.count(run, atRiskWorthy));
        measure(
                database,
                "count search by name part",
                () -> list.count(run, filter("son 12345", null, null, null, null)));
        measure(
                database,
                "CSV of Champions",
                () -> list.writeCsv(run, champions, "predictedClv", false, Writer.nullWriter()));
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
                "CUSTOMERS %s %-40s median %d ms (min %d, max %d)%n",
                database,
                what,
                millis[2],
                millis[0],
                millis[4]);
    }

    private static long write(DataSource ds, int customers) throws SQLException {
        String[] segments = {"CHAMPIONS", "LOYAL", "POTENTIAL_LOYALIST", "AT_RISK", "HIBERNATING", "LOST"};
        String[] stages = {"NEW", "ACTIVE", "DORMANT", "LOST", "REACTIVATED"};
        SplittableRandom random = new SplittableRandom(1);
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
            CustomerScoreTable table = CustomerScoreTable.on(c);
            String name = table.create(c, run);
            try (PreparedStatement insert = c.prepareStatement("insert into " + name + " (run_id, customer_id,"
                    + " recency_days, frequency, monetary, r_score, f_score, m_score, segment_standard,"
                    + " lifecycle_stage, abc_class, p_alive, predicted_clv, historical_clv)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= customers; i++) {
                    BigDecimal monetary = BigDecimal.valueOf(random.nextLong(0, 50_000_000), 4);
                    insert.setLong(1, run);
                    insert.setLong(2, i);
                    insert.setInt(3, random.nextInt(1, 1_500));
                    insert.setInt(4, 1 + random.nextInt(20));
                    insert.setBigDecimal(5, monetary);
                    for (int k = 6; k <= 8; k++) insert.setInt(k, random.nextInt(1, 6));
                    insert.setString(9, segments[random.nextInt(segments.length)]);
                    insert.setString(10, stages[random.nextInt(stages.length)]);
                    insert.setString(11, new String[] {"A", "B", "C"}[random.nextInt(3)]);
                    insert.setDouble(12, random.nextDouble());
                    insert.setBigDecimal(13, BigDecimal.valueOf(random.nextLong(0, 20_000_000), 4));
                    insert.setBigDecimal(14, monetary);
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
