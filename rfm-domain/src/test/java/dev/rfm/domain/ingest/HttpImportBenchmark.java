package dev.rfm.domain.ingest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * Import throughput through the product's own {@code POST /api/imports} (not a test): builds nothing itself,
 * but starts the built Payara Micro bundle ({@code rfm-web/target/rfm-microbundle.jar}) as a separate process
 * on a free port, once on its embedded H2 default and once on an embedded PostgreSQL 14 (the zonky binaries
 * the tests use) that this benchmark starts, posts seeded {@link SyntheticOrders} files and measures rows per
 * second as the HTTP client sees them (upload, import, answer). In the same run, for comparison, the
 * database's own bulk load of the same file into a plain table: PostgreSQL {@code COPY ... FROM STDIN} and
 * H2 {@code CREATE TABLE ... AS SELECT * FROM CSVREAD(...)} (a separate H2 file database in this JVM).
 *
 * <p>Run (see docs/PERFORMANCE.md): {@code bench/import-http.sh}, or after {@code ./mvnw -DskipTests package}:
 * {@code ./mvnw -pl rfm-domain -Pbenchmark test-compile exec:exec -Dbenchmark.main=dev.rfm.domain.ingest.HttpImportBenchmark}.
 * Properties: {@code -Dbenchmark.rows} (default 1,000,000), {@code -Dbenchmark.bigRows} (default 10,000,000
 * into PostgreSQL, 0 skips), {@code -Dbenchmark.runs} ({@code h2}, {@code postgresql}, {@code big}),
 * {@code -Dbenchmark.bundle} (the bundle jar), {@code -Dbenchmark.bundleHeap} (the bundle's {@code -Xmx},
 * default 768m).
 */
public final class HttpImportBenchmark {

    private static final String PASSWORD = "benchmark-admin-password";

