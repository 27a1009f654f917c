package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Segments page and the segment editor in headless Chromium against the real WAR (fresh database): orders are
 * imported and two runs scored through the API, then the page's numbers are compared with the API's, the scheme is
 * switched, an action edited and read back, and custom rules added, previewed, reordered and saved with their audit
 * entries. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(DashboardIT.ChromiumInstalled.class)
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf("dev.rfm.web.SharedData#cdnowSample") // every test builds on the sample's import
class SegmentsPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @RegisterExtension
    static final Browser browser = new Browser("segments");

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(base);
    }

    /**
     * The CDNOW 1/10 sample's orders before 1998-07-01, moved forward so that this cut-off is today: runs as of today
     * score it as CDNOW as of 1998-07-01, with fitted models. Every run of this test is as of today, so the timer's
     * runs (every 30 s in the tests) publish the same numbers as the test's own.
     *
     * @param part 1: the customers whose id is not a multiple of 4; 2: the others
     */
    static String orders(int part) throws IOException {
        Path sample = SharedData.cdnow(SharedData.SAMPLE_ORDERS);
        LocalDate cutOff = LocalDate.of(1998, 7, 1);
        long shift = java.time.temporal.ChronoUnit.DAYS.between(cutOff, LocalDate.now());
        List<String> lines = Files.readAllLines(sample);
        StringBuilder csv =
                new StringBuilder(lines.get(0)).append('\n'); // customer_id,order_id,order_date,quantity,amount
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            LocalDate date = LocalDate.parse(cells[2]);
            boolean firstPart = Long.parseLong(cells[0]) % 4 != 0;
            if (date.isBefore(cutOff) && firstPart == (part == 1)) {
                cells[2] = date.plusDays(shift).toString();
                csv.append(String.join(",", cells)).append('\n');
            }
        }
        return csv.toString();
    }

    /** Two imports, a run after each: the second run's segments grew (or shrank) by the second import. */
    @Test
    @Order(1)
    void ordersAreImportedAndTwoRunsScoredThroughTheApi() throws Exception {
        for (int part = 1; part <= 2; part++) {
            HttpResponse<String> imported = api.postCsv("api/imports?fileName=segments-" + part + ".csv", orders(part));
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            HttpResponse<String> started = api.postJson("api/runs", "{\"referenceDate\":\"" + LocalDate.now() + "\"}");
            if (started.statusCode() == 409) { // a timer's run is working: the next request waits for it
                api.awaitRunFinished(
                        object(started.body()).getJsonNumber("runId").longValue());
                started = api.postJson("api/runs", "{\"referenceDate\":\"" + LocalDate.now() + "\"}");
            }
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            long runId = object(started.body()).getJsonNumber("runId").longValue();
            JsonObject run = api.awaitRunFinished(runId);
            assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(run.getString("modelStatus")).isEqualTo("FITTED");
        }
    }

    @Test
    @Order(2)
    void theSegmentsOfTheStandardSchemeAreTheApisWithSharesSummingToAHundredPercent() throws Exception {
        browser.loggedIn(base);
        browser.findElement(By.id("nav-segments")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("segmentsForm:segments")));
        assertPageMatchesApi("standard");
        browser.screenshot("segments");
    }

    @Test
    @Order(3)
    void switchingTheSchemeShowsItsSegments() throws Exception {
        openSegments();
        for (String[] scheme : List.of(
                new String[] {"cn8", "CN8"}, new String[] {"abc", "ABC"}, new String[] {"lifecycle", "Lifecycle"})) {
            List<String> before = codes();
            browser.findElement(By.xpath("//*[@id='segmentsForm:scheme']//div[contains(@class,'ui-button')]"
                            + "[.//span[normalize-space()='" + scheme[1] + "']]"))
                    .click();
            browser.waitForPage().until(d -> browser.ajaxIdle() && !codes().equals(before));
            assertPageMatchesApi(scheme[0]);
        }
        // a link to the scheme opens it directly, and a segment links to its customers
        browser.get(base + "segments.xhtml?scheme=abc");
        browser.waitForPage().until(visibilityOfElementLocated(By.id("segmentsForm:segments")));
        assertThat(codes()).containsExactly("A", "B", "C");
        assertThat(browser.findElement(By.id("segmentsForm:segments:0:open")).getAttribute("href"))
                .endsWith("/customers.xhtml?scheme=abc&segment=A");
    }

    @Test
    @Order(4)
    void anEditedActionIsStoredAndShown() throws Exception {
        openSegments();
        String code = codes().get(0);
        browser.findElement(By.id("segmentsForm:segments:0:edit")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("actionForm:actionEn")));
        // an empty action is refused next to its field
        WebElement en = browser.findElement(By.id("actionForm:actionEn"));
        en.clear();
        browser.findElement(By.id("actionForm:saveAction")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("actionForm:actionEnMessage")).isEmpty());
        assertThat(browser.text(By.id("actionForm:actionEnMessage"))).contains("required");

        browser.findElement(By.id("actionForm:actionEn")).sendKeys("Call them this week");
        WebElement zh = browser.findElement(By.id("actionForm:actionZh"));
        zh.clear();
        zh.sendKeys("本周致电");
        browser.findElement(By.id("actionForm:saveAction")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && browser.text(By.id("segmentsForm:segments:0:action")).equals("Call them this week"));

        // stored: the API and a fresh page show it
        JsonObject segment = segments("standard").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("code").equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(segment.getString("action")).isEqualTo("Call them this week");
        assertThat(segment.getString("actionZh")).isEqualTo("本周致电");
        openSegments();
        assertThat(browser.text(By.id("segmentsForm:segments:0:action"))).isEqualTo("Call them this week");
    }

    @Test
    @Order(5)
    void rulesAreAddedPreviewedReorderedAndSavedWithAnAuditTrail() throws Exception {
        browser.loggedIn(base);
        browser.findElement(By.id("nav-segment-rules")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("ruleForm:code")));
        assertThat(browser.findElements(By.id("rulesForm:rules:0:code"))).isEmpty();

        // a bad code is named next to the code field, and nothing is added
        fillRule("big spenders", "Big spenders", "monetary=100..");
        browser.findElement(By.id("ruleForm:apply")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("ruleForm:codeMessage")).isEmpty());
        assertThat(browser.text(By.id("ruleForm:codeMessage"))).contains("code must be");
        // bad conditions next to the conditions
        fillRule("BIG", "Big spenders", "colour=red");
        browser.findElement(By.id("ruleForm:apply")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("ruleForm:conditionsMessage")).isEmpty());
        assertThat(browser.text(By.id("ruleForm:conditionsMessage"))).contains("unknown condition");
        assertThat(browser.text(By.id("ruleForm:codeMessage"))).isEmpty();

        fillRule("BIG", "Big spenders", "monetary=100..");
        browser.findElement(By.id("ruleForm:apply")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.findElements(By.id("rulesForm:rules:0:code"))
                                .isEmpty());
        long[] oneRule = previewOnPage(1);
        assertThat(oneRule).isEqualTo(previewOfApi(List.of(rule("BIG", "monetary=100.."))));
        assertThat(browser.text(By.id("rulesForm:unsaved"))).isNotEmpty();

        fillRule("RECENT", "Recent buyers", "rScore=4..5");
        browser.findElement(By.id("ruleForm:apply")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.findElements(By.id("rulesForm:rules:1:code"))
                                .isEmpty());
        long[] twoRules = previewOnPage(2);
        assertThat(twoRules)
                .isEqualTo(previewOfApi(List.of(rule("BIG", "monetary=100.."), rule("RECENT", "rScore=4..5"))));
        assertThat(twoRules[2]).as("Other shrinks by what the new rule takes").isEqualTo(oneRule[1] - twoRules[1]);
        browser.screenshot("segment-rules");

        // moved up, RECENT takes its customers first
        browser.findElement(By.id("rulesForm:rules:1:up")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && browser.text(By.id("rulesForm:rules:0:code")).equals("RECENT"));
        assertThat(previewOnPage(2))
                .isEqualTo(previewOfApi(List.of(rule("RECENT", "rScore=4..5"), rule("BIG", "monetary=100.."))));

        browser.findElement(By.id("rulesForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && browser.findElements(By.id("rulesForm:unsaved")).isEmpty());
        JsonArray stored = Json.createReader(
                        new StringReader(api.get("api/segments/custom/rules").body()))
                .readArray();
        assertThat(stored.getValuesAs(JsonObject.class).stream().map(r -> r.getString("code")))
                .containsExactly("RECENT", "BIG");
        assertThat(auditRows()).hasSize(1);
        assertThat(auditRows().get(0).get(1)).isEqualTo("admin");
        assertThat(auditRows().get(0).get(2)).contains("added RECENT (position 1)", "added BIG (position 2)");

        // delete one and save: a second entry, newest first
        browser.findElement(By.id("rulesForm:rules:1:remove")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && browser.findElements(By.id("rulesForm:rules:1:code")).isEmpty());
        browser.findElement(By.id("rulesForm:save")).click();
        browser.waitForPage().until(d -> browser.ajaxIdle() && auditRows().size() == 2);
        assertThat(auditRows().get(0).get(2)).isEqualTo("removed BIG");
    }

    @Test
    @Order(6)
    void inChineseTheSegmentsAndLabelsAreChinese() throws Exception {
        openSegments();
        browser.findElement(By.id("topbar:chinese")).click();
        browser.waitForPage().until(d -> browser.text(By.cssSelector("main h1")).equals("客户分群"));
        try {
            String run = browser.text(By.id("segmentsForm:runInfo")).replaceAll("[^0-9]", "");
            JsonObject first = segments("standard&runId=" + run).getJsonObject(0);
            assertThat(browser.text(By.id("segmentsForm:segments:0:open"))).isEqualTo(first.getString("nameZh"));
            assertThat(browser.text(By.id("segmentsForm:segments:0:action"))).isEqualTo("本周致电");
            assertThat(browser.text(By.id("nav-segment-rules"))).isEqualTo("分群规则");
            browser.screenshot("segments-zh");

            // the segment editor's problems are told in Chinese too, values kept
            browser.findElement(By.id("nav-segment-rules")).click();
            browser.waitForPage().until(visibilityOfElementLocated(By.id("ruleForm:code")));
            fillRule("ZH", "Chinese check", "monetary=9..5");
            browser.findElement(By.id("ruleForm:apply")).click();
            browser.waitForPage()
                    .until(d -> browser.ajaxIdle()
                            && !browser.text(By.id("ruleForm:conditionsMessage"))
                                    .isEmpty());
            assertThat(browser.text(By.id("ruleForm:conditionsMessage")))
                    .contains("规则 ZH 的条件无效：monetary：下限不能大于上限，当前为 9 > 5");
        } finally {
            browser.findElement(By.id("topbar:english")).click();
            browser.waitForPage()
                    .until(d -> browser.text(By.cssSelector("main h1")).equals("Segment rules"));
        }
    }

    /**
     * The saved rule (RECENT: rScore=4..5) segments the next run: the custom scheme on the page is the API's, and a
     * member's page names the rule as that run used it.
     */
    @Test
    @Order(7)
    void theNextRunUsesTheSavedRuleAndTheCustomerPageNamesIt() throws Exception {
        HttpResponse<String> started = api.postJson("api/runs", "{\"referenceDate\":\"" + LocalDate.now() + "\"}");
        if (started.statusCode() == 409) { // a timer's run is working: wait for it, then start ours
            api.awaitRunFinished(object(started.body()).getJsonNumber("runId").longValue());
            started = api.postJson("api/runs", "{\"referenceDate\":\"" + LocalDate.now() + "\"}");
        }
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long runId = object(started.body()).getJsonNumber("runId").longValue();
        assertThat(api.awaitRunFinished(runId).getString("status")).isEqualTo("SUCCEEDED");

        browser.loggedIn(base);
        browser.get(base + "segments.xhtml?scheme=custom");
        browser.waitForPage().until(visibilityOfElementLocated(By.id("segmentsForm:segments")));
        assertThat(codes()).contains("RECENT");
        assertPageMatchesApi("custom");

        JsonObject members = object(
                api.get("api/segments/RECENT/customers?size=1&runId=" + runId).body());
        assertThat(members.getJsonNumber("total").longValue()).isPositive();
        String member = members.getJsonArray("customers").getJsonObject(0).getString("customerId");
        browser.get(base + "customer.xhtml?id=" + member);
        browser.waitForPage().until(visibilityOfElementLocated(By.id("customSegment")));
        assertThat(browser.text(By.id("customSegment"))).contains("RECENT").contains("rScore=4..5");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /**
     * The page's rows against the API's for the run the page shows (a scheduled run may publish a newer one
     * meanwhile).
     */
    private void assertPageMatchesApi(String scheme) throws Exception {
        String run = browser.text(By.id("segmentsForm:runInfo")).replaceAll("[^0-9]", "");
        JsonArray expected = segments(scheme + "&runId=" + run);
        List<List<String>> rows = browser.tableRows("segmentsForm:segments");
        assertThat(rows).hasSize(expected.size());
        double shares = 0;
        long customers = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonObject segment = expected.getJsonObject(i);
            assertThat(browser.text(By.id("segmentsForm:segments:" + i + ":customers"))
                            .replace(",", ""))
                    .as("customers of %s", segment.getString("code"))
                    .isEqualTo(String.valueOf(segment.getJsonNumber("customers").longValue()));
            assertThat(percent(browser.text(By.id("segmentsForm:segments:" + i + ":share"))))
                    .isCloseTo(100 * segment.getJsonNumber("share").doubleValue(), within(0.051));
            shares += percent(browser.text(By.id("segmentsForm:segments:" + i + ":share")));
            customers += segment.getJsonNumber("customers").longValue();
        }
        assertThat(shares).as("shares of %s", scheme).isCloseTo(100, within(0.06 * rows.size()));
        assertChangesAndAverages(Long.parseLong(run), scheme, expected);
        assertThat(browser.text(By.id("segmentsForm:total")).replace(",", "")).isEqualTo(String.valueOf(customers));
    }

    /**
     * The change column against the API's counts of this run and the one before (every run of this test succeeds), and
     * the average P(alive) and predicted CLV of the smallest segment against its members as the API lists them.
     */
    private void assertChangesAndAverages(long run, String scheme, JsonArray segments) throws Exception {
        HttpResponse<String> previousResponse = api.get("api/segments?scheme=" + scheme + "&runId=" + (run - 1));
        if (previousResponse.statusCode() == 200) {
            Map<String, Long> previous = new java.util.HashMap<>();
            for (JsonObject s : Json.createReader(new StringReader(previousResponse.body()))
                    .readArray()
                    .getValuesAs(JsonObject.class)) {
                previous.put(s.getString("code"), s.getJsonNumber("customers").longValue());
            }
            for (int i = 0; i < segments.size(); i++) {
                JsonObject s = segments.getJsonObject(i);
                long change = s.getJsonNumber("customers").longValue() - previous.getOrDefault(s.getString("code"), 0L);
                assertThat(Long.parseLong(browser.text(By.id("segmentsForm:segments:" + i + ":change"))
                                .replace(",", "")
                                .replace("+", "")))
                        .as("change of %s since run %d", s.getString("code"), run - 1)
                        .isEqualTo(change);
            }
        }
        if (!List.of("standard", "cn8").contains(scheme)) return; // members are listed by segment code only
        int smallest = -1;
        for (int i = 0; i < segments.size(); i++) {
            long customers =
                    segments.getJsonObject(i).getJsonNumber("customers").longValue();
            if (customers > 0
                    && (smallest < 0
                            || customers
                                    < segments.getJsonObject(smallest)
                                            .getJsonNumber("customers")
                                            .longValue())) {
                smallest = i;
            }
        }
        JsonObject segment = segments.getJsonObject(smallest);
        JsonArray members = object(
                        api.get("api/segments/" + segment.getString("code") + "/customers?size=1000&runId=" + run)
                                .body())
                .getJsonArray("customers");
        assertThat((long) members.size())
                .isEqualTo(segment.getJsonNumber("customers").longValue());
        double pAlive = members.getValuesAs(JsonObject.class).stream()
                .mapToDouble(m -> m.getJsonNumber("pAlive").doubleValue())
                .average()
                .orElseThrow();
        assertThat(Double.parseDouble(browser.text(By.id("segmentsForm:segments:" + smallest + ":avgPAlive"))))
                .as("average P(alive) of %s", segment.getString("code"))
                .isCloseTo(pAlive, within(0.0051));
        assertThat(Double.parseDouble(browser.text(By.id("segmentsForm:segments:" + smallest + ":avgClv"))
                        .replace(",", "")))
                .as("average predicted CLV of %s", segment.getString("code"))
                .isCloseTo(segment.getJsonNumber("avgPredictedClv").doubleValue(), within(0.0051));
    }

    private static double percent(String shown) {
        return Double.parseDouble(shown.replaceAll("[^0-9.]", ""));
    }

    private JsonArray segments(String scheme) throws Exception {
        HttpResponse<String> response = api.get("api/segments?scheme=" + scheme);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private List<String> codes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; ; i++) {
            List<WebElement> link = browser.findElements(By.id("segmentsForm:segments:" + i + ":open"));
            if (link.isEmpty()) return codes;
            String href = link.get(0).getAttribute("href");
            codes.add(href.substring(href.indexOf("segment=") + "segment=".length()));
        }
    }

    private void fillRule(String code, String name, String conditions) {
        for (String[] field :
                List.of(new String[] {"ruleForm:code", code}, new String[] {"ruleForm:nameEn", name}, new String[] {
                    "ruleForm:conditions", conditions
                })) {
            WebElement input = browser.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
    }

    /** The preview counts the page shows: one per rule, then Other. */
    private long[] previewOnPage(int rules) {
        long[] counts = new long[rules + 1];
        for (int i = 0; i < rules; i++) {
            counts[i] = Long.parseLong(browser.text(By.id("rulesForm:rules:" + i + ":previewCount"))
                    .replace(",", ""));
        }
        counts[rules] =
                Long.parseLong(browser.text(By.id("rulesForm:otherCount")).replace(",", ""));
        return counts;
    }

    private static String rule(String code, String conditions) {
        return Json.createObjectBuilder()
                .add("code", code)
                .add("nameEn", code)
                .add("conditions", conditions)
                .build()
                .toString();
    }

    private long[] previewOfApi(List<String> rules) throws Exception {
        HttpResponse<String> response =
                api.postJson("api/segments/custom/rules/preview", "[" + String.join(",", rules) + "]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonArray entries = object(response.body()).getJsonArray("rules");
        return entries.getValuesAs(JsonObject.class).stream()
                .mapToLong(e -> e.getJsonNumber("customers").longValue())
                .toArray();
    }

    private List<List<String>> auditRows() {
        return browser.tableRows("auditForm:audit");
    }

    private static JsonObject object(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private void openSegments() {
        browser.loggedIn(base);
        browser.get(base + "segments.xhtml");
        browser.waitForPage().until(visibilityOfElementLocated(By.id("segmentsForm:segments")));
    }
}
