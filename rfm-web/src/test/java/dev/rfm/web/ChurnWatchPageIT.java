package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Churn watch page in headless Chromium against the real WAR: the CDNOW sample imported and scored twice through
 * the API (as of 1997-10-01 and 1998-01-01), then the page's counts and
 * rows against {@code GET /api/churn-watch}, a changed threshold, the CSV and Excel exports (the downloaded files'
 * rows checked against the API), a row click opening the customer, and the Chinese labels. One server boot; the
 * methods run in order. H2 only: the query is covered on both databases by ChurnWatchTest.
 */
@ExtendWith(DashboardIT.ChromiumInstalled.class)
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf("dev.rfm.web.SharedData#cdnowSample") // every test builds on the sample's import
class ChurnWatchPageIT {

    private static final By HEADING = By.cssSelector("main h1");
    private static final String TABLE = "tableForm:watch";

    @RegisterExtension
    static final Browser browser = new Browser("churn").withDownloads();

    private static long firstRun;
    private static long secondRun;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeEach
    void client() throws Exception {
        api = new ApiClient(base);
        base = Browser.localhost(base); // see Browser.localhost: Excel downloads over plain HTTP
    }

    /**
     * The CDNOW 1/10 sample (2,357 customers, 1997–1998) as an import file: enough customers for the BG/NBD fit, so
     * P(alive) warns too. Purchases on one day get one order id each, by line.
     */
    static String orders() throws IOException {
        Path sample = SharedData.cdnow(SharedData.SAMPLE_TEXT);
        StringBuilder csv = new StringBuilder("customer_id,order_id,order_date,quantity,amount\n");
        int line = 0;
        for (String text : Files.readAllLines(sample, StandardCharsets.US_ASCII)) {
            String[] f = text.strip().split("\\s+");
            if (f.length < 5) continue;
            String date = f[2].substring(0, 4) + "-" + f[2].substring(4, 6) + "-" + f[2].substring(6, 8);
            csv.append("CUST-")
                    .append(f[0])
                    .append(",O-")
                    .append(++line)
                    .append(',')
                    .append(date)
                    .append(',')
                    .append(f[3])
                    .append(',')
                    .append(f[4])
                    .append('\n');
        }
        return csv.toString();
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    @Order(1)
    void theNavigationOpensThePageWithItsEmptyState() throws Exception {
        browser.loggedIn(base);
        // the test server's timer (every 30 s) may score the empty database at any moment: the page is checked
        // against the API's answers just before and just after it was drawn, when they agree
        boolean noneBefore = api.get("api/churn-watch").statusCode() == 404;
        browser.findElement(By.id("nav-churn")).click();
        browser.waitForPage().until(textToBe(HEADING, "Churn watch"));
        boolean noneAfter = api.get("api/churn-watch").statusCode() == 404;
        if (noneBefore && noneAfter) {
            assertThat(browser.findElements(By.id("noSnapshot"))).hasSize(1);
            assertThat(browser.findElements(By.id(TABLE))).isEmpty();
        } else if (!noneBefore && !noneAfter) {
            assertThat(browser.findElements(By.id(TABLE))).hasSize(1);
        }
    }

    /**
     * Two runs of ours, half a year apart, one right after the other: the timer's runs (as of today, every 30 s) may
     * come between, then the pair is started again. Every later check reads run {@link #secondRun} through {@code
     * ?run=} on the page and {@code runId=} in the API, so a timer run finishing later changes nothing.
     */
    @Test
    @Order(2)
    void theCustomersAreImportedAndScoredTwice() throws Exception {
        JsonObject imported = json(api.postCsv("api/imports?fileName=churn.csv", orders()));
        assertThat(imported.getInt("rowsRejected")).as(imported.toString()).isZero();
        Awaitility.await().atMost(Duration.ofMinutes(4)).until(() -> {
            firstRun = run("1997-10-01");
            secondRun = run("1998-01-01");
            JsonObject watch = json(api.get("api/churn-watch?runId=" + secondRun));
            return watch.getJsonNumber("previousRunId") != null
                    && watch.getJsonNumber("previousRunId").longValue() == firstRun;
        });
    }

    private long run(String reference) {
        return api.succeededRun(reference);
    }

    @Test
    @Order(3)
    void theCountsAndRowsAreTheApis() throws Exception {
        JsonObject watch = openRun();
        assertThat(watch.getJsonNumber("previousRunId"))
                .as("a run to compare with")
                .isNotNull();
        JsonObject counts = watch.getJsonObject("counts");
        assertThat(counts.getJsonNumber("total").longValue())
                .as(watch.toString())
                .isPositive();
        assertCards(counts);
        List<String> apiIds = ids(watch);
        assertThat(browser.tableRows(TABLE))
                .extracting(r -> r.get(0))
                .containsExactlyElementsOf(apiIds.subList(0, Math.min(25, apiIds.size())));
        browser.screenshot("churn-watch");

        // a higher threshold: more customers whose P(alive) fell
        WebElement threshold = browser.findElement(By.id("criteria:threshold_input"));
        threshold.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0.95");
        browser.findElement(By.id("criteria:apply")).click();
        JsonObject higher = json(api.get("api/churn-watch?threshold=0.95&size=1000&runId=" + secondRun));
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && browser.number(By.id("total"))
                                == higher.getJsonObject("counts")
                                        .getJsonNumber("total")
                                        .longValue());
        assertCards(higher.getJsonObject("counts"));
        assertThat(higher.getJsonObject("counts").getJsonNumber("pAliveFell").longValue())
                .isGreaterThanOrEqualTo(counts.getJsonNumber("pAliveFell").longValue());
        assertThat(browser.tableRows(TABLE)).extracting(r -> r.get(0)).containsExactlyElementsOf(first25(ids(higher)));

        // valuable by predicted CLV instead of class A: the amount is required
        browser.findElement(By.cssSelector("[id='criteria:valuable'] label[for='criteria:valuable:1']"))
                .click();
        browser.findElement(By.id("criteria:apply")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.cssSelector(".ui-message-error")));
        WebElement minClv = browser.findElement(By.id("criteria:minClv_input"));
        minClv.sendKeys("0");
        browser.findElement(By.id("criteria:apply")).click();
        JsonObject byClv = json(api.get("api/churn-watch?threshold=0.95&minClv=0&size=1000&runId=" + secondRun));
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && browser.number(By.id("total"))
                                == byClv.getJsonObject("counts")
                                        .getJsonNumber("total")
                                        .longValue());
        assertCards(byClv.getJsonObject("counts"));
    }

    @Test
    @Order(4)
    void theExportsHoldTheWholeList() throws Exception {
        JsonObject watch = openRun();
        List<String> apiIds = ids(watch);
        browser.findElement(By.id("criteria:exportCsv")).click();
        Path file = browser.awaitDownload(".csv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("customer_id,name,email,abc_class,segment,segment_before");
        assertThat(lines.subList(1, lines.size()))
                .extracting(l -> l.split(",")[0])
                .containsExactlyElementsOf(apiIds);
        int warnings = List.of(lines.get(0).split(",")).indexOf("warnings");
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            List<String> expected = watch
                    .getJsonArray("customers")
                    .getJsonObject(i - 1)
                    .getJsonArray("warnings")
                    .getValuesAs(jakarta.json.JsonString.class)
                    .stream()
                    .map(jakarta.json.JsonString::getString)
                    .toList();
            assertThat(cells[warnings]).isEqualTo(String.join(" ", expected));
        }

        browser.findElement(By.id("criteria:exportExcel")).click();
        Path excel = browser.awaitDownload(".xlsx");
        try (Workbook workbook = new XSSFWorkbook(excel.toFile())) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(apiIds.size());
            int value = List.of(lines.get(0).split(",")).indexOf("value_at_stake");
            for (int row = 1; row <= apiIds.size(); row++) {
                assertThat(sheet.getRow(row).getCell(0).getStringCellValue()).isEqualTo(apiIds.get(row - 1));
                assertThat(sheet.getRow(row).getCell(value).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(sheet.getRow(row).getCell(value).getNumericCellValue())
                        .isEqualTo(watch.getJsonArray("customers")
                                .getJsonObject(row - 1)
                                .getJsonNumber("valueAtStake")
                                .doubleValue());
            }
        }
    }

    @Test
    @Order(5)
    void aRowClickOpensTheCustomerAndThePageSpeaksChinese() throws Exception {
        JsonObject watch = openRun();
        String first = ids(watch).get(0);
        browser.findElements(By.cssSelector("[id='" + TABLE + "_data'] > tr > td"))
                .get(1)
                .click();
        browser.waitForPage().until(urlContains("/customer.xhtml?id=" + first));
        browser.waitForPage().until(textToBe(HEADING, "Customer"));
        assertThat(browser.text(By.id("customerId"))).isEqualTo(first);

        openRun();
        browser.findElement(By.id("topbar:chinese")).click();
        browser.waitForPage().until(textToBe(HEADING, "流失预警"));
        assertThat(browser.text(By.id("nav-churn"))).isEqualTo("流失预警");
        assertThat(browser.findElement(By.cssSelector("[id='" + TABLE + "'] thead"))
                        .getText())
                .contains("风险价值");
        browser.screenshot("churn-watch-zh");
        browser.findElement(By.id("topbar:english")).click();
        browser.waitForPage().until(textToBe(HEADING, "Churn watch"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Opens the page on run {@link #secondRun} and answers the API's whole list of that run. */
    private JsonObject openRun() throws Exception {
        browser.loggedIn(base);
        browser.get(base + "churn.xhtml?run=" + secondRun);
        browser.waitForPage().until(visibilityOfElementLocated(By.id(TABLE)));
        assertThat(browser.text(By.id("runId")).strip()).isEqualTo(String.valueOf(secondRun));
        assertThat(browser.text(By.id("previousRunId")).strip()).isEqualTo(String.valueOf(firstRun));
        JsonObject watch = json(api.get("api/churn-watch?size=1000&runId=" + secondRun));
        assertThat(watch.getJsonNumber("runId").longValue()).isEqualTo(secondRun);
        return watch;
    }

    private void assertCards(JsonObject counts) {
        assertThat(browser.number(By.id("total")))
                .isEqualTo(counts.getJsonNumber("total").longValue());
        assertThat(browser.number(By.id("pAliveFell")))
                .isEqualTo(counts.getJsonNumber("pAliveFell").longValue());
        assertThat(browser.number(By.id("movedToAtRisk")))
                .isEqualTo(counts.getJsonNumber("movedToAtRisk").longValue());
        assertThat(browser.number(By.id("becameDormant")))
                .isEqualTo(counts.getJsonNumber("becameDormant").longValue());
    }

    private static List<String> ids(JsonObject watch) {
        return watch.getJsonArray("customers").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("customerId"))
                .toList();
    }

    private static List<String> first25(List<String> ids) {
        return ids.subList(0, Math.min(25, ids.size()));
    }
}
