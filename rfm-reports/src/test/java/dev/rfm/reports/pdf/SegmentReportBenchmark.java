package dev.rfm.reports.pdf;

import dev.rfm.analytics.run.ReportRuns;
import dev.rfm.domain.testing.TestDatabase;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The segment report at scale: N synthetic customers scored in two runs (written straight into the run tables), then
 * the median of five renders (after one warm-up, which also loads the templates and the font) per scheme, language
 * and top-N; then once more with a campaign on the largest segment in the campaign section. Run: {@code ./mvnw -pl rfm-reports -am test -Dtest=SegmentReportBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Drfm.reportBenchmark=1000000 -Drfm.reportBenchmark.database=POSTGRESQL}.
 * Not a test: it measures and prints ({@code REPORT ...} lines); the figures go to docs/PERFORMANCE.md.
 */
@EnabledIfSystemProperty(named = "rfm.reportBenchmark", matches = "\\d+")
class SegmentReportBenchmark {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void render(TestDatabase database) throws Exception {
        String only = System.getProperty("rfm.reportBenchmark.database");
        org.junit.jupiter.api.Assumptions.assumeTrue(only == null || only.equalsIgnoreCase(database.name()));
        DataSource ds = DATABASES.get(database);
        int customers = Integer.parseInt(System.getProperty("rfm.reportBenchmark"));
        long start = System.nanoTime();
        long run = ReportRuns.syntheticRuns(ds, customers);
        System.out.printf(
                Locale.ROOT,
                "REPORT %s %d customers x 2 runs written in %d s%n",
                database,
                customers,
                (System.nanoTime() - start) / 1_000_000_000);
        long first = System.nanoTime();
        SegmentReports reports = new SegmentReports(ds, Clock.systemUTC());
        int size = reports.render(run, "standard", Locale.ENGLISH, 10).length;
        System.out.printf(
                Locale.ROOT,
                "REPORT %s first render (templates, font, KPI scan) %d ms, %d bytes%n",
                database,
                (System.nanoTime() - first) / 1_000_000,
                size);
        for (String scheme : new String[] {"standard", "cn8"}) {
            for (Locale locale : SegmentReports.LOCALES) {
                for (int top : new int[] {0, 10}) {
                    measure(database, reports, run, scheme, locale, top);
                }
            }
        }
        measureCampaignSection(database, ds, reports, run);
        // a new server: nothing remembered yet, so the KPIs' grouped scan of the run counts too
        long cold = System.nanoTime();
        new SegmentReports(ds, Clock.systemUTC()).render(run, "standard", Locale.SIMPLIFIED_CHINESE, 10);
        System.out.printf(
                Locale.ROOT,
                "REPORT %s standard zh-CN top 10, KPI scan not remembered: %d ms%n",
                database,
                (System.nanoTime() - cold) / 1_000_000);
    }

    /**
     * The campaign section's cost: a campaign on the run's largest standard segment, running on the reference date,
     * with one order in its window for every third customer; the report with it against the report before it.
     */
    private static void measureCampaignSection(TestDatabase database, DataSource ds, SegmentReports reports, long run)
            throws Exception {
        var segments = new dev.rfm.domain.snapshot.Snapshots(ds).segments(run, "standard");
        var largest = segments.stream()
                .max(java.util.Comparator.comparingLong(dev.rfm.domain.snapshot.SegmentRow::customers))
                .orElseThrow();
        try (var c = ds.getConnection();
                var s = c.createStatement()) {
            s.executeUpdate("insert into customer_order (external_id, customer_id, order_date, ordered_at, amount)"
                    + " select 'B' || id, id, date '2024-12-15', timestamp '2024-12-15 12:00:00', 25 + mod(id, 50)"
                    + " from customer where mod(id, 3) = 0");
        }
        long created = System.nanoTime();
        var split = dev.rfm.analytics.campaign.ControlGroupSplit.of(1, 0.1);
        new dev.rfm.domain.campaign.Campaigns(ds)
                .create(
                        new dev.rfm.domain.campaign.CampaignPlan(
                                "Benchmark",
                                new dev.rfm.domain.campaign.CampaignTarget.Segment("standard", largest.code(), run),
                                0.1,
                                1,
                                java.time.LocalDate.of(2024, 12, 10),
                                30),
                        split::isControl,
                        "benchmark",
                        java.time.LocalDateTime.now());
        System.out.printf(
                Locale.ROOT,
                "REPORT %s campaign on %s (%d customers) created in %d ms%n",
                database,
                largest.code(),
                largest.customers(),
                (System.nanoTime() - created) / 1_000_000);
        System.out.printf(Locale.ROOT, "REPORT %s with the campaign in its campaign section:%n", database);
        measure(database, reports, run, "standard", Locale.ENGLISH, 0);
    }

    private static void measure(
            TestDatabase database, SegmentReports reports, long run, String scheme, Locale locale, int top) {
        reports.render(run, scheme, locale, top);
        long[] millis = new long[5];
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            reports.render(run, scheme, locale, top);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf(
                Locale.ROOT,
                "REPORT %s %-8s %-5s top %2d  median %d ms (min %d, max %d)%n",
                database,
                scheme,
                locale.toLanguageTag(),
                top,
                millis[2],
                millis[0],
                millis[4]);
    }
}
