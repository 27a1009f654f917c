package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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

    private static final By HEADING = By.cssSelector("main h1");
    private static final String TABLE = "tableForm:customers";
    private static final int CUSTOMERS = 30;

    private static long scoredRun;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @RegisterExtension
    static final Browser browser = new Browser("customers").withDownloads();

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeEach
    void client() throws Exception {
        api = new ApiClient(base);
        // the browser opens the server as localhost (see Browser.localhost: Excel downloads from other hosts are held)
        base = Browser.localhost(base);
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
        scoredRun = api.succeededRun("2025-01-01");
        JsonObject run = json(api.get("api/runs/" + scoredRun));
        assertThat(run.getJsonNumber("customersScored").longValue()).isEqualTo(CUSTOMERS);
    }

    @Test
    @Order(2)
    void theTableShowsEveryCustomerPagedAndSorted() throws Exception {
        browser.loggedIn(base);
        browser.findElement(By.id("nav-customers")).click();
        browser.waitForPage().until(textToBe(HEADING, "Customers"));
        assertThat(browser.number(By.id("tableForm:matchingCount"))).isEqualTo(CUSTOMERS);
        assertThat(browser.tableRows(TABLE)).hasSize(25);
        browser.screenshot("customers");

        browser.findElement(By.cssSelector("[id='tableForm:customers'] .ui-paginator-next"))
                .click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle() && browser.tableRows(TABLE).size() == 5);

        // Monetary: the first click sorts ascending, the second descending; the rows follow on every page
        sortBy("Monetary");
        browser.waitForPage().until(d -> browser.ajaxIdle() && isSorted(monetaryColumn(), true));
        sortBy("Monetary");
        browser.waitForPage().until(d -> browser.ajaxIdle() && isSorted(monetaryColumn(), false));
        String top = browser.tableRows(TABLE).get(0).get(0);
        JsonObject topCustomer = json(api.get("api/customers/" + top));
        assertThat(new BigDecimal(topCustomer.getJsonNumber("monetary").toString()))
                .isEqualByComparingTo(monetaryColumn().get(0));
    }

    @Test
    @Order(3)
    void searchFindsByNameAndEmail() {
        openCustomers("");
        search("name 12");
        browser.waitForPage()
                .until(d -> browser.ajaxIdle() && browser.tableRows(TABLE).size() == 1);
        assertThat(browser.tableRows(TABLE).get(0).get(0)).isEqualTo("CUST-12");
        assertThat(browser.number(By.id("tableForm:matchingCount"))).isEqualTo(1);
        search("c03@SHOP");
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && browser.tableRows(TABLE).size() == 1
                        && browser.tableRows(TABLE).get(0).get(0).equals("CUST-03"));
        browser.findElement(By.id("filterForm:reset")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle() && browser.tableRows(TABLE).size() == 25);
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
        assertThat(browser.number(By.id("tableForm:matchingCount"))).isEqualTo(members);
        assertThat(browser.tableRows(TABLE)).hasSize((int) Math.min(25, members));
        assertThat(browser.tableRows(TABLE)).extracting(r -> r.get(0)).contains("CUST-30");

        browser.findElement(By.id("filterForm:exportCsv")).click();
        Path file = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> browser.downloaded(".csv"), p -> p != null);
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
        Path excel = browser.awaitDownload(".xlsx");
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
        browser.waitForPage()
                .until(d -> browser.ajaxIdle() && browser.tableRows(TABLE).size() == 1);
        browser.clearDownloads();
        browser.findElement(By.id("filterForm:exportExcel")).click();
        Path excel = browser.awaitDownload(".xlsx");
        try (Workbook workbook = new XSSFWorkbook(excel.toFile())) {
            Cell name = workbook.getSheetAt(0).getRow(1).getCell(1);
            assertThat(name.getCellType()).as("a text cell, never a formula").isEqualTo(CellType.STRING);
            assertThat(name.getStringCellValue()).isEqualTo("=SUM(A1)");
        }
        browser.findElement(By.id("filterForm:exportCsv")).click();
        Path file = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> browser.downloaded(".csv"), p -> p != null);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("CUST-07,'=SUM(A1),c07@shop.test,");

        // a click on the row (not on the link) opens the customer
        browser.findElements(By.cssSelector("[id='tableForm:customers_data'] > tr > td"))
                .get(2)
                .click();
        browser.waitForPage().until(urlContains("/customer.xhtml?id=CUST-07"));
        browser.waitForPage().until(textToBe(HEADING, "Customer"));
        JsonObject api7 = json(api.get("api/customers/CUST-07"));
        assertThat(browser.text(By.id("customerId"))).isEqualTo("CUST-07");
        assertThat(browser.text(By.id("rfmCode")))
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
        assertThat(browser.text(By.id("orderCount"))).isEqualTo("4");
        browser.screenshot("customer");

        browser.get(base + "customer.xhtml?id=NOBODY");
        browser.waitForPage().until(visibilityOfElementLocated(By.id("notFound")));
    }

    @Test
    @Order(6)
    void theCustomersPageSpeaksChinese() {
        openCustomers("");
        browser.findElement(By.id("topbar:chinese")).click();
        browser.waitForPage().until(textToBe(HEADING, "客户"));
        assertThat(browser.text(By.id("nav-customers"))).isEqualTo("客户");
        browser.findElement(By.id("topbar:english")).click();
        browser.waitForPage().until(textToBe(HEADING, "Customers"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void openCustomers(String query) {
        browser.loggedIn(base);
        browser.get(base + "customers.xhtml" + query);
        browser.waitForPage().until(visibilityOfElementLocated(By.id(TABLE)));
    }

    private void search(String text) {
        browser.type(By.id("filterForm:search"), text);
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
        for (List<String> row : browser.tableRows(TABLE))
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
}
