package dev.rfm.domain.source;

import dev.rfm.domain.ingest.ImportProgress;
import dev.rfm.domain.ingest.ImportResult;
import dev.rfm.domain.ingest.OrderImporter;
import dev.rfm.domain.testing.TestDatabases;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Pull throughput (not a test): a shop PostgreSQL with {@code benchmark.rows} orders (default 1,000,000) of 100,000
 * customers, pulled into PostgreSQL (all of them) and into an H2 file database (the first tenth: H2 imports are slow,
 * docs/PERFORMANCE.md); then 1,000 new orders pulled incrementally, to show a pull's cost follows the new rows, not
 * the table. Also how long reading the source alone takes, and the machine's load, as the machine may be shared.
 *
 * <p>Run: {@code ./mvnw -o -pl rfm-domain -Pbenchmark test-compile exec:exec
 * -Dbenchmark.main=dev.rfm.domain.source.PullBenchmark} (the profile's small heap shows memory stays bounded);
 * {@code -Dbenchmark.runs=postgresql} or {@code h2} for one product database only.
 */
public final class PullBenchmark {

    private PullBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("benchmark.rows", 1_000_000);
        System.out.printf(
                "JVM %s, max heap %d MB, %d processors, %,d orders%n",
                Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(),
                rows);
        LocalDateTime t0 = LocalDateTime.of(2020, 1, 1, 0, 0);
        try (ShopDatabase shop = new ShopDatabase()) {
            shop.fresh();
            long start = System.nanoTime();
            for (int c = 1; c <= 100_000; c += 10_000) {
                shop.update("insert into shop_customer select n, 'Customer ' || n, 'c' || n || '@shop.test'"
                        + " from generate_series(" + c + ", " + (c + 9_999) + ") n");
            }
            shop.update("insert into shop_order (id, customer_id, placed_at, total, updated_at) select n,"
                    + " 1 + n % 100000, timestamp '" + t0 + "' + n * interval '1 minute', 10 + n % 90,"
                    + " timestamp '" + t0 + "' + n * interval '1 minute' from generate_series(1, " + rows + ") n");
            shop.update("analyze shop_order");
            System.out.printf("shop filled in %.1f s%n", (System.nanoTime() - start) / 1e9);

            Path dir = Files.createTempDirectory(
                    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), "rfm-pull-benchmark");
            String runs = System.getProperty("benchmark.runs", "h2,postgresql");
            if (runs.contains("postgresql")) {
                run("PostgreSQL", TestDatabases::postgres, shop, rows, rows, t0, dir);
            }
            if (runs.contains("h2")) {
                int[] h2 = {0};
                run(
                        "H2 file",
                        () -> TestDatabases.h2File(dir.resolve("h2-" + ++h2[0])),
                        shop,
                        rows / 10,
                        rows,
                        t0,
                        dir);
            }
        }
    }

    private static void run(
            String name,
            Supplier<DataSource> fresh,
            ShopDatabase shop,
            int rows,
            int shopRows,
            LocalDateTime t0,
            Path dir)
            throws Exception {
        shop.update("delete from shop_order where id > " + shopRows);
        // the query reads the first `rows` orders, and the new ones the incremental pull adds above the shop's ids
        SourceDefinition definition = new SourceDefinition(
                "shop",
                shop.url(),
                "postgres",
                ShopDatabase.QUERY + " where o.id <= " + rows + " or o.id > " + shopRows,
                "updated_at",
                new PullSchedule(""),
                5,
                true);
        // the same rows as a CSV file, imported the usual way: what the pull adds to an import
        Path csv = dir.resolve("pulled.csv");
        long drainStart = System.nanoTime();
        try (SourceRows source = new SourceRows(definition, "postgres", null, 3600, ZoneId.systemDefault())) {
            Files.copy(source, csv, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf(
                "%s: reading the source alone into a file: %,d rows, %,d bytes of CSV in %.1f s; load average %s%n",
                name, rows, Files.size(csv), (System.nanoTime() - drainStart) / 1e9, load());
        long importStart = System.nanoTime();
        try (InputStream in = Files.newInputStream(csv)) {
            new OrderImporter(fresh.get(), Clock.systemUTC())
                    .importCsv(in, Files.size(csv), "pulled.csv", "benchmark", ImportProgress.none());
        }
        System.out.printf(
                "%s: that file imported as CSV into another database in %.1f s; load average %s%n",
                name, (System.nanoTime() - importStart) / 1e9, load());
        DataSource db = fresh.get();
        DataSources sources = new DataSources(
                db, SecretBox.ofBase64(Base64.getEncoder().encodeToString(new byte[32])), Clock.systemUTC());
        SourcePull pull =
                new SourcePull(sources, new OrderImporter(db, Clock.systemUTC()), 3600, ZoneId.systemDefault());
        long id = sources.create(definition, "postgres").id();
        long start = System.nanoTime();
        ImportResult first = pull.pullNow(id, "benchmark");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%s: first pull %,d rows in %.1f s (%,.0f rows/s), %,d customers%n",
                name, first.rowsImported(), seconds, first.rowsImported() / seconds, first.customersCreated());

        shop.update("insert into shop_order (id, customer_id, placed_at, total, updated_at) select n, 1 + n % 100000,"
                + " timestamp '" + t0 + "' + (n - " + shopRows + " + " + rows + ") * interval '1 minute', 10 + n % 90,"
                + " timestamp '" + t0 + "' + (n - " + shopRows + " + " + rows + ") * interval '1 minute'"
                + " from generate_series(" + (shopRows + 1) + ", " + (shopRows + 1_000) + ") n");
        start = System.nanoTime();
        ImportResult next = pull.pullNow(id, "benchmark");
        System.out.printf(
                "%s: next pull %,d new rows (%,d re-read in the overlap) in %.2f s; load average %s%n",
                name, next.rowsImported(), next.rowsDuplicate(), (System.nanoTime() - start) / 1e9, load());
    }

    private static String load() throws java.io.IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).split(" ")[0] : "unknown";
    }
}
