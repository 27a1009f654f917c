package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.snapshot.ChurnWatch;
import dev.rfm.domain.snapshot.ChurnWatch.Criteria;
import dev.rfm.domain.snapshot.ChurnWatch.Row;
import dev.rfm.domain.snapshot.ChurnWatch.Warning;
import dev.rfm.domain.testing.TestDatabase;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Churn watch's query on both databases: ten customers written by hand in two succeeded runs (with a failed run
 * between them, which is not "the previous run"), so each expected row and count below can be checked against the
 * table in {@link #CUSTOMERS}.
 */
class ChurnWatchTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    /** One customer in both runs: before (run 1) → now (run 2). A null segment "before" means not in run 1. */
    private record Customer(
            int i,
            String abc,
            Integer clv,
            String segmentBefore,
            String segmentNow,
            String stageBefore,
            String stageNow,
            Double pBefore,
            Double pNow) {}

    /*
     * Expected with the defaults (A class, threshold 0.5):
     *   1 moved into At Risk; 2 all three; 3 nothing (P(alive) rose, same segment and stage); 4 became dormant, no
     *   prediction so its value at stake is its historical CLV 700; 5 all three but class B; 6 P(alive) fell;
     *   7 moved At Risk → Can't Lose Them and P(alive) fell; 8 new since run 1: P(alive) 0.3 with nothing to compare;
     *   9 P(alive) 0.3 → 0.2 (already below, still falling); 10 class C.
     */
    private static final List<Customer> CUSTOMERS = List.of(
            new Customer(1, "A", 500, "CHAMPIONS", "AT_RISK", "ACTIVE", "ACTIVE", 0.9, 0.6),
            new Customer(2, "A", 400, "LOYAL", "CANT_LOSE_THEM", "ACTIVE", "DORMANT", 0.8, 0.3),
            new Customer(3, "A", 300, "AT_RISK", "AT_RISK", "DORMANT", "DORMANT", 0.4, 0.45),
            new Customer(4, "A", null, "HIBERNATING", "HIBERNATING", "ACTIVE", "DORMANT", null, null),
            new Customer(5, "B", 1000, "CHAMPIONS", "AT_RISK", "ACTIVE", "DORMANT", 0.9, 0.1),
            new Customer(6, "A", 200, "LOYAL", "LOYAL", "ACTIVE", "ACTIVE", 0.6, 0.2),
            new Customer(7, "A", 150, "AT_RISK", "CANT_LOSE_THEM", "ACTIVE", "ACTIVE", 0.7, 0.49),
            new Customer(8, "A", 250, null, "AT_RISK", null, "DORMANT", null, 0.3),
            new Customer(9, "A", 350, "CHAMPIONS", "CHAMPIONS", "ACTIVE", "ACTIVE", 0.3, 0.2),
            new Customer(10, "C", 50, "LOYAL", "LOYAL", "ACTIVE", "DORMANT", 0.9, 0.1));

    /** Writes the two runs; returns {run 1, run 2}. */
    private static long[] runs(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("delete from customer_score");
                s.executeUpdate("delete from customer_order");
                s.executeUpdate("delete from customer");
                s.executeUpdate("delete from scoring_run"); // each test's first run has no run before it
            }
            try (PreparedStatement customer = c.prepareStatement("insert into customer (id, external_id, name, email,"
                    + " first_seen, created_at) values (?, ?, ?, ?, date '2024-01-01', current_timestamp)")) {
                for (Customer x : CUSTOMERS) {
                    customer.setLong(1, 1000 + x.i());
                    customer.setString(2, "C" + x.i());
                    customer.setString(3, x.i() == 7 ? "=cmd" : "Person " + x.i());
                    customer.setString(4, "p" + x.i() + "@example.com");
                    customer.addBatch();
                }
                customer.executeBatch();
            }
            long first = run(c, "SUCCEEDED");
            write(c, first, true);
            run(c, "FAILED");
            long second = run(c, "SUCCEEDED");
            write(c, second, false);
            c.commit();
            return new long[] {first, second};
        }
    }

    private static long run(Connection c, String status) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at) values ('"
                    + status + "', date '2025-01-01', 'MANUAL', current_timestamp)");
            var rs = s.executeQuery("select max(id) from scoring_run");
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void write(Connection c, long run, boolean before) throws SQLException {
        CustomerScoreTable table = CustomerScoreTable.on(c);
        String name = table.create(c, run);
        try (PreparedStatement score = c.prepareStatement("insert into " + name + " (run_id, customer_id,"
                + " frequency, monetary, segment_standard, lifecycle_stage, abc_class, p_alive, predicted_clv,"
                + " historical_clv) values (?, ?, 1, 10, ?, ?, ?, ?, ?, ?)")) {
            for (Customer x : CUSTOMERS) {
                if (before && x.segmentBefore() == null) continue; // customer 8 is new in run 2
                score.setLong(1, run);
                score.setLong(2, 1000 + x.i());
                score.setString(3, before ? x.segmentBefore() : x.segmentNow());
                score.setString(4, before ? x.stageBefore() : x.stageNow());
                score.setString(5, x.abc());
                Double p = before ? x.pBefore() : x.pNow();
                if (p == null) score.setNull(6, java.sql.Types.DOUBLE);
                else score.setDouble(6, p);
                score.setBigDecimal(7, x.clv() == null ? null : BigDecimal.valueOf(x.clv()));
                score.setBigDecimal(8, BigDecimal.valueOf(x.i() == 4 ? 700 : 10 * x.i()));
                score.addBatch();
            }
            score.executeBatch();
        }
        table.attach(c, run);
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream().map(Row::customerId).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void warnsForValuableCustomersSortedByValueAtStake(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long[] runs = runs(ds);
        long run = runs[1];
        ChurnWatch watch = new ChurnWatch(ds);

        assertThat(watch.previousRun(run))
                .as("the failed run between is skipped")
                .hasValue(runs[0]);
        List<Row> rows = watch.page(run, Criteria.DEFAULT, null, false, 0, 100);
        assertThat(ids(rows)).containsExactly("C4", "C1", "C2", "C9", "C8", "C6", "C7");
        Map<String, Set<Warning>> warnings = rows.stream().collect(Collectors.toMap(Row::customerId, Row::warnings));
        assertThat(warnings)
                .containsEntry("C1", Set.of(Warning.MOVED_TO_AT_RISK))
                .containsEntry("C2", Set.of(Warning.P_ALIVE_FELL, Warning.MOVED_TO_AT_RISK, Warning.BECAME_DORMANT))
                .containsEntry("C4", Set.of(Warning.BECAME_DORMANT))
                .containsEntry("C6", Set.of(Warning.P_ALIVE_FELL))
                .containsEntry("C7", Set.of(Warning.P_ALIVE_FELL, Warning.MOVED_TO_AT_RISK))
                .containsEntry("C8", Set.of(Warning.P_ALIVE_FELL))
                .containsEntry("C9", Set.of(Warning.P_ALIVE_FELL));
        Row two = rows.get(2);
        assertThat(two.segmentBefore()).isEqualTo("LOYAL");
        assertThat(two.segment()).isEqualTo("CANT_LOSE_THEM");
        assertThat(two.lifecycleStageBefore()).isEqualTo("ACTIVE");
        assertThat(two.pAliveBefore()).isEqualTo(0.8);
        assertThat(two.pAlive()).isEqualTo(0.3);
        assertThat(rows.get(0).valueAtStake())
                .as("no prediction: historical CLV")
                .isEqualByComparingTo("700");
        assertThat(rows.get(4).segmentBefore()).as("C8 was not scored before").isNull();

        assertThat(watch.counts(run, Criteria.DEFAULT)).isEqualTo(new ChurnWatch.Counts(7, 5, 3, 2, runs[0]));
        assertThat(ids(watch.page(run, Criteria.DEFAULT, null, false, 2, 2))).containsExactly("C2", "C9");

        Criteria lower = new Criteria(0.25, null);
        assertThat(watch.counts(run, lower)).isEqualTo(new ChurnWatch.Counts(6, 2, 3, 2, runs[0]));
        assertThat(ids(watch.page(run, lower, null, false, 0, 100)))
                .containsExactly("C4", "C1", "C2", "C9", "C6", "C7");

        Criteria byClv = new Criteria(0.5, new BigDecimal("300"));
        assertThat(watch.counts(run, byClv))
                .as("C5 (class B) counts by its CLV; C3 has no warning; C4 has no prediction")
                .isEqualTo(new ChurnWatch.Counts(4, 3, 3, 2, runs[0]));
        assertThat(ids(watch.page(run, byClv, null, false, 0, 100))).containsExactly("C5", "C1", "C2", "C9");

        assertThat(ids(watch.page(run, Criteria.DEFAULT, "pAlive", true, 0, 100)))
                .as("ties by customer key, no P(alive) last")
                .containsExactly("C6", "C9", "C2", "C8", "C7", "C1", "C4");
        assertThat(ids(watch.page(run, Criteria.DEFAULT, "customerId", false, 0, 3)))
                .containsExactly("C9", "C8", "C7");

        StringWriter csv = new StringWriter();
        assertThat(watch.writeCsv(run, Criteria.DEFAULT, null, false, csv)).isEqualTo(7);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).startsWith("customer_id,name,email,abc_class,segment,segment_before");
        assertThat(lines.get(3))
                .isEqualTo("C2,Person 2,p2@example.com,A,CANT_LOSE_THEM,LOYAL,DORMANT,ACTIVE,0.3,0.8,400.0000,20.0000,"
                        + "400.0000,P_ALIVE_FELL MOVED_TO_AT_RISK BECAME_DORMANT");
        assertThat(lines.get(7)).startsWith("C7,'=cmd,");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withoutAPreviousRunOnlyPAliveWarns(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long first = runs(ds)[0];
        ChurnWatch watch = new ChurnWatch(ds);

        assertThat(watch.previousRun(first)).isEmpty();
        // run 1 on its own: P(alive) below 0.5 are C3 (0.4) and C9 (0.3); C3's dormant stage is no move
        assertThat(ids(watch.page(first, Criteria.DEFAULT, null, false, 0, 100)))
                .containsExactly("C9", "C3");
        ChurnWatch.Counts counts = watch.counts(first, Criteria.DEFAULT);
        assertThat(counts).isEqualTo(new ChurnWatch.Counts(2, 2, 0, 0, null));
        assertThat(counts.comparable()).isFalse();
    }
}
