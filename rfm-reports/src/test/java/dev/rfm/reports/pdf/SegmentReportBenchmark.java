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
 * and top-N. Run: {@code ./mvnw -pl rfm-reports -am test -Dtest=SegmentReportBenchmark
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
        // a new server: nothing remembered yet, so the KPIs' grouped scan of the run counts too
        long cold = System.nanoTime();
        new SegmentReports(ds, Clock.systemUTC()).render(run, "standard", Locale.SIMPLIFIED_CHINESE, 10);
        System.out.printf(
                Locale.ROOT,
                "REPORT %s standard zh-CN top 10, KPI scan not remembered: %d ms%n",
                database,
                (System.nanoTime() - cold) / 1_000_000);
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
