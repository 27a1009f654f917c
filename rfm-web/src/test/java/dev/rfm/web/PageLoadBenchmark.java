package dev.rfm.web;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The dashboard's pages through HTTP at scale: the deployed bundle on an embedded PostgreSQL 14 whose data directory
 * the scoring benchmark ({@code rfm-analytics}, {@code -Pbenchmark}) left behind — a million customers, ten million
 * orders and a finished run, kept between runs. Signs in through the login form as a browser does, then
 *
 * <ol>
 *   <li>fetches every page (and the Customers table's PrimeFaces ajax requests: pages, sorts by every sortable column
 *       in both directions, the filter form, the search) {@code repeat} times one after the other and prints the
 *       median and maximum time per request, measured at the client on the same machine (loopback: server time plus
 *       a negligible transfer);
 *   <li>lets {@code users} signed-in users (each their own account and session) browse those pages at once, {@code
 *       rounds} times each, and prints throughput, p50/p95/max and errors.
 * </ol>
 *
 * <p>Not a test: {@code ./mvnw -q -pl rfm-web -am verify -Ppage-load-benchmark -DskipTests} (see README
 * "Benchmarks"). Customers of the scoring benchmark have no names: they are given some (once, kept in the data
 * directory) so that the search has something to find.
 *
 * <p>Arguments: PostgreSQL data directory, repeats (7), users (50), rounds per user (4), milliseconds a user
 * thinks between two requests (1000, varied from half to one and a half times; 0 for a stress test).
 */
public final class PageLoadBenchmark {

