package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.snapshot.RunHistoryRow;
import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.RunStatus;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.testing.TestDatabase;
import dev.rfm.domain.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The run's storage on both databases, without a container: the beans wired by hand, the job run inline. Two runs
 * publish complete snapshots (on PostgreSQL each in an attached partition with its indexes), retention removes the
 * older one whole, and a run that fails while publishing leaves nothing behind and the previous snapshot current.
 */
class ScoringRunStorageTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();
    private static final LocalDate REFERENCE = LocalDate.of(2025, 1, 1);

    @AfterEach
    void clean() throws SQLException {
        deleteRuns(DATABASES);
    }

    /** Deletes every run with its results, the servers and the schedule's slots, then the imported data. */
    static void deleteRuns(TestDatabase.PerClass databases) throws SQLException {
        for (TestDatabase database : TestDatabase.values()) {
            if (!databases.started(database)) continue;
            DataSource ds = databases.get(database);
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate("update current_snapshot set run_id = null");
                s.executeUpdate("update app_lock set holder = null, acquired_at = null where name = 'scoring-run'");
                List<Long> runs = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select id from scoring_run")) {
                    while (rs.next()) runs.add(rs.getLong(1));
                }
                for (long run : runs) CustomerScoreTable.on(c).delete(c, run);
                s.executeUpdate("delete from segment_summary");
                s.executeUpdate("delete from segment_migration");
                s.executeUpdate("delete from run_custom_rule");
                s.executeUpdate("delete from custom_segment_rule");
                s.executeUpdate("delete from scoring_run");
                s.executeUpdate("delete from schedule_slot");
                s.executeUpdate("delete from server_instance");
            }
        }
        databases.deleteImportedData();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void runsPublishWholeSnapshotsThatRetentionRemovesWhole(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        OrderReaderTest.store(ds, buyingCustomers(21, 400));
        RunBeans beans = new RunBeans(ds);
        Snapshots snapshots = new Snapshots(ds);

        execute(
                ds,
                "insert into custom_segment_rule (position, code, name_en, conditions)"
                        + " values (1, 'LOYAL', 'Loyal', 'fScore=4..5')");
        long first = beans.run();
        execute(ds, "update custom_segment_rule set conditions = 'fScore=5' where code = 'LOYAL'");
        long second = beans.run();
        assertThat(beans.succeeded).containsExactly(first, second);
        // each run keeps the rules as it used them: "why is this customer in its segment" answers per run
        assertThat(snapshots.rules(first).orElseThrow().conditionsOf("LOYAL")).hasValue("fScore=4..5");
        assertThat(snapshots.rules(second).orElseThrow().conditionsOf("LOYAL")).hasValue("fScore=5");
        assertThat(snapshots.rules(second).orElseThrow().conditionsOf("OTHER")).isEmpty();
        assertThat(TestDatabases.count(
                        ds,
                        "select count(*) from customer_score where run_id = " + second
                                + " and segment_custom = 'LOYAL' and f_score < 5"))
                .isZero();
        for (long run : List.of(first, second)) {
            RunRecord record = snapshots.run(run).orElseThrow();
            assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
            long customers = TestDatabases.count(ds, "select count(*) from customer_score where run_id = " + run);
            assertThat(customers).isEqualTo(record.customersScored() + record.prospects());
            assertThat(record.modelStatus()).as(record.error()).isEqualTo("FITTED");
            assertThat(TestDatabases.count(
                            ds,
                            "select count(*) from customer_score where run_id = " + run
                                    + " and frequency > 0 and (r_score is null or segment_standard is null"
                                    + " or segment_cn8 is null or abc_class is null or p_alive is null"
                                    + " or expected_purchases_365d is null or predicted_clv is null)"))
                    .as("every buyer with all numbers")
                    .isZero();
            List<SegmentRow> standard = snapshots.segments(run, "standard");
            assertThat(standard.stream().mapToLong(SegmentRow::customers).sum()).isEqualTo(record.customersScored());
            SegmentRow largest = standard.stream()
                    .max(java.util.Comparator.comparingLong(SegmentRow::customers))
                    .orElseThrow();
            assertThat(snapshots.members(run, "standard", largest.code(), 0, 10).total())
                    .isEqualTo(largest.customers());
        }
        assertThat(snapshots.currentRunId()).hasValue(second);
        assertThat(TestDatabases.count(ds, "select count(*) from segment_migration where run_id = " + second))
                .as("migrations from the first run")
                .isPositive();
        if (database == TestDatabase.POSTGRESQL) {
            assertThat(TestDatabases.count(
                            ds, "select count(*) from pg_inherits where inhparent = 'customer_score'::regclass"))
                    .isEqualTo(2);
            assertThat(TestDatabases.count(
                            ds, "select count(*) from pg_indexes where tablename = 'customer_score_" + second + "'"))
                    .as("primary key, the three segment indexes and the Customers page's eight sort indexes (V9)")
                    .isEqualTo(12);
        }

        // the Runs page's history: newest first, paged, each run with its model fit as GET /api/model tells it
        assertThat(snapshots.runCount()).isEqualTo(2);
        List<RunHistoryRow> history = snapshots.runHistory(0, 10);
        assertThat(history).extracting(h -> h.run().id()).containsExactly(second, first);
        assertThat(history.get(0).model()).isEqualTo(snapshots.model(second).orElseThrow());
        assertThat(history.get(0).model().bgnbdConverged()).isNotNull();
        assertThat(history.get(0).model().logLikelihood()).isNotNull();
        assertThat(history.get(0).run()).isEqualTo(snapshots.run(second).orElseThrow());
        assertThat(snapshots.runHistory(1, 1)).extracting(h -> h.run().id()).containsExactly(first);
        assertThat(snapshots.runHistory(2, 1)).isEmpty();

        beans.retention.keepDays = -1; // nothing counts as recent: only the month's last run and the current stay
        beans.retention.apply();
        assertThat(snapshots.run(first)).isEmpty();
        assertThat(TestDatabases.count(ds, "select count(*) from run_custom_rule where run_id = " + first))
                .as("its rules deleted with the run")
                .isZero();
        assertThat(snapshots.rules(second).orElseThrow().conditionsOf("LOYAL")).isPresent();
        assertThat(TestDatabases.count(ds, "select count(*) from customer_score where run_id = " + first))
                .isZero();
        assertThat(TestDatabases.count(ds, "select count(*) from customer_score where run_id = " + second))
                .isPositive();
        if (database == TestDatabase.POSTGRESQL) {
            assertThat(TestDatabases.count(
                            ds, "select count(*) from pg_class where relname = 'customer_score_" + first + "'"))
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRunThatFailsWhilePublishingLeavesNothingAndThePreviousSnapshotCurrent(TestDatabase database)
            throws SQLException {
        DataSource ds = DATABASES.get(database);
        OrderReaderTest.store(ds, buyingCustomers(22, 200));
        RunBeans beans = new RunBeans(ds);
        long first = beans.run();
        // the migrations are written after the customer rows (and, on PostgreSQL, after attaching the partition)
        execute(ds, "alter table segment_migration add constraint no_migrations check (run_id <= " + first + ")");
        try {
            long failed = beans.run();
            RunRecord record = new Snapshots(ds).run(failed).orElseThrow();
            assertThat(record.status()).isEqualTo(RunStatus.FAILED);
            // the database's text (constraint, table, SQL state) goes to the log; the run shows words and an id
            assertThat(record.error())
                    .matches("The run failed while writing results: a database error \\(error id [0-9a-f]{8}; the"
                            + " details are in the server log\\)\\. Nothing of it was published; the previous"
                            + " snapshot stays current\\.")
                    .doesNotContainIgnoringCase("no_migrations")
                    .doesNotContainIgnoringCase("segment_migration")
                    .doesNotContain("SQL state");
            assertThat(new Snapshots(ds).currentRunId()).hasValue(first);
            assertThat(TestDatabases.count(ds, "select count(*) from customer_score where run_id = " + failed))
                    .isZero();
            assertThat(TestDatabases.count(ds, "select count(*) from segment_summary where run_id = " + failed))
                    .isZero();
            if (database == TestDatabase.POSTGRESQL) {
                assertThat(TestDatabases.count(
                                ds, "select count(*) from pg_class where relname = 'customer_score_" + failed + "'"))
                        .isZero();
            }
            assertThat(beans.succeeded).containsExactly(first);
        } finally {
            execute(ds, "alter table segment_migration drop constraint no_migrations");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void whatFailsAfterPublishingLeavesThePublishedRunSucceededAndCurrent(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        OrderReaderTest.store(ds, buyingCustomers(23, 100));
        RunBeans beans = new RunBeans(ds);
        beans.failObservers = true; // a report observer that throws, say
        beans.failRetention = true; // a retention that times out waiting for a lock
        long run = beans.run();
        RunRecord record = new Snapshots(ds).run(run).orElseThrow();
        assertThat(record.status()).as(record.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(record.error()).isNull();
        assertThat(new Snapshots(ds).currentRunId()).hasValue(run);
        assertThat(beans.succeeded).containsExactly(run);
    }

    /**
     * Customers who buy as the BG/NBD model assumes, so that both models fit: each starts in 2023 or 2024, buys at a
     * rate of his own and may drop out after any purchase; a tenth never buy before the reference date.
     */
    static List<OrderReaderTest.Order> buyingCustomers(long seed, int customers) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<OrderReaderTest.Order> orders = new ArrayList<>();
        for (long c = 1; c <= customers; c++) {
            LocalDate day = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(c % 10 == 0 ? 800 : 700));
            double rate = 0.005 + random.nextDouble() * 0.05; // purchases per day
            double dropout = 0.05 + random.nextDouble() * 0.4;
            double meanSpend = 10 + 40 * gamma(random, 3); // spend varies around a mean of his own
            while (true) {
                long cents = Math.max(100, Math.round(100 * meanSpend * gamma(random, 6)));
                orders.add(new OrderReaderTest.Order(c, day, BigDecimal.valueOf(cents, 2)));
                if (random.nextDouble() < dropout) break;
                day = day.plusDays(1 + (long) (-Math.log(1 - random.nextDouble()) / rate));
                if (day.isAfter(REFERENCE.plusDays(60))) break;
            }
        }
        return orders;
    }

    /** A Gamma(shape, shape) draw (mean 1) for a whole shape: the mean of {@code shape} exponential draws. */
    private static double gamma(java.util.SplittableRandom random, int shape) {
        double sum = 0;
        for (int k = 0; k < shape; k++) sum += -Math.log(1 - random.nextDouble());
        return sum / shape;
    }

    /** The run beans as the container wires them; the executor runs the job at once, in the caller's thread. */
    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
