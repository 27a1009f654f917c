package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
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
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

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

    private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");
    private static final Path SCREENSHOTS = TARGET.resolve("screenshots");
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final LocalDate REFERENCE = LocalDate.of(2025, 1, 1);
    private static final String VIEWER = "runs-viewer";
    private static final String VIEWER_PASSWORD = "runs-viewer-password-2";

    private static final Pattern STARTED = Pattern.compile("Run (\\d+) started as of 2025-01-01\\.");

    private static ChromeDriverService service;
    private static ChromeDriver browser;
    private static Path profile;
    private static long startedRun;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @RegisterExtension
    static final TestWatcher SHOW_FAILURES = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser == null) return;
            String name = "failed-runs-" + context.getRequiredTestMethod().getName();
            try {
                screenshot(name);
                Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource());
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    };

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory(TARGET, "chromium-profile-runs-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .withLogFile(TARGET.resolve("chromedriver-runs.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1000",
                "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) browser.quit();
        if (service != null) service.stop();
        if (profile != null && Files.exists(profile)) {
            try (var paths = Files.walk(profile)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        // best effort: a Chromium helper may still write there; target/ is wiped anyway
                    }
                }
            }
        }
    }

    @BeforeEach
    void client() {
        api = new ApiClient(base);
    }

    @AfterEach
    void noContentSecurityPolicyViolation() {
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(violations).isEmpty();
    }

    @Test
    @Order(1)
    void theAdminStartsARunFromThePageWatchesItFinishAndFindsItInTheHistory() throws Exception {
        HttpResponse<String> imported = api.postCsv("api/imports?fileName=runs-page.csv", orders());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        logIn("admin", ApiClient.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-runs")).click();
        wait(PAGE_TIMEOUT).until(textToBe(By.cssSelector("main h1"), "Scoring runs"));
        assertThat(browser.findElements(By.id("runsForm:runNow"))).hasSize(1);

        browser.findElement(By.id("runsForm:referenceDate_input")).sendKeys(REFERENCE.toString());
        startedRun = startRunFromThePage();

        // followed live until its end: the page announces it and shows it first in the history
        wait(RUN_TIMEOUT)
                .withMessage("the page announces the end of run " + startedRun)
                .until(d -> growls().stream().anyMatch(g -> g.startsWith("Run " + startedRun + " finished.")));
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
        screenshot("runs");
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
        logIn(VIEWER, VIEWER_PASSWORD);
        assertThat(browser.findElements(By.id("nav-runs"))).hasSize(1);
        browser.findElement(By.id("nav-runs")).click();
        wait(PAGE_TIMEOUT).until(textToBe(By.cssSelector("main h1"), "Scoring runs"));
        assertThat(historyRow(startedRun).get(1)).startsWith("Succeeded");
        assertThat(browser.findElements(By.id("runsForm:runNow"))).isEmpty();
        assertThat(browser.findElements(By.id("runsForm:referenceDate_input"))).isEmpty();
        assertThat(browser.findElements(By.id("runsForm:cancel"))).isEmpty();
        // in Chinese too
        browser.findElement(By.id("topbar:chinese")).click();
        wait(PAGE_TIMEOUT).until(textToBe(By.cssSelector("main h1"), "评分运行"));
        assertThat(browser.findElement(By.id("nav-runs")).getText()).isEqualTo("评分运行");
        assertThat(historyRow(startedRun).get(1)).startsWith("成功");
        screenshot("runs-viewer-zh");
        browser.findElement(By.id("topbar:english")).click();
        wait(PAGE_TIMEOUT).until(textToBe(By.cssSelector("main h1"), "Scoring runs"));

        // and the API refuses her as well
        assertThat(api.send("POST", "api/runs", VIEWER, VIEWER_PASSWORD, "application/json", "{}")
                        .statusCode())
                .isEqualTo(403);
        screenshot("runs-viewer");
    }

    /**
     * Clicks "run now" until the page says the run started (the timer's runs may be in progress: the page then says
     * so, and the test waits for that run to end); the started run's id.
     */
    private long startRunFromThePage() {
        for (int attempt = 0; attempt < 10; attempt++) {
            // messages of earlier attempts or of the poll must not count as the answer to this click
            wait(PAGE_TIMEOUT).until(d -> ajaxIdle());
            browser.executeScript(
                    "document.querySelectorAll('.ui-growl-item-container').forEach(function (e) { e.remove(); })");
            browser.findElement(By.id("runsForm:runNow")).click();
            String said = wait(PAGE_TIMEOUT).until(d -> growls().stream()
                    .filter(g -> STARTED.matcher(g).find() || g.startsWith("A run is in progress (run "))
                    .findFirst()
                    .orElse(null));
            Matcher started = STARTED.matcher(said);
            if (started.find()) return Long.parseLong(started.group(1));
            assertThat(said).startsWith("A run is in progress (run ");
            wait(RUN_TIMEOUT).until(visibilityOfElementLocated(By.id("runsForm:noneActive")));
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

    private void logIn(String user, String password) {
        browser.get(base + "login.xhtml");
        wait(PAGE_TIMEOUT).until(visibilityOfElementLocated(By.id("login:username")));
        browser.findElement(By.id("login:username")).sendKeys(user);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
        wait(PAGE_TIMEOUT).until(visibilityOfElementLocated(By.id("topbar:logout")));
    }

    private static boolean ajaxIdle() {
        return Boolean.TRUE.equals(
                browser.executeScript("return !window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty()"));
    }

    private List<String> growls() {
        return browser.findElements(By.cssSelector(".ui-growl-title")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private List<List<String>> historyRows() {
        return browser
                .findElements(By.cssSelector("[id='runsForm:history_data'] > tr:not(.ui-datatable-empty-message)"))
                .stream()
                .map(row -> row.findElements(By.tagName("td")).stream()
                        .map(WebElement::getText)
                        .map(String::strip)
                        .toList())
                .toList();
    }

    private List<Long> historyIds() {
        return historyRows().stream().map(r -> Long.parseLong(r.get(0))).toList();
    }

    private List<String> historyRow(long runId) {
        return wait(PAGE_TIMEOUT)
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

    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