    private static final Pattern VIEW_STATE =
            Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\(['\"]([^'\"]+)['\"]\\)");
    private static final Pattern COLUMN = Pattern.compile("<th id=\"(tableForm:customers:[^\"]+)\"");
    private static final String[] USER_PAGES = {
        "index.xhtml", "segments.xhtml", "segment-rules.xhtml", "runs.xhtml", "churn.xhtml", "reports.xhtml"
    };

    /** Sortable columns of the Customers table, in the table's order of columns (see customers.xhtml). */
    private static final Map<String, Integer> SORTABLE = new LinkedHashMap<>();

    static {
        SORTABLE.put("customerId", 0);
        SORTABLE.put("name", 1);
        SORTABLE.put("r", 6);
        SORTABLE.put("f", 7);
        SORTABLE.put("m", 8);
        SORTABLE.put("recencyDays", 9);
        SORTABLE.put("frequency", 10);
        SORTABLE.put("monetary", 11);
        SORTABLE.put("pAlive", 12);
        SORTABLE.put("predictedClv", 13);
    }

    public static void main(String[] args) throws Exception {
        Path pgDir = Path.of(args[0]).toAbsolutePath();
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int thinkMillis = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        if (!Files.isDirectory(pgDir)) {
            throw new IllegalStateException("no PostgreSQL data directory at " + pgDir
                    + ": run the scoring benchmark first (README, Benchmarks)");
        }
        EmbeddedPostgres.Builder database = EmbeddedPostgres.builder();
        String slowLog = System.getProperty("bench.pgSlowLog");
        if (slowLog != null
                && !slowLog
                        .isBlank()) { // -Dbench.pgSlowLog=DIR: statements over 100 ms into DIR, to see where time goes
            database.setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", slowLog)
                    .setServerConfig("log_min_duration_statement", "100");
        }
        try (EmbeddedPostgres pg = database.setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("effective_cache_size", "8GB")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofMinutes(5))
                .start()) {
            DataSource db = pg.getDatabase("postgres", "rfm_bench");
            // the kept directory is a cache of generated data (as in the scoring benchmark): accept migrations edited
            // since it was made, whose changes the bundle's own migration then does not apply again
            dev.rfm.domain.database.SchemaMigration.flyway(db).repair();
            // a directory made on a branch ahead of another may lack migrations numbered below its newest one: apply
            // them out of order here (a cache of generated data, never a customer's database)
            org.flywaydb.core.Flyway.configure()
                    .configuration(
                            dev.rfm.domain.database.SchemaMigration.flyway(db).getConfiguration())
                    .outOfOrder(true)
                    .load()
                    .migrate();
            long customers = prepareData(db);
            Path data = Files.createTempDirectory("rfm-page-load");
            Map<String, String> settings = Map.of(
                    "RFM_DB_URL", "jdbc:postgresql://localhost:" + pg.getPort() + "/rfm_bench",
                    "RFM_DB_USER", "postgres",
                    "RFM_DB_PASSWORD", "postgres",
                    "RFM_ADMIN_PASSWORD", ApiClient.ADMIN_PASSWORD,
                    "RFM_DEMO_DATA", "false",
                    "RFM_SCORING_SCHEDULE", "0 0 4");
            long boot = System.nanoTime();
            try (BundleProcess server = BundleProcess.start("page-load", data, settings, "2g")) {
                System.out.printf(
                        Locale.ROOT,
                        "bundle ready in %.0f s (schema migrated); %,d customers; machine: %d cores, load %s%n",
                        (System.nanoTime() - boot) / 1e9,
                        customers,
                        Runtime.getRuntime().availableProcessors(),
                        load());
                ApiClient api = server.api();
                String secondRun = secondRunDate(db);
                if (secondRun != null) {
                    // the churn watch and the migration matrix compare two runs: the kept directory gets a second
                    // one (kept too), two months after the first
                    long t = System.nanoTime();
                    long runId = api.succeededRun(secondRun);
                    System.out.printf(
                            Locale.ROOT,
                            "second run %d as of %s took %.0f s%n",
                            runId,
                            secondRun,
                            (System.nanoTime() - t) / 1e9);
                }
                for (int u = 0; u < users; u++) {
                    HttpResponse<String> created = api.postJson(
                            "api/users",
                            "{\"username\":\"pager" + u + "\",\"password\":\"pager-password-" + u
                                    + "\",\"role\":\"ADMIN\",\"mustChangePassword\":false}");
                    if (created.statusCode() != 201 && created.statusCode() != 409) {
                        throw new IllegalStateException(created.statusCode() + " " + created.body());
                    }
                }
                String base = server.base().toString();
                Browser admin = Browser.signIn(base, "admin", ApiClient.ADMIN_PASSWORD);
                System.out.println("sequential: " + repeat + " calls of each after one warm-up, signed in as admin");
                sequential(admin, repeat, customers);
                System.out.printf(
                        Locale.ROOT,
                        "concurrent: %d users x %d rounds of %d requests, %d ms to think between requests"
                                + " (0.5 to 1.5 times); load %s%n",
                        users,
                        rounds,
                        ROUND_SIZE,
                        thinkMillis,
                        load());
                concurrent(base, users, rounds, customers, thinkMillis);
                System.out.println("load after: " + load());
            }
        }
    }

    // ---- data --------------------------------------------------------------------------------------------------

