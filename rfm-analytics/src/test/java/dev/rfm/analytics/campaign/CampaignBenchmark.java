package dev.rfm.analytics.campaign;

import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.campaign.CampaignGroup;
import dev.rfm.domain.campaign.CampaignPlan;
import dev.rfm.domain.campaign.CampaignTarget;
import dev.rfm.domain.campaign.Campaigns;
import dev.rfm.domain.testing.TestDatabase;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A campaign at scale: N customers all in one segment (the largest possible target), each with one order inside the
 * window and one before it; then the time to create the campaign (draw and store N members), to measure it, and to
 * export the treatment list. Run: {@code ./mvnw -pl rfm-analytics -am test -Dtest=CampaignBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Drfm.campaignBenchmark=1000000}; {@code
 * -Drfm.campaignBenchmark.database=POSTGRESQL} measures one database only.
 */
@EnabledIfSystemProperty(named = "rfm.campaignBenchmark", matches = "\\d+")
class CampaignBenchmark {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    static {
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createMeasureExport(TestDatabase database) throws Exception {
        String only = System.getProperty("rfm.campaignBenchmark.database");
        org.junit.jupiter.api.Assumptions.assumeTrue(only == null || only.equalsIgnoreCase(database.name()));
        // H2 as the product runs it: a file (an in-memory H2 keeps the million rows on the heap)
        DataSource ds = database == TestDatabase.POSTGRESQL
                ? DATABASES.get(database)
                : dev.rfm.domain.testing.TestDatabases.h2File(java.nio.file.Files.createTempDirectory(
                        java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), "campaign-benchmark"));
        int customers = Integer.parseInt(System.getProperty("rfm.campaignBenchmark"));
        long run = data(ds, database, customers);
        Campaigns campaigns = new Campaigns(ds);
        CampaignPlan plan = new CampaignPlan(
                "benchmark",
                new CampaignTarget.Segment("standard", "AT_RISK", run),
                0.1,
                42,
                LocalDate.of(2025, 3, 1),
                30);
        ControlGroupSplit split = ControlGroupSplit.of(42, 0.1);
        long t0 = System.nanoTime();
        Campaign campaign = campaigns.create(plan, split::isControl, "benchmark", LocalDateTime.now());
        long t1 = System.nanoTime();
        Campaigns.Outcome outcome = campaigns.outcome(campaign, LocalDate.of(2030, 1, 1));
        long t2 = System.nanoTime();
        CampaignResult result =
                CampaignResult.of(outcome.treatment(), outcome.control(), campaign.endDate(), LocalDate.of(2030, 1, 1));
        long t3 = System.nanoTime();
        long rows = campaigns.writeMembersCsv(campaign.id(), CampaignGroup.TREATMENT, Writer.nullWriter());
        long t4 = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "CAMPAIGN %s %d customers: create %d ms (control %d), measure %d ms, statistics %d ms, treatment CSV"
                        + " %d rows %d ms; %s%n",
                database,
                customers,
                (t1 - t0) / 1_000_000,
                campaign.controlCustomers(),
                (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000,
                rows,
                (t4 - t3) / 1_000_000,
                result);
    }

    private static long data(DataSource ds, TestDatabase database, int n) throws SQLException {
        String numbers = database == TestDatabase.POSTGRESQL
                ? "generate_series(1, " + n + ") as g(x)"
                : "system_range(1, " + n + ")";
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("insert into customer (id, external_id, first_seen, created_at) select x, 'C' || x,"
                    + " date '2024-01-01', current_timestamp from " + numbers);
            s.executeUpdate("insert into customer_order (external_id, customer_id, order_date, ordered_at, amount)"
                    + " select 'A' || x, x, date '2025-01-15', timestamp '2025-01-15 10:00:00', 50 from " + numbers);
            s.executeUpdate("insert into customer_order (external_id, customer_id, order_date, ordered_at, amount)"
                    + " select 'B' || x, x, date '2025-03-10', timestamp '2025-03-10 10:00:00', mod(x, 97) from "
                    + numbers + " where mod(x, 3) = 0");
            s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at) values"
                    + " ('SUCCEEDED', date '2025-02-28', 'MANUAL', current_timestamp)");
            long run;
            try (var rs = s.executeQuery("select max(id) from scoring_run")) {
                rs.next();
                run = rs.getLong(1);
            }
            if (database == TestDatabase.POSTGRESQL) {
                s.execute("create table customer_score_" + run + " partition of customer_score for values in (" + run
                        + ")");
            }
            s.executeUpdate("insert into customer_score (run_id, customer_id, frequency, monetary, segment_standard,"
                    + " lifecycle_stage, historical_clv) select " + run + ", x, 1, 50, 'AT_RISK', 'ACTIVE', 50 from "
                    + numbers);
            s.executeUpdate("insert into segment_summary (run_id, scheme, code, position, name_en, customers, share,"
                    + " revenue, revenue_share) values (" + run + ", 'standard', 'AT_RISK', 1, 'At Risk', " + n
                    + ", 1, 0, 1)");
            if (database == TestDatabase.POSTGRESQL) s.execute("analyze");
            return run;
        }
    }
}
