import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks one running server with the deployed rfm.war over HTTP, as an operator would: readiness, the login page, an
 * import, a scoring run and the REST reads, with the JSON shape the product has on Payara Micro (dates as ISO strings,
 * null fields left out, the same field names). Needs only a JDK 17: {@code java servers/ServerCheck.java ...}.
 *
 * <p>Arguments: {@code name baseUrl healthUrl [cdnowCsv]}; the admin password comes from {@code RFM_ADMIN_PASSWORD}.
 * With {@code RFM_CHECK_OUT} set, the bodies of the reads that are the same on every server for the same data
 * (segments, customer, model) are saved there as {@code <name>-<read>.json}, for check-servers.sh to compare byte by
 * byte. Prints one line per check; exits 1 when any check failed.
 */
public class ServerCheck {

    /**
     * The field names of each answer as Payara Micro 6.2025.10 (the embedded default) gives them, nulls left out:
     * recorded from {@code RFM_SERVERS=micro servers/check-servers.sh} on CDNOW data with a succeeded run (a manual
     * run: {@code scheduledFor} is there only for the timer's runs).
     */
    static final Set<String> RUN = Set.of(
            "current",
            "customersScored",
            "finishedAt",
            "id",
            "modelStatus",
            "phase",
            "phaseTimings",
            "profile",
            "progress",
            "prospects",
            "referenceDate",
            "server",
            "startedAt",
            "startedBy",
            "status",
            "trigger");

    static final Set<String> SEGMENT = Set.of(
            "action",
            "actionZh",
            "avgFrequency",
            "avgMonetary",
            "avgPredictedClv",
            "avgRecencyDays",
            "code",
            "customers",
            "name",
            "nameZh",
            "revenue",
            "revenueShare",
            "share");
    static final Set<String> CUSTOMER = Set.of(
            "abcClass",
            "customerId",
            "expectedAvgOrderValue",
            "expectedPurchases30d",
            "expectedPurchases365d",
            "expectedPurchases90d",
            "f",
            "frequency",
            "historicalClv",
            "lifecycleStage",
            "m",
            "monetary",
            "pAlive",
            "predictedClv",
            "r",
            "recencyDays",
            "rfmCode",
            "runId",
            "segment",
            "segmentCn8",
            "segmentCustom");
    static final Set<String> MODEL = Set.of("bgnbd", "gammaGamma", "runId", "status", "timeUnit");
    static final Set<String> BGNBD = Set.of("a", "alpha", "b", "converged", "customers", "iterations", "logLikelihood", "r");
    static final Set<String> GAMMA_GAMMA = Set.of("converged", "customers", "gamma", "iterations", "p", "q");
    static final Set<String> IMPORT = Set.of(
            "customersCreated",
            "errors",
            "importId",
            "ordersCreated",
            "rowsDuplicate",
            "rowsImported",
            "rowsRead",
            "rowsRejected",
            "warnings");
    static final Set<String> MEMBERS = Set.of("code", "customers", "page", "pages", "runId", "scheme", "size", "total");
    static final Set<String> PREVIEW = Set.of("rules", "scoredCustomers");
    static final Set<String> IMPORT_ERROR = Set.of("column", "line", "message");
    static final Set<String> ERROR = Set.of("details", "error", "message");

    static final String SMALL_CSV = """
            customer_id,order_id,order_date,amount,quantity,channel
            check-1,check-o1,1997-01-05,20.00,1,web
            check-1,check-o2,1997-03-05,35.50,2,web
            check-2,check-o3,1997-02-10,12.00,1,store
            check-3,check-o4,not-a-date,9.99,1,web
            """;

    final String name;
    final String base;
    final String health;
    final String auth;
    final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    int passed;
    int failed;

    /** Keeps a body that must be identical on every server (see the class comment). */
    void save(String read, String body) throws IOException {
        String dir = System.getenv("RFM_CHECK_OUT");
        if (dir == null || dir.isBlank()) return;
        Files.createDirectories(Path.of(dir));
        Files.writeString(Path.of(dir, name + "-" + read + ".json"), body, StandardCharsets.UTF_8);
    }

