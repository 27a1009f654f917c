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
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
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
 * The Customers and Customer pages in headless Chromium against the real WAR: thirty customers imported and scored
 * through the API, then the table's count against the run, paging, sorting, search, the segment preset by URL (as
 * the Segments page links), the CSV export of the filtered list (the downloaded file's rows checked) and the detail
 * page opened by a row click. One server boot; the methods run in order.
 */
@ExtendWith(DashboardIT.ChromiumInstalled.class)
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomersPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");
    private static final Path SCREENSHOTS = TARGET.resolve("screenshots");
    private static final By HEADING = By.cssSelector("main h1");
    private static final String TABLE = "tableForm:customers";
    private static final int CUSTOMERS = 30;

    private static ChromeDriverService service;
    private static ChromeDriver browser;
    private static Path profile;
    private static Path downloads;
    private static long scoredRun;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory(TARGET, "chromium-profile-");
        downloads = Files.createTempDirectory(TARGET, "browser-downloads-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(TARGET.resolve("chromedriver-customers.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
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
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "intl.accept_languages",
                        "en-US,en",
                        "download.default_directory",
                        downloads.toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false,
                        // a second download from one page (CSV, then Excel) is blocked unless allowed
                        "profile.default_content_setting_values.automatic_downloads",
                        1));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.quit();
        if (service != null) service.stop();
    }

    @BeforeEach
    void client() throws Exception {
        api = new ApiClient(base);
        // the browser opens the server as localhost: Chrome holds office files downloaded over plain HTTP from any
        // other host ("insecure download"), so an Excel export from http://<address> never finishes here
        base = new URL(base.getProtocol(), "localhost", base.getPort(), base.getFile());
    }

    @AfterEach
    void noContentSecurityPolicyViolation() {
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(violations).isEmpty();
    }

    /** Thirty customers; customer i has 1 + i % 4 orders of i × 10. Customer 7's name looks like a formula. */
    static String orders() {
        StringBuilder csv = new StringBuilder("customer_id,order_id,order_date,amount,customer_name,customer_email\n");
        for (int i = 1; i <= CUSTOMERS; i++) {
            String name = i == 7 ? "=SUM(A1)" : String.format("Name %02d", i);
            for (int k = 0; k <= i % 4; k++) {
                csv.append(String.format(
                        "CUST-%02d,O-%02d-%d,2024-%02d-%02d,%d.00,%s,c%02d@shop.test%n",
                        i, i, k, 1 + (i + k * 3) % 12, 1 + i % 28, i * 10, name, i));
            }
        }
        return csv.toString();
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    @Order(1)
    void theCustomersAreImportedAndScored() throws Exception {
        JsonObject imported = json(api.postCsv("api/imports?fileName=customers.csv", orders()));
        assertThat(imported.getInt("rowsRejected")).as(imported.toString()).isZero();
        long[] started = new long[1];
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    HttpResponse<String> response = api.postJson("api/runs", "{\"referenceDate\": \"2025-01-01\"}");
                    if (response.statusCode() == 202)
                        started[0] = json(response).getJsonNumber("runId").longValue();
                    return started[0] != 0;
                });
        scoredRun = started[0];
        JsonObject run = api.awaitRunFinished(started[0]);
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.getJsonNumber("customersScored").longValue()).isEqualTo(CUSTOMERS);
    }

    @Test
    @Order(2)
    void theTableShowsEveryCustomerPagedAndSorted() throws Exception {
        loggedIn();
        browser.findElement(By.id("nav-customers")).click();
        waitForPage().until(textToBe(HEADING, "Customers"));
        assertThat(number(By.id("tableForm:matchingCount"))).isEqualTo(CUSTOMERS);
        assertThat(tableRows()).hasSize(25);
        screenshot("customers");

        browser.findElement(By.cssSelector("[id='tableForm:customers'] .ui-paginator-next"))
                .click();
        waitForPage().until(d -> ajaxIdle() && tableRows().size() == 5);

        // Monetary: the first click sorts ascending, the second descending; the rows follow on every page
        sortBy("Monetary");
        waitForPage().until(d -> ajaxIdle() && isSorted(monetaryColumn(), true));
        sortBy("Monetary");
        waitForPage().until(d -> ajaxIdle() && isSorted(monetaryColumn(), false));
        String top = tableRows().get(0).get(0);
        JsonObject topCustomer = json(api.get("api/customers/" + top));
        assertThat(new BigDecimal(topCustomer.getJsonNumber("monetary").toString()))
                .isEqualByComparingTo(monetaryColumn().get(0));
    }

    @Test
    @Order(3)
    void searchFindsByNameAndEmail() {
        openCustomers("");
        search("name 12");
        waitForPage().until(d -> ajaxIdle() && tableRows().size() == 1);
        assertThat(tableRows().get(0).get(0)).isEqualTo("CUST-12");
        assertThat(number(By.id("tableForm:matchingCount"))).isEqualTo(1);
        search("c03@SHOP");
        waitForPage()
                .until(d -> ajaxIdle()
                        && tableRows().size() == 1
                        && tableRows().get(0).get(0).equals("CUST-03"));
        browser.findElement(By.id("filterForm:reset")).click();
        waitForPage().until(d -> ajaxIdle() && tableRows().size() == 25);
    }

    @Test
    @Order(4)
    void theSegmentsPageLinkPresetsTheFilterAndTheExportHasItsRows() throws Exception {
        String segment = json(api.get("api/customers/CUST-30")).getString("segment");
        JsonArray segments = Json.createReader(
                        new StringReader(api.get("api/segments?scheme=standard").body()))
                .readArray();
        long members = segments.getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("code").equals(segment))
                .findFirst()
                .orElseThrow()
                .getJsonNumber("customers")
                .longValue();
        openCustomers("?scheme=standard&segment=" + segment);
        assertThat(number(By.id("tableForm:matchingCount"))).isEqualTo(members);
        assertThat(tableRows()).hasSize((int) Math.min(25, members));
        assertThat(tableRows()).extracting(r -> r.get(0)).contains("CUST-30");

        browser.findElement(By.id("filterForm:exportCsv")).click();
        Path file = Awaitility.await().atMost(Duration.ofSeconds(30)).until(this::downloadedCsv, p -> p != null);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("customer_id,name,email,");
        assertThat(lines).hasSize((int) members + 1);
        int segmentColumn = List.of(lines.get(0).split(",")).indexOf("segment");
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.split(",")[segmentColumn]).isEqualTo(segment);
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("CUST-30,Name 30,c30@shop.test,"));

        // the Excel export holds the same rows, in the same order, numbers as numbers
        browser.findElement(By.id("filterForm:exportExcel")).click();
        Path excel = awaitDownload(".xlsx");
        try (Workbook workbook = new XSSFWorkbook(excel.toFile())) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo((int) members);
            for (int i = 0; i < lines.get(0).split(",").length; i++) {
                assertThat(sheet.getRow(0).getCell(i).getStringCellValue())
                        .isEqualTo(lines.get(0).split(",")[i]);
            }
            int monetaryColumn = List.of(lines.get(0).split(",")).indexOf("monetary");
            for (int row = 1; row <= members; row++) {
                String[] csv = lines.get(row).split(",");
                assertThat(sheet.getRow(row).getCell(0).getStringCellValue()).isEqualTo(csv[0]);
                assertThat(sheet.getRow(row).getCell(segmentColumn).getStringCellValue())
                        .isEqualTo(segment);
                assertThat(sheet.getRow(row).getCell(monetaryColumn).getCellType())
                        .isEqualTo(CellType.NUMERIC);
                assertThat(sheet.getRow(row).getCell(monetaryColumn).getNumericCellValue())
                        .isEqualTo(Double.parseDouble(csv[monetaryColumn]));
            }
        }
    }

    @Test
    @Order(5)
    void theExportNeutralisesFormulasAndARowClickOpensTheCustomer() throws Exception {
        openCustomers("");
        search("CUST-07");
        waitForPage().until(d -> ajaxIdle() && tableRows().size() == 1);
        clearDownloads();
        browser.findElement(By.id("filterForm:exportExcel")).click();
        Path excel = awaitDownload(".xlsx");
        try (Workbook workbook = new XSSFWorkbook(excel.toFile())) {
            Cell name = workbook.getSheetAt(0).getRow(1).getCell(1);
            assertThat(name.getCellType()).as("a text cell, never a formula").isEqualTo(CellType.STRING);
            assertThat(name.getStringCellValue()).isEqualTo("=SUM(A1)");
        }
        browser.findElement(By.id("filterForm:exportCsv")).click();
        Path file = Awaitility.await().atMost(Duration.ofSeconds(30)).until(this::downloadedCsv, p -> p != null);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("CUST-07,'=SUM(A1),c07@shop.test,");

        // a click on the row (not on the link) opens the customer
        browser.findElements(By.cssSelector("[id='tableForm:customers_data'] > tr > td"))
                .get(2)
                .click();
        waitForPage().until(urlContains("/customer.xhtml?id=CUST-07"));
        waitForPage().until(textToBe(HEADING, "Customer"));
        JsonObject api7 = json(api.get("api/customers/CUST-07"));
        assertThat(browser.findElement(By.id("customerId")).getText()).isEqualTo("CUST-07");
        assertThat(browser.findElement(By.id("rfmCode")).getText())
                .isEqualTo("" + api7.getInt("r") + api7.getInt("f") + api7.getInt("m"));
        assertThat(browser.findElements(By.cssSelector("[id='reasons_data'] > tr")))
                .hasSize(3);
        List<String> recency =
                browser
                        .findElements(By.cssSelector("[id='reasons_data'] > tr"))
                        .get(0)
                        .findElements(By.tagName("td"))
                        .stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(recency.get(1)).isEqualTo(String.valueOf(api7.getInt("recencyDays")));
        assertThat(recency.get(2)).isEqualTo(String.valueOf(api7.getInt("r")));
        assertThat(recency.get(3)).as("the run's stored cut points").matches("[A-Z_]+:[0-9., ]+");
        // the test server's timer runs every 30 s, so later runs may have scored the customer too
        assertThat(browser.findElements(By.cssSelector("[id='history_data'] > tr > td:first-child")))
                .extracting(WebElement::getText)
                .contains(String.valueOf(scoredRun));
        assertThat(browser.findElements(By.cssSelector("[id='ordersForm:orders_data'] > tr")))
                .hasSize(1 + 7 % 4);
        assertThat(browser.findElement(By.id("orderCount")).getText()).isEqualTo("4");
        screenshot("customer");

        browser.get(base + "customer.xhtml?id=NOBODY");
        waitForPage().until(visibilityOfElementLocated(By.id("notFound")));
    }

    @Test
    @Order(6)
    void theCustomersPageSpeaksChinese() {
        openCustomers("");
        browser.findElement(By.id("topbar:chinese")).click();
        waitForPage().until(textToBe(HEADING, "客户"));
        assertThat(browser.findElement(By.id("nav-customers")).getText()).isEqualTo("客户");
        browser.findElement(By.id("topbar:english")).click();
        waitForPage().until(textToBe(HEADING, "Customers"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Path downloadedCsv() throws IOException {
        return downloaded(".csv");
    }

    /** Waits for a download; when none comes, keeps the page as it was (what the server answered instead). */
    private Path awaitDownload(String ending) throws IOException {
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> downloaded(ending), p -> p != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            screenshot("failed-download");
            Files.writeString(SCREENSHOTS.resolve("failed-download.html"), browser.getPageSource());
            try (Stream<Path> files = Files.list(downloads)) {
                throw new AssertionError("no " + ending + " download; in the folder: " + files.toList(), e);
            }
        }
    }

    /** The newest finished download with that ending (Chromium writes .crdownload until it is complete). */
    private Path downloaded(String ending) throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(p -> p.getFileName().toString().endsWith(ending))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElse(null);
        }
    }

    private void clearDownloads() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path p : files.toList()) Files.deleteIfExists(p);
        }
    }

    private void openCustomers(String query) {
        loggedIn();
        browser.get(base + "customers.xhtml" + query);
        waitForPage().until(visibilityOfElementLocated(By.id(TABLE)));
    }

    private void search(String text) {
        WebElement field = browser.findElement(By.id("filterForm:search"));
        field.clear();
        field.sendKeys(text);
        browser.findElement(By.id("filterForm:apply")).click();
    }

    private void sortBy(String header) {
        browser.findElements(By.cssSelector("[id='" + TABLE + "'] thead th")).stream()
                .filter(th -> th.getText().strip().equals(header))
                .findFirst()
                .orElseThrow()
                .click();
    }

    private List<BigDecimal> monetaryColumn() {
        List<String> headers = browser.findElements(By.cssSelector("[id='" + TABLE + "'] thead th")).stream()
                .map(th -> th.getText().strip())
                .toList();
        int column = headers.indexOf("Monetary");
        List<BigDecimal> values = new ArrayList<>();
        for (List<String> row : tableRows())
            values.add(new BigDecimal(row.get(column).replace(",", "")));
        return values;
    }

    private static boolean isSorted(List<BigDecimal> values, boolean ascending) {
        for (int i = 1; i < values.size(); i++) {
            int order = values.get(i - 1).compareTo(values.get(i));
            if (ascending ? order > 0 : order < 0) return false;
        }
        return values.size() > 1 && values.get(0).compareTo(values.get(values.size() - 1)) != 0;
    }

    private void loggedIn() {
        browser.get(base + "index.xhtml");
        if (browser.getCurrentUrl().contains("/login.xhtml")) {
            browser.findElement(By.id("login:username")).sendKeys("admin");
            browser.findElement(By.id("login:password")).sendKeys(ApiClient.ADMIN_PASSWORD);
            browser.findElement(By.id("login:submit")).click();
        }
        waitForPage().until(visibilityOfElementLocated(By.id("topbar:logout")));
    }

    private WebDriverWait waitForPage() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private boolean ajaxIdle() {
        return Boolean.TRUE.equals(
                browser.executeScript("return !window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty()"));
    }

    private List<List<String>> tableRows() {
        return browser
                .findElements(By.cssSelector("[id='" + TABLE + "_data'] > tr:not(.ui-datatable-empty-message)"))
                .stream()
                .map(row -> row.findElements(By.tagName("td")).stream()
                        .map(WebElement::getText)
                        .map(String::strip)
                        .toList())
                .toList();
    }

    private long number(By locator) {
        return Long.parseLong(browser.findElement(locator).getText().replaceAll("[^0-9-]", ""));
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
