package dev.rfm.web;

import dev.rfm.analytics.run.ScoringBenchmark;
import dev.rfm.domain.demo.DemoDataGenerator;
import dev.rfm.domain.demo.DemoDataSettings;
import dev.rfm.domain.demo.DemoDataSummary;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedWriter;
import java.io.StringReader;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The deployed product against PostgreSQL's own SQL, side by side on one server: a seeded demo file of a million
 * customers (about 9.4 M rows) imported through {@code POST /api/imports} of the running bundle, then, repeated, the
 * plain RFM SQL (aggregate, three NTILE, a CASE: {@link ScoringBenchmark#baselineSql}) and a full scoring run
 * started with {@code POST /api/runs}. Not a test: {@code ./mvnw -q -pl rfm-web -am verify -Pbenchmark -DskipTests};
 * figures in docs/PERFORMANCE.md.
 *
 * <p>Arguments: customers (default 1,000,000), repeats (3), server heap (2g), working directory.
 */
public final class BundleRunBenchmark {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 30);
    private static final LocalDate REFERENCE = LAST_DAY.plusDays(1);

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String heap = args.length > 2 ? args[2] : "2g";
        Path dir = Path.of(args.length > 3 ? args[3] : "target/bench").toAbsolutePath();
        Files.createDirectories(dir);

        Path file = dir.resolve("demo-" + customers + ".csv");
        DemoDataSummary summary = write(file, customers);
        say(
                "data: %,d customers, %,d rows (%,d MB) in %s; machine load %s",
                summary.customers(), summary.rows(), Files.size(file) >> 20, file, load());

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("maintenance_work_mem", "1GB")
                .setCleanDataDirectory(true)
                .start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create database rfm");
            }
            DataSource database = postgres.getDatabase("postgres", "rfm");
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/rfm";
            Map<String, String> settings = Map.of(
                    "RFM_DB_URL", url,
                    "RFM_DB_USER", "postgres",
                    "RFM_DB_PASSWORD", "postgres",
                    "RFM_ADMIN_PASSWORD", ApiClient.ADMIN_PASSWORD,
                    "RFM_DEMO_DATA", "false",
                    "RFM_SCORING_SCHEDULE", "0 0 4");
            try (BundleProcess server = BundleProcess.start("benchmark", dir.resolve("data"), settings, heap)) {
                ApiClient api = server.api();
                long t = System.nanoTime();
                HttpResponse<String> imported = api.postCsvFile("api/imports?fileName=" + file.getFileName(), file);
                double importSeconds = (System.nanoTime() - t) / 1e9;
                if (imported.statusCode() != 200) throw new IllegalStateException(imported.body());
                say(
                        "import through POST /api/imports: %.1f s, %,.0f rows/s (load %s): %s",
                        importSeconds, summary.rows() / importSeconds, load(), imported.body());
                analyse(database);

                say("| repeat | SQL baseline | product run (server) | ratio | phases | load |");
                say("|---|---:|---:|---:|---|---|");
                for (int i = 1; i <= repeats; i++) {
                    double sql = baseline(database);
                    JsonObject run = run(api);
                    double product = Duration.between(
                                            LocalDateTime.parse(run.getString("startedAt")),
                                            LocalDateTime.parse(run.getString("finishedAt")))
                                    .toMillis()
                            / 1000.0;
                    say(
                            "| %d | %.1f s | %.1f s | %.2f | %s | %s |",
                            i, sql, product, product / sql, run.getString("phaseTimings"), load());
                }
            }
        }
    }

    private static DemoDataSummary write(Path file, int customers) throws Exception {
        DemoDataSettings settings =
                DemoDataSettings.of(customers, LAST_DAY.minusYears(4).plusDays(1), LAST_DAY, 7);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            return DemoDataGenerator.of(settings).writeCsv(out);
        }
    }

    /** The statistics a nightly autovacuum would have gathered by the time of the run. */
    private static void analyse(DataSource database) throws Exception {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            s.execute("vacuum analyze customer_order");
            s.execute("vacuum analyze customer");
        }
    }

    /** Seconds of PostgreSQL's own RFM SQL, in a session of its own. */
    private static double baseline(DataSource database) throws Exception {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            long t = System.nanoTime();
            s.execute(ScoringBenchmark.baselineSql(REFERENCE));
            double seconds = (System.nanoTime() - t) / 1e9;
            try (ResultSet rs = s.executeQuery("select count(*) from sql_rfm")) {
                rs.next();
                if (rs.getLong(1) == 0) throw new IllegalStateException("the SQL baseline scored no customer");
            }
            s.execute("drop table sql_rfm");
            return seconds;
        }
    }

    /** A scoring run through the REST API, to its end; its record. */
    private static JsonObject run(ApiClient api) throws Exception {
        HttpResponse<String> started = api.postJson("api/runs", "{\"referenceDate\": \"" + REFERENCE + "\"}");
        if (started.statusCode() != 202) throw new IllegalStateException(started.body());
        long id = json(started.body()).getJsonNumber("runId").longValue();
        while (true) {
            JsonObject run = json(api.get("api/runs/" + id).body());
            switch (run.getString("status")) {
                case "SUCCEEDED":
                    return run;
                case "FAILED":
                    throw new IllegalStateException("run " + id + " failed: " + run);
                default:
                    Thread.sleep(200);
            }
        }
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String load() throws Exception {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
