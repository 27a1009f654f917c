package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.migration.ProfileChangePreview;
import dev.rfm.analytics.profile.Preset;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Settings page's preview ({@link ProfilePreviews}, decision 0011) timed against the current run on both
 * databases: the draft is the FINANCE preset, the current run used the default RETAIL profile. Reports the median
 * wall time of three previews after one warm-up, the time of the run itself for comparison, and the heap in use after
 * the last preview; asserts that the preview accounts for every customer the run scored.
 *
 * <p>Data: the CDNOW log ({@code ../shared/data/cdnow/cdnow_orders.csv}) as of 1997-10-01, or with {@code
 * -Drfm.profilePreviewBenchmark=N} N synthetic customers with 1 to 6 orders each in 2023–2024, as of 2025-01-01. Run:
 * {@code ./mvnw -pl rfm-analytics -am test -Dtest=ProfilePreviewBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Drfm.profilePreviewBenchmark=cdnow} (or {@code =1000000}); {@code -Drfm.profilePreviewBenchmark.database=POSTGRESQL}
 * measures one database only.
 */
@EnabledIfSystemProperty(named = "rfm.profilePreviewBenchmark", matches = ".+")
class ProfilePreviewBenchmark {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void previewAgainstTheCurrentRun(TestDatabase database) throws Exception {
        String only = System.getProperty("rfm.profilePreviewBenchmark.database");
        Assumptions.assumeTrue(only == null || only.equalsIgnoreCase(database.name()));
        DataSource ds = DATABASES.get(database);
        String data = System.getProperty("rfm.profilePreviewBenchmark");
        LocalDate reference = data.equals("cdnow") ? LocalDate.of(1997, 10, 1) : LocalDate.of(2025, 1, 1);
        long loadStart = System.nanoTime();
        if (data.equals("cdnow")) storeCdnow(ds);
        else storeSynthetic(ds, Integer.parseInt(data));
        long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;

        long runStart = System.nanoTime();
        long run = new RunBeans(ds).runAsOf(reference);
        long runMillis = (System.nanoTime() - runStart) / 1_000_000;
        long scored = new Snapshots(ds).run(run).orElseThrow().customersScored();

        ProfilePreviews previews = new ProfilePreviews();
        previews.dataSource = ds;
        ScoringProfile draft = Preset.FINANCE.profile();
        ProfileChangePreview preview = previews.computeNow(draft);
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            preview = previews.computeNow(draft);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        assertThat(preview.currentScored()).isEqualTo(scored);
        assertThat(preview.kept() + preview.moved()).isEqualTo(scored);
        System.gc();
        long heapMb = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed())
                        .sum()
                / 1_000_000;
        System.out.printf(
                Locale.ROOT,
                "PROFILE-PREVIEW %s %s load=%d ms run=%d ms scored=%d preview median=%d ms (min %d, max %d)"
                        + " kept=%d moved=%d draftScored=%d segmentMoves=%d stageMoves=%d heapPeakSum=%d MB%n",
                database,
                data,
                loadMillis,
                runMillis,
                scored,
                millis[1],
                millis[0],
                millis[2],
                preview.kept(),
                preview.moved(),
                preview.draftScored(),
                preview.segmentMoves().size(),
                preview.stageMoves().size(),
                heapMb);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    private static void storeCdnow(DataSource ds) throws Exception {
        Path file = Path.of(System.getProperty("rfm.shared.dir", "../shared"), "data/cdnow/cdnow_orders.csv");
        List<String> lines = Files.readAllLines(file);
        List<OrderReaderTest.Order> orders = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            orders.add(new OrderReaderTest.Order(
                    Long.parseLong(cells[0]), LocalDate.parse(cells[2]), new BigDecimal(cells[4])));
        }
        OrderReaderTest.store(ds, orders);
    }

    /** {@code customers} customers, each with 1 to 6 orders in 2023–2024, inserted in batches. */
    private static void storeSynthetic(DataSource ds, int customers) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement customer = c.prepareStatement(
                            "insert into customer (id, external_id, first_seen, created_at) values (?, ?, ?, ?)");
                    PreparedStatement order = c.prepareStatement("insert into customer_order"
                            + " (external_id, customer_id, order_date, ordered_at, amount) values (?, ?, ?, ?, ?)")) {
                long orderId = 0;
                LocalDate start = LocalDate.of(2023, 1, 1);
                for (int id = 1; id <= customers; id++) {
                    customer.setLong(1, id);
                    customer.setString(2, "C" + id);
                    customer.setObject(3, start);
                    customer.setObject(4, start.atStartOfDay());
                    customer.addBatch();
                    int count = 1 + (int) Math.min(5, -Math.log(random.nextDouble()) * 1.2);
                    for (int k = 0; k < count; k++) {
                        LocalDate date = start.plusDays(random.nextInt(730));
                        order.setString(1, "O" + ++orderId);
                        order.setLong(2, id);
                        order.setObject(3, date);
                        order.setObject(4, date.atTime(12, 0));
                        order.setBigDecimal(5, BigDecimal.valueOf(random.nextLong(500, 50_000), 2));
                        order.addBatch();
                    }
                    if (id % 10_000 == 0) {
                        customer.executeBatch();
                        order.executeBatch();
                        c.commit();
                    }
                }
                customer.executeBatch();
                order.executeBatch();
            }
            c.commit();
        }
    }
}
