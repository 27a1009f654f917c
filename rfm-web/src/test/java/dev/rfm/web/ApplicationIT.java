package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.demo.DemoDataGenerator;
import dev.rfm.domain.demo.DemoDataSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real WAR on Payara Micro: health, authentication, the JSON error contract, imports, runs and every REST read.
 * Failsafe runs this class once per database: the embedded H2 default and real PostgreSQL servers (see the rfm-web
 * pom). One class, one server boot (15–30 s): add checks here rather than new classes.
 */
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(base);
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    void readyOnceTheDatabaseIsMigrated() throws Exception {
        HttpResponse<String> response = api.getAnonymous("/health/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject database = json(response).getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("database"))
                .findFirst()
                .orElseThrow();
        assertThat(database.getString("status")).isEqualTo("UP");
        assertThat(database.getJsonObject("data").getString("database"))
                .isEqualTo(FreshDatabase.isPostgresql() ? "PostgreSQL" : "H2");
        String major = System.getProperty("rfm.it.postgresql.major");
        if (major != null) { // the failsafe execution's PostgreSQL version is the one the server talks to
            assertThat(FreshDatabase.describe()).startsWith("PostgreSQL " + major + ".");
        }
    }

    @Test
    void apiWithoutCredentialsIsChallengedWithJson() throws Exception {
        HttpResponse<String> response = api.getAnonymous("api/runs/current");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(json(response).getString("error")).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        assertThat(api.get("api/runs/current", "admin", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownApiPathAnswersJsonNotFound() throws Exception {
        HttpResponse<String> response = api.get("api/no-such-thing");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonObject body = json(response);
        assertThat(body.getString("error")).isEqualTo("NOT_FOUND");
        assertThat(body.containsKey("message")).isTrue();
        assertThat(body.getJsonArray("details")).isEmpty();
    }

    @Test
    void pagesRedirectToTheLoginForm() throws Exception {
        HttpResponse<String> response = api.getAnonymous("index.xhtml");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).contains("/login.xhtml?continue="));
        HttpResponse<String> login = api.getAnonymous("login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("login:username").contains("login:password");
    }

    // ---- POST /api/imports -------------------------------------------------------------------------------------

    private static final String SMALL_FILE = "order_id,customer_id,order_date,amount,quantity,channel\n"
            + "IT-1,IT-C1,2024-01-05,10.50,1,web\n"
            + "IT-1,IT-C1,2024-01-05,4.50,2,web\n" // item line of IT-1: 15.00, quantity 3
            + "IT-2,IT-C2,2024-02-01T14:30:00,99.99,,store\n"
            + "IT-3,IT-C2,not-a-date,5.00,,\n" // line 5: bad date
            + "IT-4,IT-C3,2024-03-01,abc,,\n" // line 6: bad amount
            + "IT-5,IT-C3,2024-03-02,-20.00,,\n"; // a refund

    @Test
    @Order(1)
    void importKeepsGoodRowsAndNamesTheBadOnes() throws Exception {
        HttpResponse<String> response = api.postCsv("api/imports?fileName=small.csv", SMALL_FILE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = json(response);
        assertThat(body.getJsonNumber("importId").longValue()).isPositive();
        assertThat(body.getInt("rowsRead")).isEqualTo(6);
        assertThat(body.getInt("rowsImported")).isEqualTo(4);
        assertThat(body.getInt("rowsDuplicate")).isZero();
        assertThat(body.getInt("rowsRejected")).isEqualTo(2);
        var errors = body.getJsonArray("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.getJsonObject(0).getInt("line")).isEqualTo(5);
        assertThat(errors.getJsonObject(0).getString("column")).isEqualTo("order_date");
        assertThat(errors.getJsonObject(1).getInt("line")).isEqualTo(6);
        assertThat(errors.getJsonObject(1).getString("column")).isEqualTo("amount");

        HttpResponse<String> rejected =
                api.getCsv("api/imports/" + body.getJsonNumber("importId").longValue() + "/rejections.csv");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.body().lines()).hasSize(3).first().isEqualTo("line,column,message");
    }

    @Test
    @Order(2)
    void importingTheSameFileAgainChangesNothing() throws Exception {
        JsonObject again = json(api.postCsv("api/imports?fileName=small.csv", SMALL_FILE));
        assertThat(again.getInt("rowsRead")).isEqualTo(6);
        assertThat(again.getInt("rowsImported")).isZero();
        assertThat(again.getInt("rowsDuplicate")).isEqualTo(4);
        assertThat(again.getInt("rowsRejected")).isEqualTo(2);
        assertThat(again.getInt("ordersCreated")).isZero();
    }

    @Test
    void unusableBodiesAreRejectedAsAWholeWithAClearError() throws Exception {
        HttpResponse<String> empty = api.postCsv("api/imports", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).getString("error")).isEqualTo("EMPTY_FILE");

        HttpResponse<String> jsonBody = api.postCsv("api/imports", "{\"orders\": []}");
        assertThat(jsonBody.statusCode()).isEqualTo(400);
        assertThat(json(jsonBody).getString("message")).isNotBlank();

        HttpResponse<String> missing = api.postCsv("api/imports", "customer_id,order_date\nX,2024-01-01\n");
        assertThat(missing.statusCode()).isEqualTo(400);
        JsonObject missingBody = json(missing);
        assertThat(missingBody.getString("error")).isEqualTo("MISSING_COLUMNS");
        assertThat(missingBody.getString("message")).contains("order_id").contains("amount");

        HttpResponse<String> cut = api.postCsv(
                "api/imports", "customer_id,order_id,order_date,amount\nCUT-1,CUT-O1,2024-01-01,5.00\nCUT-2,CUT-O2");
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(json(cut).getString("error")).isEqualTo("TRUNCATED");
        // nothing of the cut-off file landed: its first, good line is not stored either
        JsonObject retry = json(
                api.postCsv("api/imports", "customer_id,order_id,order_date,amount\nCUT-1,CUT-O1,2024-01-01,5.00\n"));
        assertThat(retry.getInt("rowsImported")).isEqualTo(1);
    }

    /**
     * One row of 15 digits used to be accepted and then made every later scoring run fail for good (the run adds up
     * amounts in ten-thousandths on 64-bit integers). Now the row is rejected by its line, and the good row beside it
     * lands; the scoring runs of the later tests show that the stored data still adds up.
     */
    @Test
    @Order(2)
    void anAmountNoRunCouldAddUpIsRejectedByItsLine() throws Exception {
        HttpResponse<String> response = api.postCsv(
                "api/imports?fileName=huge-amount.csv",
                "customer_id,order_id,order_date,amount\nHUGE-C1,HUGE-O1,2024-01-01,999999999999999\n"
                        + "HUGE-C1,HUGE-O2,2024-01-02,12.50\n");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = json(response);
        assertThat(body.getInt("rowsImported")).isEqualTo(1);
        JsonObject error = body.getJsonArray("errors").getJsonObject(0);
        assertThat(error.getInt("line")).isEqualTo(2);
        assertThat(error.getString("column")).isEqualTo("amount");
        assertThat(error.getString("message")).contains("too large").contains("900,000,000,000,000");
    }

    /** A customer name of 150 emoji used to fail the whole import on H2 with H2's SQL text in the answer. */
    @Test
    @Order(2)
    void aNameTooLongForTheColumnIsRejectedByItsLineOnEveryDatabase() throws Exception {
        HttpResponse<String> response = api.postCsv(
                "api/imports?fileName=emoji.csv",
                "customer_id,order_id,order_date,amount,customer_name\nEMO-C1,EMO-O1,2024-01-01,5,"
                        + "\uD83D\uDE00".repeat(150) + "\nEMO-C2,EMO-O2,2024-01-01,5,Ann\n");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = json(response);
        assertThat(body.getInt("rowsImported")).isEqualTo(1);
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("column"))
                .isEqualTo("customer_name");
        assertThat(response.body()).doesNotContain("SQL").doesNotContain("Exception");
    }

    /** Bodies that are not JSON, or not the JSON an endpoint takes: never a 500, always the contract's JSON error. */
    @Test
    void malformedOrWrongShapedJsonIsABadRequestThatSaysWhy() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String longString = "\"" + "x".repeat(100_000) + "\"";
        java.util.List<String> neither =
                java.util.List.of("{bad", "\"x\"", "null", "123", "true", "{\"a\":", "[1,", deep, longString, "\u0000");
        java.util.Map<String, java.util.List<String>> cases = new java.util.LinkedHashMap<>();
        cases.put(
                "POST api/runs",
                java.util.List.of(
                        "[]",
                        "[1]",
                        "{\"referenceDate\": {}}",
                        "{\"referenceDate\": 5}",
                        "{\"referenceDate\": \"3000-01-01\"}",
                        "{\"referenceDate\": \"0001-01-01\"}"));
        String rule = "{\"code\": \"X\", \"nameEn\": \"X\", \"conditions\": \"rScore=5\"}";
        java.util.List<String> rules = java.util.List.of(
                "{}",
                "[1]",
                "[\"x\"]",
                "[{\"code\": 1}]",
                "[" + rule.replace("\"nameEn\": \"X\"", "\"nameEn\": \"" + "n".repeat(101) + "\"") + "]",
                "[" + rule + ", null]");
        cases.put("PUT api/segments/custom/rules", rules);
        cases.put("POST api/segments/custom/rules/preview", rules);
        for (var endpoint : cases.entrySet()) {
            java.util.List<String> bodies = new java.util.ArrayList<>(neither);
            bodies.addAll(endpoint.getValue());
            for (String body : bodies) {
                String path = endpoint.getKey().substring(endpoint.getKey().indexOf(' ') + 1);
                HttpResponse<String> response = endpoint.getKey().startsWith("PUT")
                        ? api.put(path, "application/json", body)
                        : api.postJson(path, body);
                String shown = body.length() > 40 ? body.substring(0, 40) + "…" : body;
                assertThat(response.statusCode())
                        .as("%s with %s: %s", endpoint.getKey(), shown, response.body())
                        .isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
                JsonObject error = json(response);
                assertThat(error.getString("error")).isNotBlank();
                assertThat(error.getString("message")).as(shown).isNotBlank().doesNotContain("Exception");
            }
        }
    }

    @Test
    void aBodyOfTheWrongShapeIsNamed() throws Exception {
        HttpResponse<String> array = api.postJson("api/runs", "[]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array).getString("message")).isEqualTo("The body must be a JSON object, not an array.");
        HttpResponse<String> bad = api.postJson("api/runs", "{\"referenceDate\": ");
        assertThat(json(bad).getString("message")).startsWith("The body is not valid JSON at line 1, column ");
    }

    @Test
    void viewerOrAnonymousCannotImport() throws Exception {
        assertThat(api.getAnonymous("api/imports").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(10)
    void theCdnowLogImportsWithItsPublishedCountsAndOnlyOnce() throws Exception {
        SharedData.assumeCdnow(SharedData.LOG);
        Path cdnow = SharedData.cdnow(SharedData.LOG);
        JsonObject first = json(api.postCsvFile("api/imports?fileName=cdnow_orders.csv", cdnow));
        assertThat(first.getInt("rowsRead")).isEqualTo(69_659);
        assertThat(first.getInt("rowsImported")).isEqualTo(69_659);
        assertThat(first.getInt("ordersCreated")).isEqualTo(69_659);
        assertThat(first.getInt("customersCreated")).isEqualTo(23_570);
        assertThat(first.getInt("rowsRejected")).isZero();

        JsonObject second = json(api.postCsvFile("api/imports?fileName=cdnow_orders.csv", cdnow));
        assertThat(second.getInt("rowsImported")).isZero();
        assertThat(second.getInt("rowsDuplicate")).isEqualTo(69_659);
        assertThat(second.getInt("customersCreated")).isZero();

        var history = Json.createReader(
                        new StringReader(api.get("api/imports?limit=2").body()))
                .readArray();
        assertThat(history.getJsonObject(0).getString("fileName")).isEqualTo("cdnow_orders.csv");
        assertThat(history.getJsonObject(0).getString("status")).isEqualTo("SUCCEEDED");
    }

    // ---- scoring runs ------------------------------------------------------------------------------------------

    @Test
    @Order(11)
    void aRunOverTheCdnowLogSucceeds() throws Exception {
        SharedData.assumeCdnow(SharedData.LOG);
        JsonObject run = runToTheEnd("1997-10-01");
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("SUCCEEDED");
        // every CDNOW customer made a first purchase in the first quarter of 1997; the other files are of 2024
        assertThat(run.getJsonNumber("customersScored").longValue()).isEqualTo(23_570);
        assertThat(run.getString("modelStatus")).isEqualTo("FITTED");
        assertThat(run.containsKey("error") && !run.isNull("error")).isFalse();
        // the timer's runs (every 30 s here) may have become current since; none before this one
        assertThat(json(api.get("api/runs/current")).getJsonNumber("id").longValue())
                .isGreaterThanOrEqualTo(run.getJsonNumber("id").longValue());
    }

    private static final LocalDate DEMO_LAST_DAY = LocalDate.of(2026, 6, 30);

    @Test
    @Order(20)
    void generatedCustomersImportForTheRuns() throws Exception {
        StringWriter csv = new StringWriter();
        DemoDataGenerator.of(DemoDataSettings.endingOn(DEMO_LAST_DAY).withCustomers(3_000))
                .writeCsv(csv);
        JsonObject result = json(api.postCsv("api/imports?fileName=demo-3000.csv", csv.toString()));
        assertThat(result.getInt("customersCreated")).isEqualTo(3_000);
        assertThat(result.getInt("rowsRejected")).isZero();
    }

    /** Starts a run, waiting for any run in progress (the timer's) to finish first; returns the finished run. */
    private JsonObject runToTheEnd(String referenceDate) throws Exception {
        AtomicReference<Long> started = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    HttpResponse<String> response =
                            api.postJson("api/runs", "{\"referenceDate\": \"" + referenceDate + "\"}");
                    if (response.statusCode() == 202)
                        started.set(json(response).getJsonNumber("runId").longValue());
                    else assertThat(response.statusCode()).isEqualTo(409);
                    return started.get() != null;
                });
        return api.awaitRunFinished(started.get());
    }

    @Test
    @Order(21)
    void theTimerStartsRunsOnItsOwn() {
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    JsonArray runs = Json.createReader(new StringReader(
                                    api.get("api/runs?limit=50").body()))
                            .readArray();
                    return runs.stream()
                            .map(JsonObject.class::cast)
                            .anyMatch(r -> r.getString("trigger").equals("SCHEDULE")
                                    && r.getString("status").equals("SUCCEEDED"));
                });
    }

    @Test
    @Order(22)
    void aManualRunPublishesASnapshotThatRestReads() throws Exception {
        JsonObject run = runToTheEnd(DEMO_LAST_DAY.plusDays(1).toString());
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.getString("referenceDate")).isEqualTo("2026-07-01");
        long runId = run.getJsonNumber("id").longValue();
        long scored = run.getJsonNumber("customersScored").longValue();
        assertThat(scored).isPositive();

        // the standard scheme: shares and revenue shares sum to 1, counts to the customers scored
        JsonArray standard = Json.createReader(new StringReader(
                        api.get("api/segments?scheme=standard&runId=" + runId).body()))
                .readArray();
        assertThat(standard).hasSize(11);
        double share = 0, revenueShare = 0;
        long customers = 0;
        for (var value : standard) {
            JsonObject segment = (JsonObject) value;
            share += segment.getJsonNumber("share").doubleValue();
            revenueShare += segment.getJsonNumber("revenueShare").doubleValue();
            customers += segment.getJsonNumber("customers").longValue();
            assertThat(segment.getString("action")).isNotBlank();
        }
        assertThat(share).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(revenueShare).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(customers).isEqualTo(scored);
        JsonArray cn8 = Json.createReader(new StringReader(
                        api.get("api/segments?scheme=cn8&runId=" + runId).body()))
                .readArray();
        assertThat(cn8).hasSize(8);
        assertThat(cn8.getJsonObject(0).getString("nameZh")).endsWith("客户");
        JsonArray abc = Json.createReader(new StringReader(
                        api.get("api/segments?scheme=abc&runId=" + runId).body()))
                .readArray();
        assertThat(abc.stream().map(v -> ((JsonObject) v).getString("code"))).containsExactly("A", "B", "C");
        assertThat(abc.stream()
                        .mapToLong(
                                v -> ((JsonObject) v).getJsonNumber("customers").longValue())
                        .sum())
                .isEqualTo(scored);
        assertThat(abc.getJsonObject(0).getJsonNumber("revenueShare").doubleValue())
                .isGreaterThanOrEqualTo(0.8);

        // a segment's members, paged and as CSV
        String code = standard.stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getJsonNumber("customers").longValue() > 3)
                .findFirst()
                .orElseThrow()
                .getString("code");
        JsonObject page = json(api.get("api/segments/" + code + "/customers?page=0&size=3&runId=" + runId));
        assertThat(page.getJsonArray("customers")).hasSize(3);
        long total = page.getJsonNumber("total").longValue();
        HttpResponse<String> csv = api.getCsv("api/segments/" + code + "/customers?runId=" + runId);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(total + 1);

        // one customer, as the contract names the fields
        String customerId = page.getJsonArray("customers").getJsonObject(0).getString("customerId");
        JsonObject customer = json(api.get("api/customers/" + customerId + "?runId=" + runId));
        for (String field : new String[] {
            "recencyDays",
            "frequency",
            "monetary",
            "r",
            "f",
            "m",
            "segment",
            "segmentCn8",
            "lifecycleStage",
            "abcClass",
            "pAlive",
            "expectedPurchases90d",
            "historicalClv",
            "predictedClv"
        }) {
            assertThat(customer.containsKey(field)).as(field).isTrue();
        }
        assertThat(customer.getString("segment")).isEqualTo(code);
        assertThat(customer.getJsonNumber("pAlive").doubleValue()).isBetween(0.0, 1.0);
        assertThat(api.get("api/customers/NO-SUCH-CUSTOMER").statusCode()).isEqualTo(404);

        // the models, with their health
        JsonObject model = json(api.get("api/model?runId=" + runId));
        assertThat(model.getString("timeUnit")).isIn("days", "weeks");
        JsonObject bgnbd = model.getJsonObject("bgnbd");
        assertThat(bgnbd.getJsonNumber("r").doubleValue()).isPositive();
        assertThat(bgnbd.getJsonNumber("alpha").doubleValue()).isPositive();
        assertThat(bgnbd.getJsonNumber("logLikelihood").doubleValue()).isNegative();
        assertThat(model.getJsonObject("gammaGamma").getJsonNumber("p").doubleValue())
                .isPositive();
    }

    @Test
    @Order(23)
    void aSecondRequestWhileARunWorksGetsTheRunningRunsId() throws Exception {
        JsonObject finished = runToTheEnd(DEMO_LAST_DAY.plusDays(2).toString());
        assertThat(finished.getString("status")).isEqualTo("SUCCEEDED");
        HttpResponse<String> first = api.postJson("api/runs", "{\"referenceDate\": \"2026-07-03\"}");
        HttpResponse<String> second = api.postJson("api/runs", "{\"referenceDate\": \"2026-07-04\"}");
        assertThat(second.statusCode()).isEqualTo(409);
        long running = json(second).getJsonNumber("runId").longValue();
        if (first.statusCode() == 202) {
            assertThat(running).isEqualTo(json(first).getJsonNumber("runId").longValue());
        }
        api.awaitRunFinished(running);
    }

    @Test
    @Order(24)
    void aCancelledRunPublishesNothingAndThePreviousSnapshotStaysCurrent() throws Exception {
        JsonObject before = runToTheEnd(DEMO_LAST_DAY.plusDays(3).toString());
        long previous = before.getJsonNumber("id").longValue();
        AtomicReference<Long> cancelled = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    HttpResponse<String> start = api.postJson("api/runs", "{\"referenceDate\": \"2026-07-05\"}");
                    if (start.statusCode() != 202) return false;
                    long id = json(start).getJsonNumber("runId").longValue();
                    HttpResponse<String> cancel = api.postJson("api/runs/" + id + "/cancel", "");
                    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
                    cancelled.set(id);
                    return true;
                });
        JsonObject run = api.awaitRunFinished(cancelled.get());
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).contains("Cancelled").contains("previous snapshot stays current");
        assertThat(run.getBoolean("current")).isFalse();
        JsonObject current = json(api.get("api/runs/current"));
        assertThat(current.getJsonNumber("id").longValue()).isNotEqualTo(cancelled.get());
        assertThat(current.getJsonNumber("id").longValue()).isGreaterThanOrEqualTo(previous);
        // nothing of the cancelled run is readable
        JsonArray segments = Json.createReader(
                        new StringReader(api.get("api/segments?scheme=standard&runId=" + cancelled.get())
                                .body()))
                .readArray();
        assertThat(segments).isEmpty();
    }

    @Test
    @Order(25)
    void customRulesArePreviewedSavedAndUsedWithTheChosenProfile() throws Exception {
        HttpResponse<String> invalid = api.put(
                "api/segments/custom/rules",
                "application/json",
                "[{\"code\": \"HOT\", \"nameEn\": \"Hot\", \"conditions\": \"rScore=4..9\"}]");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).getString("message")).contains("rule 1").contains("HOT");

        String rules = "[{\"code\": \"BIG_SPENDERS\", \"nameEn\": \"Big spenders\", \"nameZh\": \"高消费\","
                + " \"conditions\": \"mScore=5\"},"
                + " {\"code\": \"RECENT\", \"nameEn\": \"Recent\", \"conditions\": \"rScore=4..5\"}]";
        JsonObject preview = json(api.postJson("api/segments/custom/rules/preview", rules));
        long scored = preview.getJsonNumber("scoredCustomers").longValue();
        long previewed = preview.getJsonArray("rules").stream()
                .mapToLong(e -> ((JsonObject) e).getJsonNumber("customers").longValue())
                .sum();
        assertThat(previewed).isEqualTo(scored);
        assertThat(preview.getJsonArray("rules").getJsonObject(0).getString("code"))
                .isEqualTo("BIG_SPENDERS");
        assertThat(api.put("api/segments/custom/rules", "application/json", rules)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> badProfile = api.put("api/profiles", "text/plain", "name=X\nbins=7");
        assertThat(badProfile.statusCode()).isEqualTo(400);
        assertThat(json(badProfile).getString("error")).isEqualTo("INVALID_PROFILE");
        assertThat(api.put("api/profiles/active", "text/plain", "FINANCE").statusCode())
                .isEqualTo(200);

        JsonObject run = runToTheEnd(DEMO_LAST_DAY.plusDays(4).toString());
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.getString("profile")).isEqualTo("FINANCE");
        JsonArray custom = Json.createReader(
                        new StringReader(api.get("api/segments?scheme=custom&runId=" + run.getJsonNumber("id"))
                                .body()))
                .readArray();
        assertThat(custom.stream().map(v -> ((JsonObject) v).getString("code")))
                .containsExactly("BIG_SPENDERS", "RECENT", "OTHER");
        assertThat(api.put("api/profiles/active", "text/plain", "RETAIL").statusCode())
                .isEqualTo(200);
    }

    /**
     * The preview counts what a run then puts into each custom segment: the same rules saved, a run made, and the
     * preview of the (then current) run compared with its custom segments (decision 0009: the preview is one aggregate
     * query over the current run's rows).
     */
    @Test
    @Order(26)
    void thePreviewCountsWhatARunWithTheSavedRulesPutsIntoEachSegment() throws Exception {
        String rules = "[{\"code\": \"CHAMPS\", \"nameEn\": \"Champs\", \"conditions\": \"rScore=4..5\\nfScore=4..5\"},"
                + " {\"code\": \"BIG\", \"nameEn\": \"Big\", \"conditions\": \"monetary=500.5..\\nabc=A,B\"},"
                + " {\"code\": \"LIKELY\", \"nameEn\": \"Likely\","
                + " \"conditions\": \"pAlive=0.6..1\\nstages=ACTIVE,NEW,REACTIVATED\"},"
                + " {\"code\": \"RECENT\", \"nameEn\": \"Recent\", \"conditions\": \"recencyDays=..60\\nfrequency=2..\"}]";
        assertThat(api.put("api/segments/custom/rules", "application/json", rules)
                        .statusCode())
                .isEqualTo(200);
        long run = runToTheEnd(DEMO_LAST_DAY.plusDays(6).toString())
                .getJsonNumber("id")
                .longValue();
        AtomicReference<String> compared = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    // the timer's runs (same rules) may become current meanwhile: compare only when none did
                    long current = json(api.get("api/runs/current"))
                            .getJsonNumber("id")
                            .longValue();
                    JsonObject preview = json(api.postJson("api/segments/custom/rules/preview", rules));
                    if (current < run
                            || json(api.get("api/runs/current"))
                                            .getJsonNumber("id")
                                            .longValue()
                                    != current) {
                        return false;
                    }
                    java.util.Map<String, Long> previewed = new java.util.LinkedHashMap<>();
                    for (var entry : preview.getJsonArray("rules")) {
                        JsonObject e = (JsonObject) entry;
                        previewed.put(
                                e.getString("code"),
                                e.getJsonNumber("customers").longValue());
                    }
                    java.util.Map<String, Long> segmented = new java.util.LinkedHashMap<>();
                    for (var segment : Json.createReader(
                                    new StringReader(api.get("api/segments?scheme=custom&runId=" + current)
                                            .body()))
                            .readArray()) {
                        JsonObject s = (JsonObject) segment;
                        segmented.put(
                                s.getString("code"),
                                s.getJsonNumber("customers").longValue());
                    }
                    assertThat(previewed).as("run %d", current).isEqualTo(segmented);
                    assertThat(previewed.keySet()).containsExactly("CHAMPS", "BIG", "LIKELY", "RECENT", "OTHER");
                    compared.set(previewed.toString());
                    return true;
                });
        assertThat(compared.get()).isNotNull();
    }

    /**
     * Numbers in rules are plain decimals of bounded size, checked on the text: {@code 1e500000000} once cost minutes
     * of CPU and hundreds of MB per request. Now a quick 400 naming the rule, the field and the reason, and the server
     * keeps answering.
     */
    @Test
    void hugeOrExponentNumbersInRulesAreAQuickBadRequestNamingTheField() throws Exception {
        String megabyte = "9".repeat(1 << 20);
        java.util.Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("recencyDays", rule("recencyDays=1e500000000"));
        bodies.put("monetary", rule("monetary=..1E+500000000"));
        bodies.put("pAlive", rule("pAlive=0.5..1e-500000000"));
        bodies.put("frequency", rule("frequency=" + "9".repeat(1_500)));
        bodies.put("conditions", rule("recencyDays=" + megabyte)); // longer than the column: named as such
        bodies.put("'conditions'", "[{\"code\": \"HUGE\", \"nameEn\": \"Huge\", \"conditions\": 1e500000000}]");
        bodies.put("'code'", "[{\"code\": " + "9".repeat(1_000) + ", \"nameEn\": \"Huge\"}]");
        // the JSON reader (Parsson) itself refuses numbers over 1,100 characters, naming the place in the body
        bodies.put("not valid JSON", "[{\"code\": " + megabyte + ", \"nameEn\": \"Huge\"}]");
        for (var body : bodies.entrySet()) {
            for (String method : new String[] {"PUT", "POST"}) {
                HttpResponse<String> response = method.equals("PUT")
                        ? api.put("api/segments/custom/rules", "application/json", body.getValue())
                        : api.postJson("api/segments/custom/rules/preview", body.getValue());
                assertThat(response.statusCode())
                        .as("%s %s: %s", method, body.getKey(), response.body())
                        .isEqualTo(400);
                JsonObject error = json(response);
                assertThat(error.getString("message"))
                        .as("%s %s", method, body.getKey())
                        .contains(body.getKey())
                        .hasSizeLessThan(600)
                        .doesNotContain("Exception");
                if (!body.getKey().equals("not valid JSON")) {
                    assertThat(error.getString("message")).contains("rule 1");
                }
            }
        }
        HttpResponse<String> stillThere = api.get("api/segments/custom/rules");
        assertThat(stillThere.statusCode()).isEqualTo(200);
        assertThat(api.get("api/runs/current").statusCode()).isIn(200, 404);
    }

    private static String rule(String conditions) {
        return "[{\"code\": \"HUGE\", \"nameEn\": \"Huge\", \"conditions\": \"" + conditions + "\"}]";
    }
}