    private HttpImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("benchmark.rows", 1_000_000);
        long bigRows = Long.getLong("benchmark.bigRows", 10_000_000);
        List<String> runs = List.of(
                System.getProperty("benchmark.runs", "h2,postgresql,big").split(","));
        Path bundle = Path.of(System.getProperty("benchmark.bundle", "../rfm-web/target/rfm-microbundle.jar"))
                .toAbsolutePath()
                .normalize();
        String heap = System.getProperty("benchmark.bundleHeap", "768m");
        if (!Files.isRegularFile(bundle)) {
            throw new IllegalStateException("no bundle at " + bundle + ": build it with ./mvnw -DskipTests package");
        }
        Path dir = Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), "rfm-http-benchmark");
        System.out.printf("%s; bundle %s with -Xmx%s; %s%n", Instant.now(), bundle, heap, machine());
        try {
            Path first = dir.resolve("orders-" + rows + "-A.csv");
            Path second = dir.resolve("orders-" + rows + "-B.csv");
            SyntheticOrders.write(first, rows, 42, "A");
            SyntheticOrders.write(second, rows, 43, "B");
            if (runs.contains("h2")) {
                Path data = Files.createDirectories(dir.resolve("h2-data"));
                try (Bundle app = Bundle.start(bundle, heap, data, List.of())) {
                    app.post("H2 (embedded default), empty database", first);
                    app.post("H2, a second file of new orders (same customers, filled database)", second);
                }
                h2BulkLoad(dir.resolve("h2-csvread"), first);
            }
            if (runs.contains("postgresql") || runs.contains("big")) {
                try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("pg-data"))
                        .setCleanDataDirectory(true)
                        .start()) {
                    if (runs.contains("postgresql")) {
                        String url = createDatabase(postgres, "rfm_http");
                        try (Bundle app =
                                Bundle.start(bundle, heap, Files.createDirectories(dir.resolve("pg-app")), pg(url))) {
                            app.post("PostgreSQL, empty database", first);
                            app.post("PostgreSQL, a second file of new orders (same customers)", second);
                        }
                        postgresCopy(postgres, first);
                    }
                    Files.deleteIfExists(first);
                    Files.deleteIfExists(second);
                    if (runs.contains("big") && bigRows > 0) {
                        Path big = dir.resolve("orders-" + bigRows + ".csv");
                        SyntheticOrders.write(big, bigRows, 7, "Z");
                        String url = createDatabase(postgres, "rfm_http_big");
                        try (Bundle app =
                                Bundle.start(bundle, heap, Files.createDirectories(dir.resolve("pg-big")), pg(url))) {
                            app.post("PostgreSQL, " + bigRows / 1_000_000 + " million lines, empty database", big);
                        }
                        postgresCopy(postgres, big);
                        Files.delete(big);
                    }
                }
            }
        } finally {
            deleteRecursively(dir);
        }
        System.exit(0);
    }

    private static List<String> pg(String url) {
        return List.of("RFM_DB_URL=" + url, "RFM_DB_USER=postgres", "RFM_DB_PASSWORD=postgres");
    }

    private static String createDatabase(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    /** PostgreSQL's own COPY of the file into a plain table (text dates: the file mixes dates and date-times). */
    private static void postgresCopy(EmbeddedPostgres postgres, Path file) throws Exception {
        String url = createDatabase(postgres, "copy_" + System.nanoTime());
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                Statement s = c.createStatement();
                InputStream in = Files.newInputStream(file)) {
            s.execute("create table plain_orders (customer_id varchar(64), order_id varchar(64), order_date"
                    + " varchar(40), amount numeric(19, 4), quantity integer, channel varchar(40), customer_name"
                    + " varchar(200), customer_email varchar(254))");
            String load = loadAverage();
            long start = System.nanoTime();
            long copied = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy plain_orders from stdin with (format csv, header true)", in);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "PostgreSQL COPY of the same file into a plain table: %,d rows in %.1f s = %,.0f rows/s"
                            + " (load before %s, after %s)%n",
                    copied, seconds, copied / seconds, load, loadAverage());
        }
    }

    /** H2's own bulk load of the file into a plain table, in a separate file database. */
    private static void h2BulkLoad(Path dir, Path file) throws SQLException {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("plain") + ";MODE=LEGACY";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            String load = loadAverage();
            long start = System.nanoTime();
            s.execute("create table plain_orders as select * from csvread('"
                    + file.toAbsolutePath().toString().replace("'", "''") + "', null, 'charset=UTF-8')");
            double seconds = (System.nanoTime() - start) / 1e9;
            long copied;
            try (java.sql.ResultSet rs = s.executeQuery("select count(*) from plain_orders")) {
                rs.next();
                copied = rs.getLong(1);
            }
            System.out.printf(
                    "H2 CREATE TABLE AS SELECT * FROM CSVREAD of the same file (this JVM, -Xmx%d m): %,d rows in %.1f s"
                            + " = %,.0f rows/s (load before %s, after %s)%n",
                    Runtime.getRuntime().maxMemory() >> 20, copied, seconds, copied / seconds, load, loadAverage());
            s.execute("shutdown");
        }
    }

    /** The bundle running in its own process. */
    private static final class Bundle implements AutoCloseable {
        private final Process process;
        private final URI base;
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade of a long upload
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        private final Path log;

        private Bundle(Process process, URI base, Path log) {
            this.process = process;
            this.base = base;
            this.log = log;
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        }

        static Bundle start(Path jar, String heap, Path dataDir, List<String> env) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = dataDir.resolve("bundle.log");
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx" + heap,
                            "-Djava.io.tmpdir=" + Files.createDirectories(dataDir.resolve("tmp")),
                            "-jar",
                            jar.toString(),
                            "--port",
                            Integer.toString(port),
                            "--nocluster",
                            "--rootDir",
                            dataDir.resolve("payara").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment()
                    .put("RFM_DATA_DIR", dataDir.resolve("rfm-data").toString());
            builder.environment().put("RFM_DEMO_DATA", "false");
            builder.environment().put("RFM_ADMIN_PASSWORD", PASSWORD);
            for (String setting : env) {
                int eq = setting.indexOf('=');
                builder.environment().put(setting.substring(0, eq), setting.substring(eq + 1));
            }
            long start = System.nanoTime();
            Bundle bundle = new Bundle(builder.start(), URI.create("http://localhost:" + port + "/"), log);
            bundle.awaitReady(log);
            System.out.printf("bundle ready on port %d in %.1f s%n", port, (System.nanoTime() - start) / 1e9);
            return bundle;
        }

        private void awaitReady(Path log) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the bundle stopped; its log: " + log);
                }
                try {
                    HttpResponse<String> ready = http.send(
                            HttpRequest.newBuilder(base.resolve("health/ready")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("the bundle did not become ready; its log: " + log);
        }

        void post(String title, Path file) throws Exception {
            long size = Files.size(file);
            String load = loadAverage();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base.resolve("api/imports?fileName=" + file.getFileName()))
                            .header("Content-Type", "text/csv")
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            ("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                            .timeout(Duration.ofHours(2))
                            .POST(HttpRequest.BodyPublishers.ofFile(file))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            String body = response.body();
            long rowsRead = number(body, "rowsRead");
            System.out.printf(
                    "%s (HTTP): %,d bytes, %,d lines in %.1f s = %,.0f lines/s; HTTP %d; load before %s, after %s%n"
                            + "    %s%n",
                    title,
                    size,
                    rowsRead,
                    seconds,
                    rowsRead / seconds,
                    response.statusCode(),
                    load,
                    loadAverage(),
                    body.length() > 400 ? body.substring(0, 400) + "…" : body);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("import failed: " + body);
            }
        }

        @Override
        public void close() throws InterruptedException, IOException {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            // keep the server's log: the benchmark's directory is deleted at the end
            Path kept = Path.of("target", "http-benchmark-" + log.getParent().getFileName() + ".log");
            Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("bundle log: " + kept.toAbsolutePath());
        }
    }

    /** A whole number field of a flat JSON object. */
    private static long number(String json, String field) {
        int at = json.indexOf("\"" + field + "\"");
        if (at < 0) {
            return 0;
        }
        int i = json.indexOf(':', at) + 1;
        while (i < json.length() && json.charAt(i) == ' ') {
            i++;
        }
        int end = i;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return end > i ? Long.parseLong(json.substring(i, end)) : 0;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String machine() {
        List<String> facts = new ArrayList<>();
        try (Stream<String> cpu = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu.filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .ifPresent(l -> facts.add(l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException e) {
            // not Linux
        }
        facts.add(Runtime.getRuntime().availableProcessors() + " processors");
        try (Stream<String> mem = Files.lines(Path.of("/proc/meminfo"))) {
            mem.filter(l -> l.startsWith("MemTotal")).findFirst().ifPresent(l -> facts.add(l.replaceAll("\\s+", " ")));
        } catch (IOException e) {
            // not Linux
        }
        facts.add("JDK " + Runtime.version());
        return String.join(", ", facts);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
