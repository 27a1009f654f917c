package dev.rfm.domain.ingest;

import dev.rfm.domain.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Import throughput on synthetic files (not a test): 1,000,000 lines into an H2 file database and into
 * embedded PostgreSQL, then 10,000,000 lines into PostgreSQL to show that memory stays bounded (run it with
 * a small heap).
 *
 * <p>Run: {@code ./mvnw -o -pl rfm-domain -Pbenchmark test-compile exec:exec} (the profile starts a JVM with
 * {@code -Xmx256m}). Properties: {@code -Dbenchmark.rows} (default 1,000,000), {@code -Dbenchmark.bigRows}
 * (default 10,000,000, 0 skips), {@code -Dbenchmark.runs} (comma list of {@code h2}, {@code postgresql},
 * {@code big}; default all). Results go to standard output; docs/PERFORMANCE.md records them.
 */
public final class ImportBenchmark {

    private ImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("benchmark.rows", 1_000_000);
        long bigRows = Long.getLong("benchmark.bigRows", 10_000_000);
        List<String> runs = List.of(
                System.getProperty("benchmark.runs", "h2,postgresql,big").split(","));
        Path dir = Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), "rfm-import-benchmark");
        System.out.printf(
                "JVM %s, max heap %d MB, %d processors%n",
                Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        try {
            Path file = dir.resolve("orders-" + rows + ".csv");
            long start = System.nanoTime();
            if (runs.contains("h2") || runs.contains("postgresql")) {
                SyntheticOrders.write(file, rows, 42, "A");
                System.out.printf(
                        "generated %,d lines (%,d bytes) in %.1f s%n",
                        rows, Files.size(file), (System.nanoTime() - start) / 1e9);
            }

            if (runs.contains("h2")) {
                DataSource h2 = TestDatabases.h2File(dir.resolve("h2"));
                run("H2 file database, empty", h2, file);
                Path second = dir.resolve("orders-" + rows + "-b.csv");
                SyntheticOrders.write(second, rows, 43, "B");
                run("H2 file database, a second file of new orders (same customers, filled database)", h2, second);
                Files.delete(second);
            }
            if (runs.contains("postgresql")) {
                DataSource postgres = TestDatabases.postgres();
                run("PostgreSQL, empty database", postgres, file);
                run("PostgreSQL, the same file again (all duplicates)", postgres, file);
                Path second = dir.resolve("orders-" + rows + "-b.csv");
                SyntheticOrders.write(second, rows, 43, "B");
                run("PostgreSQL, a second file of new orders (same customers)", postgres, second);
                Files.delete(second);
            }
            Files.deleteIfExists(file);
            if (runs.contains("big") && bigRows > 0) {
                Path big = dir.resolve("orders-" + bigRows + ".csv");
                start = System.nanoTime();
                SyntheticOrders.write(big, bigRows, 7, "Z");
                System.out.printf(
                        "generated %,d lines (%,d bytes) in %.1f s%n",
                        bigRows, Files.size(big), (System.nanoTime() - start) / 1e9);
                run(
                        "PostgreSQL, " + bigRows / 1_000_000 + " million lines, empty database",
                        TestDatabases.postgres(),
                        big);
                Files.delete(big);
            }
        } finally {
            deleteRecursively(dir);
        }
        System.exit(0); // the embedded PostgreSQL stops in a shutdown hook
    }

    private static void run(String title, DataSource db, Path file) throws IOException, ImportFailedException {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long size = Files.size(file);
        long start = System.nanoTime();
        long[] phaseStart = {start};
        ImportPhase[] lastPhase = {null};
        ImportProgress progress = (phase, bytes, total, rowsRead) -> {
            if (phase != lastPhase[0]) {
                long now = System.nanoTime();
                if (lastPhase[0] != null) {
                    System.out.printf("    %-9s %6.1f s%n", lastPhase[0].label(), (now - phaseStart[0]) / 1e9);
                }
                lastPhase[0] = phase;
                phaseStart[0] = now;
            }
        };
        System.out.println(title + ":");
        ImportResult result;
        try (InputStream in = Files.newInputStream(file)) {
            result = new OrderImporter(db, Clock.systemUTC())
                    .importCsv(in, size, file.getFileName().toString(), "benchmark", progress);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // the old generation holds what survives: its peak shows whether memory grew with the file
        long peakOld = heapPools()
                .filter(p -> p.getName().contains("Old"))
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        System.out.printf(
                "  %,d lines in %.1f s = %,.0f lines/s; imported %,d, duplicate %,d, rejected %,d;"
                        + " %,d orders and %,d customers created; old generation peak %d MB%n",
                result.rowsRead(),
                seconds,
                result.rowsRead() / seconds,
                result.rowsImported(),
                result.rowsDuplicate(),
                result.rowsRejected(),
                result.ordersCreated(),
                result.customersCreated(),
                peakOld >> 20);
    }

    private static Stream<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