    ServerCheck(String name, String base, String health, String password) {
        this.name = name;
        this.base = base;
        this.health = health;
        this.auth = "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ServerCheck name baseUrl healthUrl [cdnowCsv]");
            System.exit(2);
        }
        String password = System.getenv("RFM_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            System.err.println("RFM_ADMIN_PASSWORD is not set");
            System.exit(2);
        }
        ServerCheck check = new ServerCheck(args[0], args[1], args[2], password);
        Path cdnow = args.length > 3 && !args[3].isBlank() ? Path.of(args[3]) : null;
        try {
            check.run(cdnow);
        } catch (Exception | AssertionError e) {
            check.fail("checks stopped: " + e);
        }
        System.out.printf("[%s] %d checks passed, %d failed%n", check.name, check.passed, check.failed);
        System.exit(check.failed == 0 ? 0 : 1);
    }

    void run(Path cdnow) throws Exception {
        // readiness
        var ready = get(health, null);
        expect(ready.statusCode() == 200 && ready.body().contains("\"UP\""), "readiness UP at " + health,
                ready.statusCode() + " " + ready.body());

        // the login page, and the dashboard sending an anonymous visitor to it
        var login = get(base + "/login.xhtml", null);
        expect(login.statusCode() == 200 && login.body().contains("login:username"), "login page answers",
                login.statusCode() + " " + abbreviate(login.body()));
        var dashboard = get(base + "/", null);
        expect(dashboard.statusCode() == 302 || dashboard.statusCode() == 303
                        || (dashboard.statusCode() == 200 && dashboard.body().contains("login:username")),
                "dashboard asks an anonymous visitor to log in", "" + dashboard.statusCode());
        var anonymousApi = get(base + "/api/runs/current", null);
        expect(anonymousApi.statusCode() == 401, "API without credentials answers 401", "" + anonymousApi.statusCode());

        // imports: a small file with one bad row, then CDNOW when present
        var small = send("POST", "/api/imports", "text/csv", SMALL_CSV);
        Map<String, Object> imported = object(small, 200, "POST /api/imports (small CSV)");
        shape(imported, IMPORT, "import");
        expect(num(imported, "rowsImported") == 3 && num(imported, "rowsRejected") == 1,
                "small import: 3 rows imported, 1 rejected", imported.toString());
        List<Object> errors = list(imported.get("errors"));
        if (!errors.isEmpty()) shape(map(errors.get(0)), IMPORT_ERROR, "import error");
        var again = object(send("POST", "/api/imports", "text/csv", SMALL_CSV), 200, "POST /api/imports again");
        expect(num(again, "rowsDuplicate") == 3 && num(again, "rowsImported") == 0,
                "importing the same file again changes nothing", again.toString());
        String customer = "check-1";
        if (cdnow != null && Files.isReadable(cdnow)) {
            long start = System.nanoTime();
            var cd = object(send("POST", "/api/imports", "text/csv", Files.readString(cdnow)), 200,
                    "POST /api/imports (CDNOW)");
            long imported2 = num(cd, "rowsImported") + num(cd, "rowsDuplicate");
            expect(imported2 > 60_000 && num(cd, "rowsRejected") == 0,
                    "CDNOW import: " + num(cd, "rowsImported") + " orders in "
                            + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms",
                    cd.toString());
            customer = "1";
        } else {
            System.out.println("  skip CDNOW import (file not found)");
        }

        // a scoring run to SUCCEEDED
        var started = send("POST", "/api/runs", "application/json", "{\"referenceDate\":\"1997-10-01\"}");
        Map<String, Object> runId = object(started, 202, "POST /api/runs");
        long id = num(runId, "runId");
        Map<String, Object> run = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            run = object(get(base + "/api/runs/" + id, auth), 200, null);
            String status = String.valueOf(run.get("status"));
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) break;
            Thread.sleep(500);
        }
        expect(run != null && "SUCCEEDED".equals(run.get("status")), "run " + id + " SUCCEEDED",
                String.valueOf(run));

        // the REST reads, with the product's JSON shape
        var current = object(get(base + "/api/runs/current", auth), 200, "GET /api/runs/current");
        shape(current, RUN, "run");
        expect("1997-10-01".equals(current.get("referenceDate")), "referenceDate is the string \"1997-10-01\"",
                String.valueOf(current.get("referenceDate")));
        for (String at : List.of("startedAt", "finishedAt")) {
            expect(current.get(at) instanceof String s && s.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d.*"),
                    at + " is an ISO date-time string", String.valueOf(current.get(at)));
        }

        var segmentsResponse = get(base + "/api/segments?scheme=standard", auth);
        expect(segmentsResponse.statusCode() == 200, "GET /api/segments?scheme=standard answers 200",
                segmentsResponse.statusCode() + " " + abbreviate(segmentsResponse.body()));
        save("segments", segmentsResponse.body());
        List<Object> segments = list(Json.parse(segmentsResponse.body()));
        expect(!segments.isEmpty(), "segments listed: " + segments.size(), segmentsResponse.body());
        for (Object segment : segments) shape(map(segment), SEGMENT, "segment " + map(segment).get("code"));

        var customerResponse = get(base + "/api/customers/" + customer, auth);
        save("customer", customerResponse.body());
        var customerJson = object(customerResponse, 200, "GET /api/customers/" + customer);
        shape(customerJson, CUSTOMER, "customer");
        var unknown = get(base + "/api/customers/no-such-customer", auth);
        expect(unknown.statusCode() == 404, "unknown customer answers 404", "" + unknown.statusCode());
        shape(map(Json.parse(unknown.body())), ERROR, "error");

        var members = object(get(base + "/api/segments/CHAMPIONS/customers?page=0&size=5", auth), 200,
                "GET /api/segments/CHAMPIONS/customers");
        shape(members, MEMBERS, "segment members");
        List<Object> memberList = list(members.get("customers"));
        expect(!memberList.isEmpty(), "segment members listed: " + memberList.size(), members.toString());
        if (!memberList.isEmpty()) shape(map(memberList.get(0)), CUSTOMER, "segment member");
        var csv = get(base + "/api/segments/CHAMPIONS/customers", auth, "text/csv");
        expect(csv.statusCode() == 200
                        && csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv")
                        && csv.body().lines().count() > 1,
                "segment members as CSV (" + csv.body().lines().count() + " lines)",
                csv.statusCode() + " " + csv.headers().firstValue("Content-Type") + " " + abbreviate(csv.body()));

        // a JSON-P body (the rules preview reads a JsonArray), left to the server's JSON-P provider
        var preview = object(send("POST", "/api/segments/custom/rules/preview", "application/json", "[]"), 200,
                "POST /api/segments/custom/rules/preview (JSON-P body)");
        shape(preview, PREVIEW, "rules preview");

        var imports = get(base + "/api/imports", auth);
        expect(imports.statusCode() == 200 && Json.parse(imports.body()) instanceof List<?> l && l.size() >= 2,
                "GET /api/imports lists the imports", imports.statusCode() + " " + abbreviate(imports.body()));

        var modelResponse = get(base + "/api/model", auth);
        save("model", modelResponse.body());
        var model = object(modelResponse, 200, "GET /api/model");
        shape(model, MODEL, "model");
        shape(map(model.get("bgnbd")), BGNBD, "model.bgnbd");
        shape(map(model.get("gammaGamma")), GAMMA_GAMMA, "model.gammaGamma");

        var openapi = get(base + "/openapi", null);
        expect(openapi.statusCode() == 200 && openapi.body().contains("/api/runs"), "/openapi describes the API",
                openapi.statusCode() + " " + abbreviate(openapi.body()));
    }

    // --- checks

    void expect(boolean ok, String what, String detail) {
        if (ok) {
            passed++;
            System.out.println("  ok   " + what);
        } else {
            fail(what + ": " + abbreviate(detail));
        }
    }

    void fail(String what) {
        failed++;
        System.out.println("  FAIL " + what);
    }

    /** Exactly the expected field names, no null anywhere (Payara leaves nulls out), dates never as arrays. */
    void shape(Map<String, Object> json, Set<String> expected, String what) {
        Set<String> actual = new TreeSet<>(json.keySet());
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty()) problems.add("missing " + missing);
        if (!extra.isEmpty()) problems.add("unexpected " + extra);
        json.forEach((k, v) -> {
            if (v == null) problems.add(k + " is null");
            if (v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof BigDecimal)
                    && (k.endsWith("Date") || k.endsWith("At"))) problems.add(k + " is an array " + l);
        });
        expect(problems.isEmpty(), what + " JSON shape " + actual, String.join("; ", problems) + " in " + json);
    }

    Map<String, Object> object(HttpResponse<String> response, int status, String what) {
        boolean ok = response.statusCode() == status;
        if (what != null) expect(ok, what + " answers " + status, response.statusCode() + " " + response.body());
        if (!ok) throw new AssertionError(what + ": " + response.statusCode() + " " + abbreviate(response.body()));
        return map(Json.parse(response.body()));
    }

    // --- HTTP

    HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
        return get(url, authorization, "application/json, text/html;q=0.9, */*;q=0.1");
    }

    HttpResponse<String> get(String url, String authorization, String accept)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET();
        request.header("Accept", accept);
        if (authorization != null) request.header("Authorization", authorization);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String type, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", auth)
                .header("Content-Type", type)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- JSON

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new AssertionError("not a JSON object: " + o);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o instanceof List<?> l) return (List<Object>) l;
        throw new AssertionError("not a JSON array: " + o);
    }

    static long num(Map<String, Object> json, String key) {
        if (json.get(key) instanceof BigDecimal n) return n.longValue();
        throw new AssertionError(key + " is not a number in " + json);
    }

    static String abbreviate(String s) {
        String one = s == null ? "null" : s.replaceAll("\\s+", " ");
        return one.length() > 600 ? one.substring(0, 600) + "…" : one;
    }

    /** A small strict JSON reader: objects as ordered maps, numbers as BigDecimal. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.ws();
            if (json.i != text.length()) throw json.error("trailing text");
            return value;
        }

        private Object value() {
            ws();
            if (i >= s.length()) throw error("end of input");
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            i++;
            ws();
            if (s.charAt(i) == '}') {
                i++;
                return map;
            }
            while (true) {
                ws();
                String key = string();
                ws();
                if (s.charAt(i++) != ':') throw error("':' expected");
                map.put(key, value());
                ws();
                char c = s.charAt(i++);
                if (c == '}') return map;
                if (c != ',') throw error("',' or '}' expected");
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            i++;
            ws();
            if (s.charAt(i) == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                ws();
                char c = s.charAt(i++);
                if (c == ']') return list;
                if (c != ',') throw error("',' or ']' expected");
            }
        }

        private String string() {
            if (s.charAt(i) != '"') throw error("string expected");
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) throw error(word + " expected");
            i += word.length();
            return value;
        }

        private BigDecimal number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw error("value expected");
            return new BigDecimal(s.substring(start, i));
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + i + " in: " + abbreviate(s));
        }
    }
}
