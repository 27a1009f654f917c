package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser: headless Chromium driven by Selenium against the real WAR on Payara Micro (empty
 * H2 database, no demo data). Login and its failure, the overview against the REST API, both languages, the import
 * page (progress bar, summary, rejected rows, duplicates, broken files, history, the CDNOW log), logout and a
 * keyboard-only login. Screenshots of the main pages go to {@code target/screenshots/}.
 *
 * <p>One class, one server boot: the methods run in order against one database, each logging in when it needs to.
 * Needs Debian's {@code chromium} and {@code chromium-driver}; without them the class is skipped, unless {@code CI}
 * is set, then it fails.
 */
@ExtendWith(DashboardIT.ChromiumInstalled.class)
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);

    private static final By USERNAME = By.id("login:username");
    private static final By PASSWORD = By.id("login:password");
    private static final By SUBMIT = By.id("login:submit");
    private static final By HEADING = By.cssSelector("main h1");

    /** Six data lines: line 5 has a bad date, line 6 a bad amount; lines 2 and 3 are item lines of one order. */
    private static final String SMALL_FILE = "order_id,customer_id,order_date,amount,quantity,channel\n"
            + "WEB-1,WEB-C1,2024-01-05,10.50,1,web\n"
            + "WEB-1,WEB-C1,2024-01-05,4.50,2,web\n"
            + "WEB-2,WEB-C2,2024-02-01,99.99,,store\n"
            + "WEB-3,WEB-C2,31.12.2024,5.00,,\n"
            + "WEB-4,WEB-C3,2024-03-01,twelve,,\n"
            + "WEB-5,WEB-C3,2024-03-02,25.00,1,web\n";

    private static Path uploads;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @RegisterExtension
    static final Browser browser = new Browser("dashboard").withDownloads();

    @ArquillianResource
    URL base;

    ApiClient api;

    private static boolean browserInstalled() {
        return Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER);
    }

    /**
     * Skips the class where Chromium is not installed, but fails it when {@code CI} is set: CI must run it ({@code
     * .ci/run} installs the packages). Registered first, so neither decision costs a server boot.
     */
    static final class ChromiumInstalled implements ExecutionCondition, BeforeAllCallback {

        private static final String MISSING = Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
                + " is missing (Debian packages chromium and chromium-driver; .ci/run installs them)";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (browserInstalled()) {
                return ConditionEvaluationResult.enabled("Chromium is installed");
            }
            return System.getenv("CI") == null
                    ? ConditionEvaluationResult.disabled(MISSING)
                    : ConditionEvaluationResult.enabled("CI is set: the browser tests must run");
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            if (!browserInstalled()) {
                throw new IllegalStateException("CI is set, but " + MISSING);
            }
        }
    }

    @BeforeAll
    static void uploadsFolder() throws IOException {
        uploads = browser.folder("browser-uploads");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(base);
    }

    // ---- login -------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aVisitorWithoutASessionIsSentToTheLoginForm() throws IOException {
        browser.get(base.toString());
        browser.waitForPage().until(urlContains("/login.xhtml?continue="));
        assertThat(browser.getTitle()).isEqualTo("Log in · RFM customer value");
        assertThat(browser.findElement(USERNAME).isDisplayed()).isTrue();
        assertThat(browser.findElement(PASSWORD).getAttribute("type")).isEqualTo("password");
        browser.wholePageScreenshot("login");
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefusedWithAMessage() {
        openLoginForm();
        browser.findElement(USERNAME).sendKeys("admin");
        browser.findElement(PASSWORD).sendKeys("not-the-password");
        browser.findElement(SUBMIT).click();

        WebElement error = browser.waitForPage()
                .until(visibilityOfElementLocated(By.cssSelector("[id='login:messages'] .ui-messages-error")));
        assertThat(error.getText()).contains("User name or password is wrong.");
        assertThat(browser.getCurrentUrl()).contains("/login.xhtml");
        assertThat(browser.findElement(PASSWORD).getAttribute("value")).isEmpty();

        browser.get(base.toString());
        browser.waitForPage().until(urlContains("/login.xhtml?continue="));
    }

    @Test
    @Order(3)
    void theAdminLandsOnTheOverviewWhoseCountsAreTheApis() throws Exception {
        openLoginForm();
        browser.findElement(USERNAME).sendKeys("admin");
        browser.findElement(PASSWORD).sendKeys(ApiClient.ADMIN_PASSWORD);
        browser.findElement(SUBMIT).click();

        browser.waitForPage().until(textToBe(HEADING, "Overview"));
        assertThat(browser.getCurrentUrl()).doesNotContain("login");
        assertThat(browser.text(By.cssSelector(".rfm-user"))).isEqualTo("admin");

        Totals totals = apiTotals();
        assertThat(totals).as("a fresh database: nothing imported yet").isEqualTo(new Totals(0, 0));
        assertThat(overviewTotals()).isEqualTo(totals);
        WebElement empty = browser.findElement(By.cssSelector(".rfm-empty"));
        assertThat(empty.getText()).contains("No data yet.");
        assertThat(empty.findElement(By.linkText("Import transactions")).getAttribute("href"))
                .endsWith("/import.xhtml");
    }

    // ---- import --------------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void theCdnowLogImportedThroughThePageFillsTheOverview() throws Exception {
        SharedData.assumeCdnow(SharedData.LOG);
        Path cdnow = SharedData.cdnow(SharedData.LOG);
        browser.loggedIn(base);
        openImportPage();

        uploadAndAwait(cdnow);

        assertThat(browser.text(By.id("jobFile"))).isEqualTo("cdnow_orders.csv");
        assertThat(browser.text(By.id("importForm:rowsRead"))).isEqualTo("69,659");
        assertThat(browser.text(By.id("importForm:rowsImported"))).isEqualTo("69,659");
        assertThat(browser.text(By.id("importForm:customersCreated"))).isEqualTo("23,570");
        assertThat(summary()).isEqualTo(new Summary(69_659, 69_659, 0, 0, 69_659, 23_570));
        assertThat(browser.findElements(By.id("importForm:errors"))).isEmpty();
        browser.wholePageScreenshot("import-cdnow");

        openOverview();
        assertThat(browser.text(By.id("customerCount"))).isEqualTo("23,570");
        assertThat(browser.text(By.id("orderCount"))).isEqualTo("69,659");
        assertThat(overviewTotals()).isEqualTo(apiTotals());
    }

    @Test
    @Order(5)
    void anUploadKeepsGoodRowsNamesBadOnesSkipsDuplicatesAndRefusesBrokenFiles() throws Exception {
        browser.loggedIn(base);
        Totals before = apiTotals();
        openImportPage();
        Path small = write("small-orders.csv", SMALL_FILE);

        uploadAndAwait(small);
        WebElement bar = browser.findElement(By.id("importForm:bar"));
        assertThat(bar.getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(bar.getText()).isEqualTo("100%");
        assertThat(browser.text(By.id("phase"))).isEqualTo("Import finished");
        assertThat(summary()).isEqualTo(new Summary(6, 4, 0, 2, 3, 3));
        assertThat(browser.tableRows("importForm:errors"))
                .map(row -> row.subList(0, 2))
                .containsExactly(List.of("5", "order_date"), List.of("6", "amount"));
        assertThat(browser.tableRows("importForm:errors"))
                .allSatisfy(row -> assertThat(row.get(2)).isNotBlank());
        String download =
                browser.findElement(By.id("importForm:downloadErrors")).getAttribute("href");
        assertThat(download).endsWith("/rejections.csv");
        HttpResponse<String> csv = getWithBrowserSession(download);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(3).first().isEqualTo("line,column,message");
        assertThat(csv.body().lines().skip(1))
                .satisfiesExactly(l -> assertThat(l).startsWith("5,order_date,"), l -> assertThat(l)
                        .startsWith("6,amount,"));
        browser.wholePageScreenshot("import-summary");

        uploadAndAwait(small);
        assertThat(summary()).as("the same file again").isEqualTo(new Summary(6, 0, 4, 2, 0, 0));

        uploadAndAwait(write("no-order-columns.csv", "customer_id,order_date\nX-1,2024-01-01\n"));
        assertThat(browser.text(By.id("phase"))).isEqualTo("Import failed");
        String missingColumns = "The header (line 1) lacks the required columns order_id, amount";
        assertThat(browser.text(By.id("failureMessage"))).isEqualTo(missingColumns);
        assertThat(browser.findElements(By.id("importForm:summary"))).isEmpty();
        assertThat(newestGrowl()).containsExactly("Import failed", missingColumns);

        uploadAndAwait(write("empty.csv", ""));
        assertThat(browser.text(By.id("phase"))).isEqualTo("Import failed");
        String emptyFile = "The file is empty: expected a header row and order lines";
        assertThat(browser.text(By.id("failureMessage"))).isEqualTo(emptyFile);
        assertThat(newestGrowl()).containsExactly("Import failed", emptyFile);
        browser.wholePageScreenshot("import-failed");

        assertThat(browser.tableRows("importForm:history"))
                .map(row -> row.subList(1, 7))
                .startsWith(
                        List.of("empty.csv", "Failed", "0", "0", "0", "0"),
                        List.of("no-order-columns.csv", "Failed", "0", "0", "0", "0"),
                        List.of("small-orders.csv", "Succeeded", "6", "0", "4", "2"),
                        List.of("small-orders.csv", "Succeeded", "6", "4", "0", "2"));

        Totals after = apiTotals();
        assertThat(after).isEqualTo(new Totals(before.customers() + 3, before.orders() + 3));
        openOverview();
        assertThat(overviewTotals()).isEqualTo(after);
    }

    // ---- language ------------------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void theDashboardSwitchesToChineseAndBack() throws IOException {
        browser.loggedIn(base);
        openOverview();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(pageScrolls()).as("the overview fits the window's width").isFalse();
        browser.wholePageScreenshot("overview-en");

        browser.findElement(By.id("topbar:chinese")).click();
        browser.waitForPage().until(textToBe(By.id("nav-overview"), "概览"));
        assertThat(browser.text(By.id("nav-import"))).isEqualTo("导入");
        assertThat(browser.text(By.id("nav-users"))).isEqualTo("用户");
        assertThat(browser.text(By.id("nav-password"))).isEqualTo("修改密码");
        assertThat(browser.text(HEADING)).isEqualTo("概览");
        assertThat(browser.getTitle()).isEqualTo("概览 · RFM 客户价值");
        assertThat(browser.findElements(By.cssSelector(".rfm-kpi-label")))
                .extracting(WebElement::getText)
                .startsWith("客户数", "订单数", "净收入");
        assertThat(browser.text(By.id("topbar:logout"))).isEqualTo("退出");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                .as("Chromium picks Chinese glyphs by the page language")
                .isEqualTo("zh-CN");
        assertThat(browser.getPageSource()).doesNotContain("???");
        assertThat(pageScrolls())
                .as("the overview fits the window's width in Chinese too")
                .isFalse();
        browser.wholePageScreenshot("overview-zh");

        browser.findElement(By.id("nav-import")).click();
        browser.waitForPage().until(textToBe(HEADING, "导入交易数据"));
        assertThat(browser.findElements(By.cssSelector("[id='importForm:history'] th")))
                .extracting(WebElement::getText)
                .startsWith("开始时间", "文件", "状态");
        assertThat(browser.tableRows("importForm:history"))
                .map(row -> row.get(2))
                .contains("成功", "失败");
        browser.wholePageScreenshot("import-zh");

        // remembered with the user: a new session (an English-speaking browser) opens in Chinese after signing in
        browser.findElement(By.id("topbar:logout")).click();
        browser.waitForPage().until(visibilityOfElementLocated(USERNAME));
        browser.manage().deleteAllCookies();
        browser.loggedIn(base);
        browser.waitForPage().until(textToBe(By.id("nav-overview"), "概览"));
        browser.findElement(By.id("nav-import")).click();
        browser.waitForPage().until(textToBe(HEADING, "导入交易数据"));

        browser.findElement(By.id("topbar:english")).click();
        browser.waitForPage().until(textToBe(HEADING, "Import transactions"));
        assertThat(browser.text(By.id("nav-overview"))).isEqualTo("Overview");
        assertThat(browser.text(By.id("nav-import"))).isEqualTo("Import");
    }

    // ---- logout and keyboard ---------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void loggingOutEndsTheSession() {
        browser.loggedIn(base);
        browser.findElement(By.id("topbar:logout")).click();
        browser.waitForPage().until(urlContains("/login.xhtml"));
        assertThat(browser.findElement(USERNAME).isDisplayed()).isTrue();

        browser.get(base.toString());
        browser.waitForPage().until(urlContains("/login.xhtml?continue="));
        browser.get(base + "import.xhtml");
        browser.waitForPage().until(urlContains("/login.xhtml?continue="));
    }

    @Test
    @Order(8)
    void theLoginFormWorksWithTheKeyboardAlone() {
        browser.manage().deleteAllCookies();
        browser.get(base + "import.xhtml");
        browser.waitForPage().until(urlContains("/login.xhtml?continue="));
        browser.waitForPage().until(visibilityOfElementLocated(USERNAME));

        Actions keyboard = new Actions(browser.driver());
        keyboard.sendKeys(Keys.TAB).perform();
        assertThat(focusedId()).isEqualTo("login:username");
        keyboard.sendKeys("admin").sendKeys(Keys.TAB).perform();
        assertThat(focusedId()).isEqualTo("login:password");
        keyboard.sendKeys(ApiClient.ADMIN_PASSWORD).sendKeys(Keys.ENTER).perform();

        // back where the visitor was headed
        browser.waitForPage().until(textToBe(HEADING, "Import transactions"));
        assertThat(browser.getCurrentUrl()).endsWith("/import.xhtml");
    }

    // ---- users and passwords ---------------------------------------------------------------------------------------

    private static final String VIEWER = "vera";
    private static final String GIVEN_PASSWORD = "given-password-1";
    private static final String OWN_PASSWORD = "vera-own-password-1";

    @Test
    @Order(9)
    void theAdminAddsAViewerWhoMustChooseHerOwnPasswordAtTheFirstSignIn() throws IOException {
        browser.loggedIn(base);
        browser.findElement(By.id("nav-users")).click();
        browser.waitForPage().until(textToBe(HEADING, "Users"));
        assertThat(browser.findElement(By.id("addForm:mustChange")).isSelected())
                .as("must change at the first sign-in: checked by default")
                .isTrue();
        assertThat(browser.tableRows("usersForm:users"))
                .map(row -> row.subList(0, 4))
                .containsExactly(List.of("admin", "Administrator", "Yes", "No"));

        browser.findElement(By.id("addForm:name")).sendKeys(VIEWER);
        new Select(browser.findElement(By.id("addForm:role"))).selectByVisibleText("Viewer");
        browser.findElement(By.id("addForm:password")).sendKeys("short");
        browser.findElement(By.id("addForm:add")).click();
        assertThat(messageOf("addForm:password")).contains("at least 12 characters");
        assertThat(browser.findElements(By.id("addForm:nameMessage")))
                .allSatisfy(m -> assertThat(m.getText()).isEmpty());

        // the keyboard alone: the name and role are still there, Enter in the password field adds
        browser.findElement(By.id("addForm:password")).sendKeys(GIVEN_PASSWORD, Keys.ENTER);
        browser.waitForPage().until(d -> browser.tableRows("usersForm:users").size() == 2);
        assertThat(row(VIEWER).subList(0, 4)).containsExactly(VIEWER, "Viewer", "Yes", "Yes");
        assertThat(row(VIEWER).get(4)).as("created").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
        assertThat(row(VIEWER).get(5)).as("never signed in").isEqualTo("—");
        assertThat(newestGrowl()).first().isEqualTo("User vera added.");
        assertThat(browser.findElement(By.id("addForm:name")).getAttribute("value"))
                .isEmpty();
        browser.wholePageScreenshot("users");

        browser.findElement(By.id("topbar:logout")).click();
        browser.waitForPage().until(urlContains("/login.xhtml"));
    }

    @Test
    @Order(10)
    void theNewViewerSeesOnlyThePasswordPageUntilSheChangesItThenNoImport() throws IOException {
        openLoginForm();
        browser.findElement(USERNAME).sendKeys(VIEWER);
        browser.findElement(PASSWORD).sendKeys(GIVEN_PASSWORD);
        browser.findElement(SUBMIT).click();
        browser.waitForPage().until(textToBe(HEADING, "Change password"));
        assertThat(browser.getCurrentUrl()).endsWith("/password.xhtml");
        assertThat(browser.text(By.id("passwordForm:mustChange"))).contains("Choose your own password to continue.");

        browser.get(base + "index.xhtml");
        browser.waitForPage().until(urlContains("/password.xhtml"));
        assertThat(browser.text(HEADING)).isEqualTo("Change password");
        assertThat(browser.findElements(By.id("customerCount"))).isEmpty();

        changePassword("not-my-password", OWN_PASSWORD, OWN_PASSWORD);
        assertThat(messageOf("passwordForm:current")).isEqualTo("The current password is wrong.");
        changePassword(GIVEN_PASSWORD, OWN_PASSWORD, "something-else-1");
        assertThat(messageOf("passwordForm:repeat")).isEqualTo("The two new passwords differ.");
        browser.wholePageScreenshot("password-must-change");

        changePassword(GIVEN_PASSWORD, OWN_PASSWORD, OWN_PASSWORD);
        browser.waitForPage().until(textToBe(HEADING, "Overview"));
        assertThat(browser.text(By.cssSelector(".rfm-user"))).isEqualTo(VIEWER);
        assertThat(newestGrowl()).first().isEqualTo("Your password was changed.");
        assertThat(browser.findElements(By.id("nav-import")))
                .as("no Import link for a VIEWER")
                .isEmpty();
        assertThat(browser.findElements(By.id("nav-users"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-password"))).hasSize(1);

        browser.get(base + "import.xhtml");
        browser.waitForPage().until(d -> d.getPageSource().contains("You do not have permission for this page."));
        assertThat(browser.findElements(By.id("importForm:history"))).isEmpty();
        browser.get(base + "users.xhtml");
        browser.waitForPage().until(d -> d.getPageSource().contains("You do not have permission for this page."));
        browser.wholePageScreenshot("viewer-forbidden");

        browser.get(base + "index.xhtml");
        browser.waitForPage()
                .until(visibilityOfElementLocated(By.id("topbar:logout")))
                .click();
        browser.waitForPage().until(urlContains("/login.xhtml"));
    }

    @Test
    @Order(11)
    void theAdminResetsThePasswordAndDisablesTheViewerInTheEditDialog() {
        browser.loggedIn(base);
        browser.get(base + "users.xhtml");
        browser.waitForPage().until(textToBe(HEADING, "Users"));
        assertThat(row(VIEWER).get(3)).as("she chose her own").isEqualTo("No");
        assertThat(row(VIEWER).get(5)).as("she signed in").isNotEqualTo("—");

        editButton(VIEWER).click();
        browser.waitForPage().until(textToBe(By.id("editName"), VIEWER));
        browser.findElement(By.id("resetForm:password")).sendKeys("reset-password-1", Keys.ENTER);
        browser.waitForPage().until(d -> row(VIEWER).get(3).equals("Yes"));
        browser.waitForPage().until(d -> !d.findElement(By.id("editDialog")).isDisplayed());

        editButton(VIEWER).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("accessForm:enabled")));
        assertThat(new Select(browser.findElement(By.id("accessForm:role")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Viewer");
        browser.findElement(By.id("accessForm:enabled")).click();
        browser.findElement(By.id("accessForm:save")).click();
        browser.waitForPage().until(d -> row(VIEWER).get(2).equals("No"));

        // the last enabled ADMIN stays one: the refusal shows in the dialog, which stays open
        editButton("admin").click();
        browser.waitForPage().until(textToBe(By.id("editName"), "admin"));
        new Select(browser.findElement(By.id("accessForm:role"))).selectByVisibleText("Analyst");
        browser.findElement(By.id("accessForm:save")).click();
        assertThat(messageOf("accessForm:role")).contains("last enabled ADMIN");
        assertThat(browser.findElement(By.id("editDialog")).isDisplayed()).isTrue();
        browser.findElement(By.id("accessForm:role")).sendKeys(Keys.ESCAPE);
        browser.waitForPage().until(d -> !d.findElement(By.id("editDialog")).isDisplayed());
        assertThat(row("admin").get(1)).isEqualTo("Administrator");
    }

    private void changePassword(String current, String newPassword, String repeat) {
        for (String[] field : List.of(
                new String[] {"passwordForm:current", current},
                new String[] {"passwordForm:newPassword", newPassword},
                new String[] {"passwordForm:repeat", repeat})) {
            WebElement input = browser.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        browser.findElement(By.id("passwordForm:change")).click();
    }

    /** The message shown next to a field, once the answer has put one there. */
    private String messageOf(String fieldId) {
        By message = By.id(fieldId + "Message");
        return browser.waitForPage()
                .withMessage("a message next to " + fieldId)
                .until(d -> d.findElements(message).stream()
                        .map(WebElement::getText)
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .findFirst()
                        .orElse(null));
    }

    /** The cells of one user's row on the Users page. */
    private List<String> row(String username) {
        return browser.tableRows("usersForm:users").stream()
                .filter(r -> r.get(0).equals(username))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + username));
    }

    private WebElement editButton(String username) {
        return browser.findElements(By.cssSelector("[id='usersForm:users_data'] > tr")).stream()
                .filter(r -> r.findElement(By.tagName("td")).getText().strip().equals(username))
                .findFirst()
                .orElseThrow()
                .findElement(By.cssSelector("button[id$=':edit']"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The six numbers of an import summary. */
    record Summary(
            long rowsRead,
            long rowsImported,
            long rowsDuplicate,
            long rowsRejected,
            long ordersCreated,
            long customersCreated) {}

    /** Customers and orders in the database. */
    record Totals(long customers, long orders) {}

    private void openLoginForm() {
        browser.get(base + "login.xhtml");
        browser.waitForPage().until(visibilityOfElementLocated(USERNAME));
    }

    /**
     * The overview of the current run (the CDNOW log, scored twice through the API so that there is a run before):
     * its numbers are the API's, the segment shares add up to 100 %, the R × F grid holds every scored customer, and
     * the migration matrix accounts for every customer of the run.
     */
    @Test
    @Order(12)
    void theOverviewOfTheCurrentRunAgreesWithTheApi() throws Exception {
        SharedData.assumeCdnow(SharedData.LOG); // builds on the log imported in test 4
        for (String reference : List.of("1997-10-01", "1998-01-01")) {
            HttpResponse<String> started = api.postJson("api/runs", "{\"referenceDate\":\"" + reference + "\"}");
            long runId;
            if (started.statusCode() == 409) { // the timer's run is working: wait for it, then start ours
                api.awaitRunFinished(Json.createReader(new StringReader(started.body()))
                        .readObject()
                        .getJsonNumber("runId")
                        .longValue());
                started = api.postJson("api/runs", "{\"referenceDate\":\"" + reference + "\"}");
            }
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            runId = Json.createReader(new StringReader(started.body()))
                    .readObject()
                    .getJsonNumber("runId")
                    .longValue();
            assertThat(api.awaitRunFinished(runId).getString("status")).isEqualTo("SUCCEEDED");
        }
        browser.loggedIn(base);
        openOverview();
        String heading = browser.text(By.cssSelector("h2.rfm-section"));
        long runId = Long.parseLong(heading.substring(heading.lastIndexOf(' ') + 1));
        jakarta.json.JsonObject run = Json.createReader(
                        new StringReader(api.get("api/runs/" + runId).body()))
                .readObject();
        long scored = run.getJsonNumber("customersScored").longValue();
        assertThat(browser.number(By.id("kpiScored"))).isEqualTo(scored);
        assertThat(browser.text(By.id("kpiRepeat"))).endsWith("%");

        List<WebElement> shareCells = browser.findElements(By.cssSelector("#distribution tr td:nth-child(2)"));
        assertThat(shareCells).hasSize(11);
        double shares = shareCells.stream()
                .mapToDouble(c -> Double.parseDouble(
                        c.getText().replace("%", "").replace(",", "").strip()))
                .sum();
        assertThat(shares).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.6));

        long grid = browser.findElements(By.cssSelector("#heatmap .rfm-heat-count")).stream()
                .mapToLong(c -> Long.parseLong(c.getText().strip()))
                .sum();
        assertThat(grid).as("every scored customer is in one R x F cell").isEqualTo(scored);

        long moved = browser.findElements(By.cssSelector("#migrations td")).stream()
                .mapToLong(c -> Long.parseLong(c.getText().strip()))
                .sum();
        assertThat(moved).as("every customer of the run came from somewhere").isEqualTo(scored);
        assertThat(pageScrolls()).isFalse();
        browser.wholePageScreenshot("overview-run");
    }

    /**
     * A heatmap cell and a migration cell open exactly their customers on the Customers page (its count is the cell's,
     * and the migration's condition can be dropped to see the whole segment).
     */
    @Test
    @Order(13)
    void heatmapAndMigrationCellsOpenTheirCustomers() throws Exception {
        SharedData.assumeCdnow(SharedData.LOG); // builds on the log imported in test 4
        browser.loggedIn(base);
        openOverview();
        // one colour per segment: the Overview's and the Segments page's swatches agree, and the sizes chart is drawn
        java.util.Map<String, String> overviewColours = swatches("#distribution tr", "td:first-child");
        assertThat(overviewColours).hasSize(11);
        assertThat(new java.util.HashSet<>(overviewColours.values()))
                .as("distinct colours")
                .hasSize(11);
        assertThat(browser.findElement(By.cssSelector("[id='sizesChart'] canvas"))
                        .isDisplayed())
                .isTrue();
        browser.findElement(By.id("nav-segments")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("segmentsForm:segments")));
        assertThat(swatches("[id='segmentsForm:segments_data'] > tr", "td:first-child"))
                .isEqualTo(overviewColours);
        openOverview();
        WebElement fullest = browser.findElements(By.cssSelector("#heatmap a.rfm-heat-count")).stream()
                .max(java.util.Comparator.comparingLong(
                        a -> Long.parseLong(a.getText().strip())))
                .orElseThrow();
        long cellCount = Long.parseLong(fullest.getText().strip());
        String href = fullest.getAttribute("href");
        String r = href.replaceAll(".*[?&]r=(\\d).*", "$1");
        String f = href.replaceAll(".*[?&]f=(\\d).*", "$1");
        fullest.click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("tableForm:matchingCount")));
        assertThat(browser.number(By.id("tableForm:matchingCount"))).isEqualTo(cellCount);
        assertThat(browser.findElement(By.id("filterForm:minR_input")).getAttribute("value"))
                .isEqualTo(r);
        assertThat(browser.findElement(By.id("filterForm:maxF_input")).getAttribute("value"))
                .isEqualTo(f);

        openOverview();
        WebElement move = browser.findElements(By.cssSelector("#migrations td:not(.rfm-stay) a.rfm-cell-link")).stream()
                .max(java.util.Comparator.comparingLong(
                        a -> Long.parseLong(a.getText().strip())))
                .orElseThrow();
        long moved = Long.parseLong(move.getText().strip());
        String to = move.getAttribute("href").replaceAll(".*[?&]segment=([A-Z_]+).*", "$1");
        move.click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("tableForm:movedFrom")));
        assertThat(browser.number(By.id("tableForm:matchingCount"))).isEqualTo(moved);
        browser.wholePageScreenshot("customers-moved");
        browser.findElement(By.id("tableForm:clearMovedFrom")).click();
        browser.waitForPage()
                .until(d -> d.findElements(By.id("tableForm:movedFrom")).isEmpty());
        // the customers of the run the Overview showed, even if the test server's timer finished a newer one since
        String run = browser.getCurrentUrl().replaceAll(".*[?&]run=(\\d+).*", "$1");
        long segmentSize = Json.createReader(new StringReader(
                        api.get("api/segments?scheme=standard&runId=" + run).body()))
                .readArray()
                .getValuesAs(jakarta.json.JsonObject.class)
                .stream()
                .filter(o -> o.getString("code").equals(to))
                .findFirst()
                .orElseThrow()
                .getJsonNumber("customers")
                .longValue();
        assertThat(browser.number(By.id("tableForm:matchingCount"))).isEqualTo(segmentSize);
    }

    /**
     * "Which At Risk customers are worth at least this much?" (the CDNOW log, scored): a predicted CLV chosen between
     * the segment's customers' values (their median); the count and the exported list hold exactly those.
     */
    @Test
    @Order(14)
    void theAtRiskCustomersAboveAChosenPredictedClvAreCountedAndExported() throws Exception {
        SharedData.assumeCdnow(SharedData.LOG); // builds on the log imported in test 4
        browser.loggedIn(base);
        browser.get(base + "customers.xhtml?scheme=standard&segment=AT_RISK");
        browser.waitForPage().until(visibilityOfElementLocated(By.id("tableForm:customers")));
        browser.clearDownloads();
        browser.findElement(By.id("filterForm:exportCsv")).click();
        List<String> all = Files.readAllLines(browser.awaitDownload(".csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(all.get(0).split(","));
        int clvColumn = header.indexOf("predicted_clv");
        int segmentColumn = header.indexOf("segment");
        List<String[]> valued = all.subList(1, all.size()).stream()
                .map(l -> l.split(",", -1))
                .filter(r -> !r[clvColumn].isEmpty())
                .toList();
        String segment = "AT_RISK";
        List<BigDecimal> values = valued.stream()
                .filter(r -> r[segmentColumn].equals(segment))
                .map(r -> new BigDecimal(r[clvColumn]))
                .sorted()
                .toList();
        assertThat(values).as("At Risk customers with a predicted CLV").isNotEmpty();
        BigDecimal chosen = values.get(values.size() / 2).setScale(2, java.math.RoundingMode.FLOOR);
        long worth = values.stream().filter(v -> v.compareTo(chosen) >= 0).count();
        WebElement minClv = browser.findElement(By.id("filterForm:minClv_input"));
        minClv.clear();
        minClv.sendKeys(chosen.toPlainString());
        browser.findElement(By.id("filterForm:apply")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle() && browser.number(By.id("tableForm:matchingCount")) == worth);
        browser.clearDownloads();
        browser.findElement(By.id("filterForm:exportCsv")).click();
        List<String> worthLines = Files.readAllLines(browser.awaitDownload(".csv"), StandardCharsets.UTF_8);
        assertThat(worthLines).hasSize((int) worth + 1);
        for (String line : worthLines.subList(1, worthLines.size())) {
            assertThat(new BigDecimal(line.split(",", -1)[clvColumn])).isGreaterThanOrEqualTo(chosen);
            assertThat(line.split(",", -1)[segmentColumn]).isEqualTo(segment);
        }
    }

    /**
     * While a run works, the Overview shows it with its phase and progress, updated by its poll, and shows the new run
     * once it has ended. To catch the run midway without timing, the test holds it: a SHARE lock on {@code
     * customer_score} lets every page read but stops the run where it attaches its results (PostgreSQL only: H2 has
     * no such table lock; the panel's code is the same on both).
     */
    @Test
    @Order(15)
    void theOverviewFollowsAWorkingRunUntilItEndsAndThenShowsIt() throws Exception {
        SharedData.assumeCdnow(SharedData.LOG); // builds on the log imported in test 4
        Assumptions.assumeTrue(
                FreshDatabase.isPostgresql(), "holding a run midway needs a PostgreSQL table lock (runs on PG 14)");
        browser.loggedIn(base);
        long runId;
        try (java.sql.Connection hold = FreshDatabase.postgresDatabase().getConnection()) {
            hold.setAutoCommit(false);
            try (java.sql.Statement s = hold.createStatement()) {
                s.execute("lock table customer_score in share mode"); // waits for a timer's run writing now
            }
            HttpResponse<String> started = api.postJson("api/runs", "{\"referenceDate\":\"1998-03-01\"}");
            // 202: ours; 409: the timer's, which started after the lock and will stop at the same place
            assertThat(started.statusCode()).as(started.body()).isIn(202, 409);
            runId = Json.createReader(new StringReader(started.body()))
                    .readObject()
                    .getJsonNumber("runId")
                    .longValue();
            openOverview();
            browser.waitUpTo(IMPORT_TIMEOUT)
                    .withMessage("the Overview shows run " + runId + " held while writing its results")
                    .until(d -> {
                        JsonObject run = runRecord(runId);
                        if (!run.getString("phase", "").replace(' ', '-').equals("writing-results")) return false;
                        List<WebElement> working = d.findElements(By.id("runWorking"));
                        List<WebElement> label =
                                d.findElements(By.cssSelector("#workForm\\:runProgress .ui-progressbar-label"));
                        return !working.isEmpty()
                                && working.get(0).getText().endsWith(" " + runId)
                                && browser.text(By.id("runPhase")).equals("writing results")
                                && !label.isEmpty()
                                && label.get(0)
                                        .getText()
                                        .equals((int) Math.floor(run.getJsonNumber("progress")
                                                                .doubleValue()
                                                        * 100) + "%");
                    });
            assertThat(browser.text(By.id("runWorking"))).isEqualTo("Scoring run working: " + runId);
            assertThat(object(api.get("api/runs/" + runId)).getString("status")).isEqualTo("RUNNING");
            browser.wholePageScreenshot("overview-run-working");
            hold.rollback(); // lets the run go on
        }
        assertThat(api.awaitRunFinished(runId).getString("status")).isEqualTo("SUCCEEDED");
        // the poll notices the end and shows the page again, now with the run it made (or, if the test servers' timer
        // started one right after it, with that one once it has ended too)
        browser.waitUpTo(Duration.ofMinutes(2))
                .until(d -> d.findElements(By.id("runWorking")).isEmpty()
                        && !d.findElements(By.cssSelector("h2.rfm-section")).isEmpty()
                        && shownRun(d.findElement(By.cssSelector("h2.rfm-section"))
                                        .getText())
                                >= runId);
        long shown = shownRun(browser.text(By.cssSelector("h2.rfm-section")));
        assertThat(browser.number(By.id("kpiScored")))
                .isEqualTo(object(api.get("api/runs/" + shown))
                        .getJsonNumber("customersScored")
                        .longValue());
    }

    private static JsonObject object(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** The run id at the end of the Overview's heading ("Run 12"). */
    private static long shownRun(String heading) {
        return Long.parseLong(heading.substring(heading.lastIndexOf(' ') + 1));
    }

    /** {@code GET /api/runs/{id}}, for waits (which take no checked exceptions). */
    private JsonObject runRecord(long runId) {
        try {
            return object(api.get("api/runs/" + runId));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Name → swatch colour of each row: the cell's text is the segment's name. */
    private java.util.Map<String, String> swatches(String rows, String cell) {
        java.util.Map<String, String> colours = new java.util.LinkedHashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector(rows))) {
            List<WebElement> swatch = row.findElements(By.cssSelector(cell + " .rfm-swatch"));
            if (swatch.isEmpty()) continue; // the header row
            String name = row.findElement(By.cssSelector(cell)).getText().strip();
            name = name.replaceAll("\\s+[A-Z_]+$", ""); // the Segments page adds the code after the name
            colours.put(name, swatch.get(0).getCssValue("background-color"));
        }
        return colours;
    }

    private void openOverview() {
        browser.findElement(By.id("nav-overview")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("customerCount")));
    }

    private void openImportPage() {
        browser.findElement(By.id("nav-import")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("importForm:history")));
    }

    /**
     * Picks the file in the upload widget (it uploads at once) and waits until the import is finished and the
     * history shows it.
     */
    private void uploadAndAwait(Path file) {
        String newestBefore = newestHistoryEntry();
        browser.findElement(By.cssSelector("[id='importForm'] input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
        browser.waitUpTo(IMPORT_TIMEOUT)
                .withMessage("the import of " + file.getFileName() + " finished and is the newest in the history")
                .until(d -> browser.ajaxIdle()
                        && List.of("Import finished", "Import failed").contains(browser.text(By.id("phase")))
                        && !newestHistoryEntry().equals(newestBefore));
    }

    private String newestHistoryEntry() {
        List<List<String>> rows = browser.tableRows("importForm:history");
        return rows.isEmpty() ? "" : String.join("|", rows.get(0));
    }

    private Summary summary() {
        return new Summary(
                browser.number(By.id("importForm:rowsRead")),
                browser.number(By.id("importForm:rowsImported")),
                browser.number(By.id("importForm:rowsDuplicate")),
                browser.number(By.id("importForm:rowsRejected")),
                browser.number(By.id("importForm:ordersCreated")),
                browser.number(By.id("importForm:customersCreated")));
    }

    private Totals overviewTotals() {
        return new Totals(browser.number(By.id("customerCount")), browser.number(By.id("orderCount")));
    }

    private Totals apiTotals() throws IOException, InterruptedException {
        HttpResponse<String> response = api.get("api/imports?limit=200");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonArray imports = Json.createReader(new StringReader(response.body())).readArray();
        long customers = 0;
        long orders = 0;
        for (JsonObject entry : imports.getValuesAs(JsonObject.class)) {
            customers += entry.getJsonNumber("customersCreated").longValue();
            orders += entry.getJsonNumber("ordersCreated").longValue();
        }
        return new Totals(customers, orders);
    }

    /** Summary and detail of the newest growl message on screen, once it is shown. */
    private List<String> newestGrowl() {
        WebElement newest = browser.waitForPage().until(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector(".ui-growl-message")).stream()
                    .filter(WebElement::isDisplayed)
                    .toList();
            return shown.isEmpty() ? null : shown.get(shown.size() - 1);
        });
        return List.of(
                newest.findElement(By.cssSelector(".ui-growl-title")).getText(),
                newest.findElement(By.tagName("p")).getText());
    }

    /** Whether the page is wider than the window (it may be taller: the overview of a run is a long page). */
    private boolean pageScrolls() {
        return Boolean.TRUE.equals(
                browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth"));
    }

    private String focusedId() {
        return browser.switchTo().activeElement().getAttribute("id");
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(uploads.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** What a link of the page answers to the logged-in browser (a download Chromium would save to disk). */
    private HttpResponse<String> getWithBrowserSession(String url) throws IOException, InterruptedException {
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session).as("the browser's session cookie").isNotNull();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", session.getName() + "=" + session.getValue())
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
