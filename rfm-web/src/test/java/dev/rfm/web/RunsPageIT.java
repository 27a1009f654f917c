package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The Runs page in headless Chromium against the real WAR on an empty database (no demo data): a small file imported
 * through the API, a run started from the page with a reference date and followed until it ends, its row in the
 * history equal to {@code /api/runs} and {@code /api/model}; a VIEWER sees the history without run or cancel buttons.
 * The test servers' timer starts a run every 30 s, so "run now" may meet one in progress ("a run is in progress"):
 * the page then says so, and the test tries again once that run has ended.
 */
@ExtendWith(DashboardIT.ChromiumInstalled.class)
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunsPageIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final LocalDate REFERENCE = LocalDate.of(2025, 1, 1);
    private static final String VIEWER = "runs-viewer";
    private static final String VIEWER_PASSWORD = "runs-viewer-password-2";

    private static final Pattern STARTED = Pattern.compile("Run (\\d+) started as of 2025-01-01\\.");

    private static long startedRun;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @RegisterExtension
    static final Browser browser = new Browser("runs");

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(base);
    }

    @Test
    @Order(1)
    void theAdminStartsARunFromThePageWatchesItFinishAndFindsItInTheHistory() throws Exception {
        HttpResponse<String> imported = api.postCsv("api/imports?fileName=runs-page.csv", orders());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        browser.logIn(base, "admin", ApiClient.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-runs")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Scoring runs"));
        assertThat(browser.findElements(By.id("runsForm:runNow"))).hasSize(1);

        browser.findElement(By.id("runsForm:referenceDate_input")).sendKeys(REFERENCE.toString());
        startedRun = startRunFromThePage();

        // followed live until its end: the page announces it and shows it first in the history
        browser.waitUpTo(RUN_TIMEOUT)
                .withMessage("the page announces the end of run " + startedRun)
                .until(d -> browser.growls().stream().anyMatch(g -> g.startsWith("Run " + startedRun + " finished.")));
        JsonObject run = object(api.get("api/runs/" + startedRun));
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("referenceDate")).isEqualTo(REFERENCE.toString());
        assertThat(run.getString("trigger")).isEqualTo("MANUAL");
        assertThat(run.getString("startedBy")).isEqualTo("admin");

        List<String> row = historyRow(startedRun);
        assertThat(row.get(1)).startsWith("Succeeded");
        assertThat(row.get(2)).startsWith("Manual").contains("admin");
        assertThat(row.get(3)).isEqualTo("2025-01-01");
        assertThat(row.get(4))
                .isEqualTo(LocalDateTime.parse(run.getString("startedAt"))
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        assertThat(row.get(6))
                .isEqualTo(NumberFormat.getIntegerInstance(Locale.US)
                        .format(run.getJsonNumber("customersScored").longValue()));
        assertThat(run.getJsonNumber("customersScored").longValue()).isEqualTo(40);
        assertThat(row.get(7)).isEqualTo(run.getString("server", ""));

        JsonObject model = object(api.get("api/model?runId=" + startedRun));
        assertThat(row.get(8))
                .startsWith(
                        switch (model.getString("status")) {
                            case "FITTED" -> "Fitted";
                            case "FAILED" -> "Fit failed";
                            default -> "Skipped";
                        });
        JsonObject bgnbd = model.getJsonObject("bgnbd");
        if (!bgnbd.isNull("converged")) {
            assertThat(row.get(8))
                    .contains("BG/NBD " + (bgnbd.getBoolean("converged") ? "converged" : "not converged"));
        }
        if (!bgnbd.isNull("logLikelihood")) {
            assertThat(row.get(10))
                    .isEqualTo(rounded(bgnbd.getJsonNumber("logLikelihood").doubleValue(), 2));
            assertThat(row.get(9))
                    .startsWith("r " + rounded(bgnbd.getJsonNumber("r").doubleValue(), 3));
        }

        // newest first, as GET /api/runs lists them (asked after the page: the timer may have started one since)
        List<Long> pageIds = historyIds();
        JsonArray recent = Json.createReader(
                        new StringReader(api.get("api/runs?limit=20").body()))
                .readArray();
        List<Long> apiIds = new ArrayList<>();
        for (JsonObject r : recent.getValuesAs(JsonObject.class))
            apiIds.add(r.getJsonNumber("id").longValue());
        assertThat(pageIds).contains(startedRun).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(apiIds).containsSequence(pageIds);
        browser.screenshot("runs");
    }

    @Test
    @Order(2)
    void aViewerReadsTheHistoryButSeesNoRunOrCancelButtons() throws Exception {
        HttpResponse<String> created = api.postJson(
                "api/users",
                "{\"username\":\"" + VIEWER + "\",\"password\":\"runs-viewer-password-1\",\"role\":\"VIEWER\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // a password given by the admin must be changed first: she does so through the API
        HttpResponse<String> changed = api.send(
                "PUT",
                "api/users/me/password",
                VIEWER,
                "runs-viewer-password-1",
                "application/json",
                "{\"currentPassword\":\"runs-viewer-password-1\",\"newPassword\":\"" + VIEWER_PASSWORD + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        browser.findElement(By.id("topbar:logout")).click();
        browser.logIn(base, VIEWER, VIEWER_PASSWORD);
        assertThat(browser.findElements(By.id("nav-runs"))).hasSize(1);
        browser.findElement(By.id("nav-runs")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Scoring runs"));
        assertThat(historyRow(startedRun).get(1)).startsWith("Succeeded");
        assertThat(browser.findElements(By.id("runsForm:runNow"))).isEmpty();
        assertThat(browser.findElements(By.id("runsForm:referenceDate_input"))).isEmpty();
        assertThat(browser.findElements(By.id("runsForm:cancel"))).isEmpty();
        // in Chinese too
        browser.findElement(By.id("topbar:chinese")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "评分运行"));
        assertThat(browser.text(By.id("nav-runs"))).isEqualTo("评分运行");
        assertThat(historyRow(startedRun).get(1)).startsWith("成功");
        browser.screenshot("runs-viewer-zh");
        browser.findElement(By.id("topbar:english")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Scoring runs"));

        // and the API refuses her as well
        assertThat(api.send("POST", "api/runs", VIEWER, VIEWER_PASSWORD, "application/json", "{}")
                        .statusCode())
                .isEqualTo(403);
        browser.screenshot("runs-viewer");
    }

    /**
     * Clicks "run now" until the page says the run started (the timer's runs may be in progress: the page then says
     * so, and the test waits for that run to end); the started run's id.
     */
    private long startRunFromThePage() {
        for (int attempt = 0; attempt < 10; attempt++) {
            // messages of earlier attempts or of the poll must not count as the answer to this click
            browser.waitForPage().until(d -> browser.ajaxIdle());
            browser.executeScript(
                    "document.querySelectorAll('.ui-growl-item-container').forEach(function (e) { e.remove(); })");
            browser.findElement(By.id("runsForm:runNow")).click();
            String said = browser.waitForPage().until(d -> browser.growls().stream()
                    .filter(g -> STARTED.matcher(g).find() || g.startsWith("A run is in progress (run "))
                    .findFirst()
                    .orElse(null));
            Matcher started = STARTED.matcher(said);
            if (started.find()) return Long.parseLong(started.group(1));
            assertThat(said).startsWith("A run is in progress (run ");
            browser.waitUpTo(RUN_TIMEOUT).until(visibilityOfElementLocated(By.id("runsForm:noneActive")));
            browser.findElement(By.id("runsForm:referenceDate_input")).clear();
            browser.findElement(By.id("runsForm:referenceDate_input")).sendKeys(REFERENCE.toString());
        }
        throw new AssertionError("no run could be started from the page in 10 attempts");
    }

    /** 40 customers with 1 to 5 orders each in 2024. */
    private static String orders() {
        StringBuilder csv = new StringBuilder("order_id,customer_id,order_date,amount\n");
        int order = 0;
        for (int c = 1; c <= 40; c++) {
            int count = 1 + c % 5;
            for (int i = 0; i < count; i++) {
                LocalDate date = LocalDate.of(2024, 1, 1).plusDays((c * 7L + i * 53L) % 360);
                csv.append("RP-")
                        .append(++order)
                        .append(",RPC-")
                        .append(c)
                        .append(',')
                        .append(date)
                        .append(',')
                        .append(10 + (c * 13 + i * 7) % 90)
                        .append(".50\n");
            }
        }
        return csv.toString();
    }

    /** As the page's number converter shows it in English. */
    private static String rounded(double value, int digits) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMaximumFractionDigits(digits);
        return format.format(value);
    }

    private List<List<String>> historyRows() {
        return browser.tableRows("runsForm:history");
    }

    private List<Long> historyIds() {
        return historyRows().stream().map(r -> Long.parseLong(r.get(0))).toList();
    }

    private List<String> historyRow(long runId) {
        return browser.waitForPage()
                .withMessage("run " + runId + " in the history")
                .until(d -> historyRows().stream()
                        .filter(r -> r.get(0).equals(Long.toString(runId)))
                        .findFirst()
                        .orElse(null));
    }

    private static JsonObject object(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
