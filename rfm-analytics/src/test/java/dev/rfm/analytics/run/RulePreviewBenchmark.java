package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.run.CustomSegments.RuleText;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.analytics.segment.RulePreview;
import dev.rfm.domain.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rule preview before and after decision 0009, on both databases, in one JVM: "before" loads the current run's
 * rows into primitive columns and matches the Java rules ({@link LoadedSnapshotFacts}, as {@code CustomSegments} did),
 * "after" is {@link CustomSegments#preview} (one aggregate query). Both count the same (asserted). Reports the median
 * wall time of five calls after one warm-up and the bytes the calling thread allocated per call (on H2 that includes
 * the database's work, which runs in the caller's thread; on PostgreSQL only the client's).
 *
 * <p>Data: the CDNOW log ({@code ../shared/data/cdnow/cdnow_orders.csv}) scored by a real run as of 1997-10-01, or with
 * {@code -Drfm.previewBenchmark=N} N synthetic result rows written straight into {@code customer_score} (the
 * preview reads only that table). Run: {@code ./mvnw -pl rfm-analytics -am test -Dtest=RulePreviewBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Drfm.previewBenchmark=cdnow} (or {@code =1000000}).
 */
@EnabledIfSystemProperty(named = "rfm.previewBenchmark", matches = ".+")
class RulePreviewBenchmark {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    static final List<RuleText> FIVE_RULES = List.of(
            rule("CHAMPS", "rScore=4..5\nfScore=4..5\nmScore=4..5"),
            rule("BIG", "monetary=1000.5..\nabc=A"),
            rule("LIKELY", "pAlive=0.5..1\npredictedClv=10..\nstages=ACTIVE,NEW,REACTIVATED"),
            rule("RECENT", "recencyDays=..400\nfrequency=2.."),
            rule("REST_OF_R5", "rScore=5"));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void previewBeforeAndAfter(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        String data = System.getProperty("rfm.previewBenchmark");
        long run = data.equals("cdnow") ? cdnowRun(ds) : syntheticRun(ds, Integer.parseInt(data));
        CustomSegments segments = new CustomSegments();
        segments.dataSource = ds;
        List<RuleText> hundred = new ArrayList<>();
        for (int k = 0; k < 100; k++) hundred.add(rule("R" + k, "monetary=" + (k * 10) + "..\nrScore=" + (1 + k % 5)));
        for (List<RuleText> rules : List.of(FIVE_RULES, hundred)) {
            CustomSegmentScheme scheme = CustomSegments.compile(rules);
            RulePreview[] before = new RulePreview[1];
            RulePreview[] after = new RulePreview[1];
            String beforeTimes = measure(() -> before[0] = scheme.preview(LoadedSnapshotFacts.load(ds, run)));
            String afterTimes = measure(() -> after[0] = segments.preview(rules).orElseThrow());
            assertThat(after[0]).isEqualTo(before[0]);
            System.out.printf(
                    Locale.ROOT,
                    "PREVIEW %s %s rows=%d scored=%d rules=%d before: %s | after: %s%n",
                    database,
                    data,
                    rows(ds, run),
                    after[0].scoredCustomers(),
                    rules.size(),
                    beforeTimes,
                    afterTimes);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    /** Median wall time of five calls after a warm-up, and the median bytes allocated by this thread per call. */
    private static String measure(Call call) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        call.run();
        long[] millis = new long[5];
        long[] bytes = new long[5];
        for (int i = 0; i < 5; i++) {
            long allocated = threads.getThreadAllocatedBytes(id);
            long start = System.nanoTime();
            call.run();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            bytes[i] = threads.getThreadAllocatedBytes(id) - allocated;
        }
        Arrays.sort(millis);
        Arrays.sort(bytes);
        return String.format(
                Locale.ROOT,
                "%d ms (min %d, max %d), %.1f MB allocated",
                millis[2],
                millis[0],
                millis[4],
                bytes[2] / 1e6);
    }

    private static long rows(DataSource ds, long run) {
        return dev.rfm.domain.testing.TestDatabases.count(
                ds, "select count(*) from customer_score where run_id = " + run);
    }

    /** The CDNOW log scored by a real run (with the rules saved, so the run also makes the custom segments). */
    private static long cdnowRun(DataSource ds) throws Exception {
        Path file = Path.of(System.getProperty("rfm.shared.dir", "../shared"), "data/cdnow/cdnow_orders.csv");
        List<OrderReaderTest.Order> orders = new ArrayList<>();
        for (String line :
                Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] cells = line.split(",");
            orders.add(new OrderReaderTest.Order(
                    Long.parseLong(cells[0]), LocalDate.parse(cells[2]), new BigDecimal(cells[4])));
        }
        OrderReaderTest.store(ds, orders);
        CustomSegments segments = new CustomSegments();
        segments.dataSource = ds;
        segments.replace(FIVE_RULES, "benchmark", java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
        RunBeans beans = new RunBeans(ds);
        return beans.runAsOf(LocalDate.of(1997, 10, 1));
    }

    /** {@code customers} plausible result rows of one succeeded, current run, written directly. */
    private static long syntheticRun(DataSource ds, int customers) throws SQLException {
        long run;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at)"
                        + " values ('SUCCEEDED', date '2025-01-01', 'MANUAL', current_timestamp)");
                var rs = s.executeQuery("select max(id) from scoring_run");
                rs.next();
                run = rs.getLong(1);
            }
            CustomerScoreTable table = CustomerScoreTable.on(c);
            String name = table.create(c, run);
            String[] stages = {"NEW", "ACTIVE", "DORMANT", "LOST", "REACTIVATED"};
            SplittableRandom random = new SplittableRandom(1);
            try (PreparedStatement insert = c.prepareStatement("insert into " + name + " (run_id, customer_id,"
                    + " recency_days, frequency, monetary, r_score, f_score, m_score, lifecycle_stage, abc_class,"
                    + " p_alive, predicted_clv, historical_clv) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= customers; i++) {
                    boolean prospect = random.nextInt(20) == 0;
                    int frequency = prospect ? 0 : 1 + (int) Math.min(200, -Math.log(random.nextDouble()) * 2);
                    BigDecimal monetary = BigDecimal.valueOf(prospect ? 0 : random.nextLong(0, 50_000_000), 4);
                    insert.setLong(1, run);
                    insert.setLong(2, i);
                    if (prospect) insert.setNull(3, java.sql.Types.INTEGER);
                    else insert.setInt(3, random.nextInt(1, 1_500));
                    insert.setInt(4, frequency);
                    insert.setBigDecimal(5, monetary);
                    for (int k = 6; k <= 8; k++) {
                        if (prospect) insert.setNull(k, java.sql.Types.SMALLINT);
                        else insert.setInt(k, random.nextInt(1, 6));
                    }
                    insert.setString(9, prospect ? "PROSPECT" : stages[random.nextInt(stages.length)]);
                    insert.setString(10, prospect ? null : new String[] {"A", "B", "C"}[random.nextInt(3)]);
                    if (prospect) insert.setNull(11, java.sql.Types.DOUBLE);
                    else insert.setDouble(11, random.nextDouble());
                    insert.setBigDecimal(12, prospect ? null : BigDecimal.valueOf(random.nextLong(0, 20_000_000), 4));
                    insert.setBigDecimal(13, monetary);
                    insert.addBatch();
                    if (i % 10_000 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
            table.attach(c, run);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update current_snapshot set run_id = " + run + " where id = 1");
            }
            c.commit();
        }
        return run;
    }

    private static RuleText rule(String code, String conditions) {
        return new RuleText(code, code, null, null, null, conditions);
    }
}