    /** Gives the customers names and e-mail addresses once; returns how many customers there are. */
    private static long prepareData(DataSource db) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*), count(name) from customer")) {
                rs.next();
                long customers = rs.getLong(1);
                if (rs.getLong(2) < customers) {
                    long t = System.nanoTime();
                    s.executeUpdate("update customer set name = (array['Anna','Bo','Chen','Dana','Erik','Fang','Gita',"
                            + "'Hugo','Ines','Jun'])[1 + id % 10] || ' ' || (array['Smith','Wang','Jensen','Li',"
                            + "'Garcia','Zhang','Olsen','Liu','Martin','Johnson'])[1 + (id / 10) % 10] || ' ' || id,"
                            + " email = 'customer' || id || '@example.com' where name is null");
                    s.execute("vacuum analyze customer");
                    System.out.printf(
                            Locale.ROOT, "names given to the customers in %.0f s%n", (System.nanoTime() - t) / 1e9);
                }
                try (Statement q = c.createStatement();
                        ResultSet run =
                                q.executeQuery("select run_id from current_snapshot where run_id is not null")) {
                    if (!run.next()) throw new IllegalStateException("the database has no finished run");
                }
                return customers;
            }
        }
    }

    /** Null when the database has two succeeded runs; else a reference date two months after its only one. */
    private static String secondRunDate(DataSource db) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select count(*), max(reference_date) from scoring_run where status = 'SUCCEEDED'")) {
            rs.next();
            return rs.getInt(1) >= 2
                    ? null
                    : rs.getDate(2).toLocalDate().plusMonths(2).toString();
        }
    }

    // ---- one user after the other ------------------------------------------------------------------------------

    private interface Call {
        HttpResponse<String> run() throws Exception;
    }

    private static void sequential(Browser b, int repeat, long customers) throws Exception {
        // the first call after a start, before measure()'s warm-up: what remembered per run costs its first reader
        once("Churn watch, first call after the start", () -> b.get("churn.xhtml"));
        once("Overview, first call after the start", () -> b.get("index.xhtml"));
        measure("Overview (index.xhtml)", repeat, () -> b.get("index.xhtml"));
        measure("Segments (segments.xhtml)", repeat, () -> b.get("segments.xhtml"));
        for (String scheme : new String[] {"cn8", "custom", "lifecycle", "abc"}) {
            measure("Segments, scheme " + scheme, repeat, () -> b.get("segments.xhtml?scheme=" + scheme));
        }
        measure("Segment rules (segment-rules.xhtml)", repeat, () -> b.get("segment-rules.xhtml"));
        measure("Runs (runs.xhtml)", repeat, () -> b.get("runs.xhtml"));
        measure("Customers (customers.xhtml): first page + count", repeat, () -> b.get("customers.xhtml"));
        measure(
                "Customers ?scheme=standard&segment=CHAMPIONS",
                repeat,
                () -> b.get("customers.xhtml?scheme=standard&segment=CHAMPIONS"));
        CustomersView view = CustomersView.open(b);
        measure("  ajax: page 2", repeat, () -> view.page(25, 25, null, true));
        measure("  ajax: page 2,000", repeat, () -> view.page(49_975, 25, null, true));
        measure("  ajax: last page", repeat, () -> view.page(customers - 25, 25, null, true));
        for (String sort : SORTABLE.keySet()) {
            measure("  ajax: sort " + sort + " asc", repeat, () -> view.sort(sort, true));
            measure("  ajax: sort " + sort + " desc", repeat, () -> view.sort(sort, false));
        }
        measure("  ajax: page 100 by monetary desc", repeat, () -> view.page(2_475, 25, "monetary", false));
        measure("  ajax: page 100 by predicted CLV asc", repeat, () -> view.page(2_475, 25, "predictedClv", true));
        measure(
                "  ajax: last page by predicted CLV desc",
                repeat,
                () -> view.page(customers - 25, 25, "predictedClv", false));
        measure("  ajax: filter Champions (count + page)", repeat, () -> view.apply(Map.of("segment", "CHAMPIONS")));
        once("  ajax: Champions by P(alive) desc, first time", () -> view.sort("pAlive", false));
        measure("  ajax: Champions sorted by P(alive) desc", repeat, () -> view.sort("pAlive", false));
        once("  ajax: Champions by monetary asc, first time", () -> view.sort("monetary", true));
        measure(
                "  ajax: filter At Risk, CLV >= 1,000",
                repeat,
                () -> view.apply(Map.of("segment", "AT_RISK", "minClv", "1000")));
        measure("  ajax: At Risk, CLV >= 1,000 by CLV desc", repeat, () -> view.sort("predictedClv", false));
        measure(
                "  ajax: filter R 4-5, F 4-5, stage ACTIVE",
                repeat,
                () -> view.apply(Map.of("minR", "4", "maxR", "5", "minF", "4", "maxF", "5", "stage", "ACTIVE")));
        measure("  ajax: search a customer id", repeat, () -> view.apply(Map.of("search", "C123456")));
        measure("  ajax: search a name part 'son 12345'", repeat, () -> view.apply(Map.of("search", "son 12345")));
        measure("  ajax: search an e-mail part 'er98765@'", repeat, () -> view.apply(Map.of("search", "er98765@")));
        measure("  ajax: search a common name 'Fang Li'", repeat, () -> view.apply(Map.of("search", "fang li")));
        measure("  ajax: reset the filter", repeat, () -> view.apply(Map.of()));
        measure("Customer (customer.xhtml?id=C123456)", repeat, () -> b.get("customer.xhtml?id=C123456"));
        measure("Customer (customer.xhtml?id=C999999)", repeat, () -> b.get("customer.xhtml?id=C999999"));
        measure("Churn watch (churn.xhtml)", repeat, () -> b.get("churn.xhtml"));
        measure("Settings (settings.xhtml)", repeat, () -> b.get("settings.xhtml"));
        measure("Reports (reports.xhtml)", repeat, () -> b.get("reports.xhtml"));
        measure("Data sources (sources.xhtml)", repeat, () -> b.get("sources.xhtml"));
        measure("Triggers (triggers.xhtml)", repeat, () -> b.get("triggers.xhtml"));
        measure("Campaigns (campaigns.xhtml)", repeat, () -> b.get("campaigns.xhtml"));
        measure("Import (import.xhtml)", repeat, () -> b.get("import.xhtml"));
        measure("Users (users.xhtml)", repeat, () -> b.get("users.xhtml"));
        measure("Password (password.xhtml)", repeat, () -> b.get("password.xhtml"));
    }

    private static void once(String what, Call call) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> response = call.run();
        long millis = (System.nanoTime() - t) / 1_000_000;
        check(what, response);
        System.out.printf(Locale.ROOT, "| %-46s | %6d | (once) |%n", what, millis);
    }

    private static void measure(String what, int repeat, Call call) throws Exception {
        check(what, call.run());
        long[] millis = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = call.run();
            millis[i] = (System.nanoTime() - t) / 1_000_000;
            check(what, response);
        }
        long[] sorted = millis.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT, "| %-46s | %6d | %6d | %6d |%n", what, sorted[repeat / 2], sorted[0], sorted[repeat - 1]);
    }

    private static void check(String what, HttpResponse<String> response) {
        String problem = problem(response);
        if (problem != null) {
            String body = response.body();
            throw new IllegalStateException(what + ": " + problem + ": " + response.statusCode() + " "
                    + body.substring(Math.max(0, body.length() - 800)));
        }
    }

    /** What a user would not want in a page or ajax answer (not 200, the login page, a partial-response error). */
    private static String problem(HttpResponse<String> response) {
        String body = response.body();
        if (response.statusCode() != 200) return "status";
        if (body.contains("<partial-response><error>") || body.contains("<error><error-name>")) return "ajax error";
        if (body.contains("rfm-login-page")) return "signed out";
        return null;
    }

    private static boolean ok(HttpResponse<String> response) {
        return problem(response) == null;
    }

    // ---- many users at once ------------------------------------------------------------------------------------

    private static final int ROUND_SIZE = USER_PAGES.length + 7;

    /** Throughput counts the think time too: it is the rate 50 users browsing at that pace ask of the server. */
    private static void concurrent(String base, int users, int rounds, long customers, int thinkMillis)
            throws Exception {
        List<Browser> browsers = new ArrayList<>();
        for (int u = 0; u < users; u++) browsers.add(Browser.signIn(base, "pager" + u, "pager-password-" + u));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, List<Long>> byKind = Collections.synchronizedMap(new LinkedHashMap<>());
        AtomicInteger errors = new AtomicInteger();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        String[] sorts = SORTABLE.keySet().toArray(String[]::new);
        for (int u = 0; u < users; u++) {
            Browser b = browsers.get(u);
            Random random = new Random(u * 7919L);
            done.add(pool.submit(() -> {
                for (int r = 0; r < rounds; r++) {
                    List<Map.Entry<String, Call>> steps = new ArrayList<>();
                    for (String page : USER_PAGES) steps.add(Map.entry(page, () -> b.get(page)));
                    CustomersView[] view = new CustomersView[1];
                    steps.add(Map.entry("customers.xhtml", () -> {
                        view[0] = CustomersView.open(b);
                        return view[0].opened();
                    }));
                    long offset = 25L * random.nextInt((int) Math.max(1, customers / 25));
                    steps.add(Map.entry("customers ajax page", () -> view[0].page(offset, 25, null, true)));
                    String sort = sorts[random.nextInt(sorts.length)];
                    boolean ascending = random.nextBoolean();
                    steps.add(Map.entry("customers ajax sort", () -> view[0].sort(sort, ascending)));
                    String segment = random.nextBoolean() ? "CHAMPIONS" : "AT_RISK";
                    steps.add(Map.entry("customers ajax filter", () -> view[0].apply(Map.of("segment", segment))));
                    String id = "C" + (1 + random.nextInt((int) customers));
                    steps.add(Map.entry("customer.xhtml", () -> b.get("customer.xhtml?id=" + id)));
                    steps.add(Map.entry("import.xhtml", () -> b.get("import.xhtml")));
                    steps.add(Map.entry("users.xhtml", () -> b.get("users.xhtml")));
                    for (Map.Entry<String, Call> step : steps) {
                        if (thinkMillis > 0) Thread.sleep(thinkMillis / 2 + random.nextInt(thinkMillis + 1));
                        long t = System.nanoTime();
                        try {
                            HttpResponse<String> response = step.getValue().run();
                            if (!ok(response)) {
                                errors.incrementAndGet();
                                if (errorSamples.size() < 5) {
                                    errorSamples.add(step.getKey() + ": " + response.statusCode() + " "
                                            + response.body()
                                                    .substring(
                                                            0,
                                                            Math.min(
                                                                    300,
                                                                    response.body()
                                                                            .length())));
                                }
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            if (errorSamples.size() < 5) errorSamples.add(step.getKey() + ": " + e);
                        }
                        long elapsed = System.nanoTime() - t;
                        latencies.add(elapsed);
                        byKind.computeIfAbsent(step.getKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(elapsed);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "all: %d requests in %.1f s = %.1f requests/s; p50 %d ms, p95 %d ms, max %d ms; %d errors%n",
                sorted.size(),
                seconds,
                sorted.size() / seconds,
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                sorted.get(sorted.size() - 1) / 1_000_000,
                errors.get());
        byKind.forEach((kind, list) -> {
            List<Long> s = new ArrayList<>(list);
            Collections.sort(s);
            System.out.printf(
                    Locale.ROOT,
                    "| %-22s | %5d | %6d | %6d | %6d |%n",
                    kind,
                    s.size(),
                    percentile(s, 0.50),
                    percentile(s, 0.95),
                    s.get(s.size() - 1) / 1_000_000);
        });
        errorSamples.forEach(e -> System.out.println("error: " + e));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get((int) Math.ceil(sorted.size() * p) - 1) / 1_000_000;
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    // ---- a signed-in browser without a browser -----------------------------------------------------------------

    /** One user's session: cookies, GETs of pages and form posts, no redirects followed. */
    static final class Browser {
        private final String base;
        private final HttpClient http;

        private Browser(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }

        /** Signs in through login.xhtml as the form does. */
        static Browser signIn(String base, String user, String password) throws Exception {
            Browser b = new Browser(base);
            HttpResponse<String> form = b.get("login.xhtml");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("login", "login");
            fields.put("login:username", user);
            fields.put("login:password", password);
            fields.put("login:submit", "");
            fields.put("jakarta.faces.ViewState", viewState(form.body()));
            HttpResponse<String> answer = b.post("login.xhtml", fields, false);
            if (answer.statusCode() / 100 != 3) {
                throw new IllegalStateException("sign-in of " + user + " failed: " + answer.statusCode());
            }
            HttpResponse<String> home = b.get("index.xhtml");
            if (!ok(home)) throw new IllegalStateException("not signed in as " + user + ": " + home.statusCode());
            return b;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofMinutes(2))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> fields, boolean ajax) throws Exception {
            StringBuilder body = new StringBuilder();
            fields.forEach((k, v) -> {
                if (body.length() > 0) body.append('&');
                body.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            });
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (ajax) request.header("Faces-Request", "partial/ajax").header("X-Requested-With", "XMLHttpRequest");
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String viewState(String html) {
        Matcher m = VIEW_STATE.matcher(html);
        if (!m.find()) throw new IllegalStateException("no view state in the page");
        return m.group(1);
    }

    /** One open Customers page (one JSF view): its table's ajax requests and its filter form, as PrimeFaces sends. */
    static final class CustomersView {
        private static final String TABLE = "tableForm:customers";
        private final Browser browser;
        private final HttpResponse<String> opened;
        private final String viewState;
        private final String nonce;
        private final List<String> columns = new ArrayList<>();
        private String sort;
        private boolean ascending;

        private CustomersView(Browser browser, HttpResponse<String> opened) {
            this.browser = browser;
            this.opened = opened;
            this.viewState = viewState(opened.body());
            Matcher n = NONCE.matcher(opened.body());
            if (!n.find()) throw new IllegalStateException("no CSP nonce in the page");
            this.nonce = n.group(1);
            Matcher m = COLUMN.matcher(opened.body());
            while (m.find()) columns.add(m.group(1));
        }

        static CustomersView open(Browser b) throws Exception {
            return new CustomersView(b, b.get("customers.xhtml"));
        }

        HttpResponse<String> opened() {
            return opened;
        }

        /** The paginator: rows {@code first..first+rows} in the given order (null: as now). */
        HttpResponse<String> page(long first, int rows, String sortBy, boolean asc) throws Exception {
            if (sortBy != null && (!sortBy.equals(sort) || asc != ascending)) sort(sortBy, asc);
            Map<String, String> p = ajax();
            p.put(TABLE + "_pagination", "true");
            p.put(TABLE + "_first", Long.toString(first));
            p.put(TABLE + "_rows", Integer.toString(rows));
            p.put(TABLE + "_skipChildren", "true");
            p.put(TABLE + "_encodeFeature", "true");
            return browser.post("customers.xhtml", p, true);
        }

        /** A click on a sortable column's header (first page). */
        HttpResponse<String> sort(String field, boolean asc) throws Exception {
            Map<String, String> p = ajax();
            p.put(TABLE + "_sorting", "true");
            p.put(TABLE + "_skipChildren", "true");
            p.put(TABLE + "_encodeFeature", "true");
            p.put(TABLE + "_sortKey", columns.get(SORTABLE.get(field)));
            p.put(TABLE + "_sortDir", asc ? "1" : "-1");
            sort = field;
            ascending = asc;
            return browser.post("customers.xhtml", p, true);
        }

        /** The filter form's Apply button with these fields set (the others empty). */
        HttpResponse<String> apply(Map<String, String> set) throws Exception {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("jakarta.faces.partial.ajax", "true");
            p.put("jakarta.faces.source", "filterForm:apply");
            p.put("jakarta.faces.partial.execute", "filterForm");
            p.put("jakarta.faces.partial.render", "tableForm");
            p.put("filterForm:apply", "filterForm:apply");
            p.put("filterForm", "filterForm");
            p.put("filterForm:search", set.getOrDefault("search", ""));
            p.put("filterForm:scheme", "standard");
            p.put("filterForm:segment", set.getOrDefault("segment", ""));
            p.put("filterForm:stage", set.getOrDefault("stage", ""));
            p.put("filterForm:abc", set.getOrDefault("abc", ""));
            for (String n : new String[] {"minR", "maxR", "minF", "maxF", "minM", "maxM", "minPAlive", "maxPAlive"}) {
                p.put("filterForm:" + n + "_input", set.getOrDefault(n, ""));
                p.put("filterForm:" + n + "_hinput", set.getOrDefault(n, ""));
            }
            for (String n : new String[] {"minClv", "maxClv"}) {
                p.put("filterForm:" + n + "_input", set.getOrDefault(n, ""));
                p.put("filterForm:" + n + "_hinput", set.getOrDefault(n, ""));
            }
            p.put("jakarta.faces.ViewState", viewState);
            p.put("primefaces.nonce", nonce);
            return browser.post("customers.xhtml", p, true);
        }

        private Map<String, String> ajax() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("jakarta.faces.partial.ajax", "true");
            p.put("jakarta.faces.source", TABLE);
            p.put("jakarta.faces.partial.execute", TABLE);
            p.put("jakarta.faces.partial.render", TABLE);
            p.put(TABLE, TABLE);
            p.put("tableForm", "tableForm");
            p.put("jakarta.faces.ViewState", viewState);
            p.put("primefaces.nonce", nonce);
            return p;
        }
    }
}
