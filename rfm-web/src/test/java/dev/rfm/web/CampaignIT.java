package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Campaigns through the deployed WAR (H2 only: the SQL is tested on both databases in rfm-analytics'
 * CampaignMeasurementTest). 60 customers with the same history before the run's reference date all land in one
 * segment; a campaign on it holds out 10 % with a seed; then the result's numbers must equal a count of the orders
 * this test imported, per group as the API lists the groups.
 */
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CampaignIT {

    private static final int CUSTOMERS = 60;
    private static final LocalDate START = LocalDate.of(2025, 1, 10);
    private static final int WINDOW_DAYS = 30; // 2025-01-10 .. 2025-02-08; 2025-02-09 is after it

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @ArquillianResource
    URL base;

    ApiClient api;

    private static final By HEADING = By.cssSelector("main h1");

    @RegisterExtension
    static final Browser browser = new Browser("campaigns").withDownloads().window(1400, 1400);

    @BeforeEach
    void client() {
        api = new ApiClient(base);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** An order this test imported: customer, date, amount. */
    private record Order(String customer, LocalDate date, BigDecimal amount) {}

    /**
     * Everyone bought 100 on 2024-12-01 (before the run as of 2025-01-01, so all score alike); then, per customer
     * i: every third buys 10 + i on the start day, every fourth 5 on the window's last day, every fifth refunds 7
     * inside the window, every seventh buys 1000 the day after the window, every eleventh 500 the day before it.
     */
    private static List<Order> orders() {
        List<Order> orders = new ArrayList<>();
        LocalDate last = START.plusDays(WINDOW_DAYS - 1);
        for (int i = 1; i <= CUSTOMERS; i++) {
            String c = customer(i);
            orders.add(new Order(c, LocalDate.of(2024, 12, 1), new BigDecimal("100")));
            if (i % 3 == 0) orders.add(new Order(c, START, BigDecimal.valueOf(10 + i)));
            if (i % 4 == 0) orders.add(new Order(c, last, new BigDecimal("5")));
            if (i % 5 == 0) orders.add(new Order(c, START.plusDays(3), new BigDecimal("-7")));
            if (i % 7 == 0) orders.add(new Order(c, last.plusDays(1), new BigDecimal("1000")));
            if (i % 11 == 0) orders.add(new Order(c, START.minusDays(1), new BigDecimal("500")));
        }
        return orders;
    }

    private static String customer(int i) {
        return String.format("CMP-%03d", i);
    }

    private static Long importedRun;

    /** Imports {@link #orders()} and scores them as of 2025-01-01, once per class; answers the run. */
    private long importedAndScored() throws Exception {
        if (importedRun != null) return importedRun;
        StringBuilder csv = new StringBuilder("order_id,customer_id,order_date,amount\n");
        int n = 0;
        for (Order o : orders()) {
            csv.append("O-")
                    .append(++n)
                    .append(',')
                    .append(o.customer())
                    .append(',')
                    .append(o.date())
                    .append(',')
                    .append(o.amount())
                    .append('\n');
        }
        HttpResponse<String> imported = api.postCsv("api/imports?fileName=campaign.csv", csv.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        importedRun = api.succeededRun("2025-01-01");
        return importedRun;
    }

    @Test
    void campaignOnASegmentHoldsOutAReproducibleControlGroupAndMeasuresIt() throws Exception {
        long run = importedAndScored();
        String segment = json(api.get("api/customers/CMP-001")).getString("segment");

        String body = "{\"name\": \"Win back\", \"scheme\": \"standard\", \"segment\": \"" + segment
                + "\", \"controlShare\": 0.1, \"seed\": 20250110, \"startDate\": \"" + START
                + "\", \"windowDays\": " + WINDOW_DAYS + "}";
        HttpResponse<String> created = api.postJson("api/campaigns", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject campaign = json(created);
        long id = campaign.getJsonNumber("id").longValue();
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/campaigns/" + id));
        assertThat(campaign.getJsonNumber("runId").longValue()).isEqualTo(run);
        assertThat(campaign.getString("segment")).isEqualTo(segment);
        assertThat(campaign.getJsonNumber("seed").longValue()).isEqualTo(20250110);
        assertThat(campaign.getJsonNumber("controlShare").doubleValue()).isEqualTo(0.1);
        long treatmentSize = campaign.getJsonNumber("treatmentCustomers").longValue();
        long controlSize = campaign.getJsonNumber("controlCustomers").longValue();
        assertThat(treatmentSize + controlSize).isEqualTo(CUSTOMERS);
        assertThat(controlSize).as("10 % of 60, within sampling error").isBetween(1L, 15L);
        assertThat(json(api.get("api/campaigns/" + id)).getString("name")).isEqualTo("Win back");

        // the exported target list is the treatment group: it never contains a control customer
        HttpResponse<String> exported = api.getCsv("api/campaigns/" + id + "/members?group=treatment");
        assertThat(exported.statusCode()).isEqualTo(200);
        Set<String> treatment = new HashSet<>();
        exported.body().lines().skip(1).forEach(l -> treatment.add(l.substring(0, l.indexOf(','))));
        JsonObject controlPage = json(api.get("api/campaigns/" + id + "/members?group=control&size=1000"));
        Set<String> control = new HashSet<>();
        controlPage
                .getJsonArray("customers")
                .forEach(c -> control.add(c.asJsonObject().getString("customerId")));
        assertThat(treatment).hasSize((int) treatmentSize).doesNotContainAnyElementsOf(control);
        assertThat(control).hasSize((int) controlSize);
        assertThat(controlPage.getJsonNumber("total").longValue()).isEqualTo(controlSize);

        // the same seed and target draw the same control group again
        HttpResponse<String> again = api.postJson("api/campaigns", body.replace("Win back", "Win back again"));
        long againId = json(again).getJsonNumber("id").longValue();
        Set<String> controlAgain = new HashSet<>();
        json(api.get("api/campaigns/" + againId + "/members?group=control&size=1000"))
                .getJsonArray("customers")
                .forEach(c -> controlAgain.add(c.asJsonObject().getString("customerId")));
        assertThat(controlAgain).isEqualTo(control);

        // the result equals a count of the imported orders in the window, per group
        JsonObject result = json(api.get("api/campaigns/" + id + "/result"));
        assertThat(result.getBoolean("complete")).isTrue(); // the window ended in February 2025
        assertGroup(result.getJsonObject("treatment"), treatment);
        assertGroup(result.getJsonObject("control"), control);
        double buyersT = result.getJsonObject("treatment").getInt("buyers") / (double) treatmentSize;
        double buyersC = result.getJsonObject("control").getInt("buyers") / (double) controlSize;
        JsonObject repurchase = result.getJsonObject("repurchaseUplift");
        assertThat(repurchase.getJsonNumber("estimate").doubleValue()).isCloseTo(buyersT - buyersC, within(1e-12));
        assertThat(repurchase.getJsonNumber("ci95Low").doubleValue()).isLessThan(buyersT - buyersC);
        assertThat(repurchase.getJsonNumber("ci95High").doubleValue()).isGreaterThan(buyersT - buyersC);
        JsonObject revenue = result.getJsonObject("revenuePerCustomerUplift");
        assertThat(revenue.getJsonNumber("ci95Low").doubleValue())
                .isLessThan(revenue.getJsonNumber("estimate").doubleValue());

        // an uploaded list of one: CMP-001 draws treatment with seed 1 (campaign_reference.py), the control group is
        // empty, and what cannot be computed is null
        HttpResponse<String> listed = api.postJson(
                "api/campaigns",
                "{\"name\": \"One\", \"customerIds\": [\"CMP-001\"], \"seed\": 1, \"startDate\": \"" + START
                        + "\", \"windowDays\": 30}");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        JsonObject one = json(listed);
        assertThat(one.isNull("scheme")).isTrue();
        assertThat(one.isNull("runId")).isTrue();
        assertThat(one.getInt("treatmentCustomers")).isEqualTo(1);
        JsonObject alone = json(api.get("api/campaigns/" + one.getJsonNumber("id") + "/result"));
        assertThat(alone.getJsonObject("control").getInt("customers")).isZero();
        assertThat(alone.getJsonObject("control").isNull("repurchaseRate")).isTrue();
        assertThat(alone.getJsonObject("repurchaseUplift").isNull("estimate")).isTrue();
        assertThat(alone.getJsonObject("revenuePerCustomerUplift").isNull("ci95Low"))
                .isTrue();
    }

    /** Customers, buyers (a purchase, amount ≥ 0, in the window), purchases and net revenue in the window. */
    private static void assertGroup(JsonObject group, Set<String> members) {
        LocalDate end = START.plusDays(WINDOW_DAYS);
        Map<String, Integer> purchases = new HashMap<>();
        BigDecimal revenue = BigDecimal.ZERO;
        for (Order o : orders()) {
            if (!members.contains(o.customer())
                    || o.date().isBefore(START)
                    || !o.date().isBefore(end)) continue;
            revenue = revenue.add(o.amount());
            if (o.amount().signum() >= 0) purchases.merge(o.customer(), 1, Integer::sum);
        }
        assertThat(group.getInt("customers")).isEqualTo(members.size());
        assertThat(group.getInt("buyers")).isEqualTo(purchases.size());
        assertThat(group.getInt("orders"))
                .isEqualTo(
                        purchases.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(group.getJsonNumber("revenue").bigDecimalValue()).isEqualByComparingTo(revenue);
    }

    @Test
    void aCampaignAskedForWronglyNamesEveryField() throws Exception {
        HttpResponse<String> response = api.postJson(
                "api/campaigns",
                "{\"scheme\": \"rfm\", \"segment\": \"AT_RISK\", \"controlShare\": 1.5, \"startDate\": \"soon\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = json(response);
        assertThat(error.getString("error")).isEqualTo("INVALID_CAMPAIGN");
        assertThat(error.getJsonArray("details").stream()
                        .map(JsonValue::asJsonObject)
                        .map(d -> d.getString("field")))
                .containsExactlyInAnyOrder("startDate", "windowDays", "name", "scheme", "controlShare");

        HttpResponse<String> unknown = api.postJson(
                "api/campaigns",
                "{\"name\": \"VIP\", \"customerIds\": [\"NOBODY-1\", \"NOBODY-2\"], \"windowDays\": 30}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).getString("message")).contains("'NOBODY-1'").contains("'NOBODY-2'");
        assertThat(api.get("api/campaigns/999999").statusCode()).isEqualTo(404);
    }

    // ---- the Campaigns page --------------------------------------------------------------------------------------

    /**
     * The Campaigns page in Chromium: a campaign made through the form on a segment with a fixed seed (a window of 0
     * days named at its field first) opens with the numbers of {@code GET /api/campaigns/{id}/result}; its treatment
     * CSV is the API's; the page in Chinese; a viewer reads the campaign but gets no form.
     */
    @Test
    void theCampaignsPageCreatesACampaignAndShowsTheApisResult() throws Exception {
        importedAndScored();
        URL site = Browser.localhost(base);
        browser.loggedIn(site);
        browser.findElement(By.id("nav-campaigns")).click();
        browser.waitForPage().until(textToBe(HEADING, "Campaigns"));

        // a segment of the run the page offers (the test timer's runs may have replaced the class's own run)
        Select segments = new Select(browser.findElement(By.id("campaignForm:segment")));
        String segment = segments.getOptions().get(0).getAttribute("value");
        segments.selectByValue(segment);
        type("campaignForm:name", "Spring win-back");
        type("campaignForm:seed", "20250110");
        type("campaignForm:startDate_input", START.toString());
        browser.findElement(By.id("campaignForm:windowDays")).clear();
        browser.findElement(By.id("campaignForm:windowDays")).sendKeys("0", Keys.ENTER); // p:defaultCommand
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("campaignForm:windowDaysMessage"))
                                .isEmpty());
        assertThat(browser.text(By.id("campaignForm:windowDaysMessage"))).contains("1 to 3650 days");
        assertThat(browser.text(By.id("campaignForm:nameMessage"))).isEmpty();

        type("campaignForm:windowDays", Integer.toString(WINDOW_DAYS));
        browser.findElement(By.id("campaignForm:create")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("detailName")));
        String url = browser.getCurrentUrl();
        long id = Long.parseLong(url.substring(url.indexOf("id=") + 3).replaceAll("\\D.*", ""));
        JsonObject campaign = json(api.get("api/campaigns/" + id));
        assertThat(campaign.getString("name")).isEqualTo("Spring win-back");
        assertThat(campaign.getString("segment")).isEqualTo(segment);
        assertThat(campaign.getJsonNumber("seed").longValue()).isEqualTo(20250110);
        assertThat(campaign.getJsonNumber("controlShare").doubleValue()).isEqualTo(0.1);
        assertThat(campaign.getString("startDate")).isEqualTo(START.toString());
        assertThat(campaign.getInt("windowDays")).isEqualTo(WINDOW_DAYS);

        JsonObject result = json(api.get("api/campaigns/" + id + "/result"));
        for (String group : List.of("treatment", "control")) {
            JsonObject g = result.getJsonObject(group);
            assertThat(browser.text(By.id(group + "Customers"))).isEqualTo(Integer.toString(g.getInt("customers")));
            assertThat(browser.text(By.id(group + "Buyers"))).isEqualTo(Integer.toString(g.getInt("buyers")));
            assertThat(browser.text(By.id(group + "Orders"))).isEqualTo(Integer.toString(g.getInt("orders")));
            assertThat(browser.text(By.id(group + "Rate")))
                    .isEqualTo(decimal(g.getJsonNumber("repurchaseRate").doubleValue() * 100, 1) + " %");
            assertThat(browser.text(By.id(group + "Revenue")))
                    .isEqualTo(decimal(g.getJsonNumber("revenuePerCustomer").bigDecimalValue(), 2));
        }
        assertThat(browser.text(By.id("repurchaseUplift")))
                .isEqualTo(uplift(result.getJsonObject("repurchaseUplift"), 100, 1, " pp"));
        assertThat(browser.text(By.id("revenueUplift")))
                .isEqualTo(uplift(result.getJsonObject("revenuePerCustomerUplift"), 1, 2, ""));
        assertThat(result.getBoolean("complete")).isTrue();
        assertThat(browser.text(By.id("detailState"))).isEqualTo("Complete");
        assertThat(browser.text(By.id("chartNote"))).contains(browser.text(By.id("repurchaseUplift")));
        assertThat(browser.findElement(By.id("resultChart")).findElements(By.tagName("canvas")))
                .isNotEmpty();
        assertThat(browser.text(By.id("listForm:campaigns"))).contains("Spring win-back", "Complete");
        browser.wholePageScreenshot("campaigns");

        // the download is the API's treatment list, row for row
        browser.clearDownloads();
        browser.findElement(By.id("detailForm:downloadTreatment")).click();
        Path downloaded = browser.awaitDownload(".csv");
        assertThat(Files.readAllLines(downloaded))
                .isEqualTo(api.getCsv("api/campaigns/" + id + "/members?group=treatment")
                        .body()
                        .lines()
                        .toList())
                .hasSize(1 + campaign.getInt("treatmentCustomers"));

        browser.findElement(By.id("topbar:chinese")).click();
        browser.waitForPage().until(textToBe(HEADING, "营销活动"));
        assertThat(browser.text(By.id("detailState"))).isEqualTo("已结束");
        assertThat(browser.text(By.id("repurchaseUplift"))).contains("个百分点", "95% 置信区间");
        assertThat(browser.text(By.id("campaignForm"))).contains("新建活动", "观察期（天）");
        browser.wholePageScreenshot("campaigns-zh");
        browser.findElement(By.id("topbar:english")).click();
        browser.waitForPage().until(textToBe(HEADING, "Campaigns"));

        // a viewer reads the campaign, but has no form to create one
        String viewer = "campaign-viewer";
        HttpResponse<String> created = api.postJson(
                "api/users",
                "{\"username\":\"" + viewer + "\",\"password\":\"viewer-password-1\",\"role\":\"VIEWER\","
                        + "\"mustChangePassword\":false}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        browser.findElement(By.id("topbar:logout")).click();
        browser.logIn(site, viewer, "viewer-password-1");
        browser.get(site + "campaigns.xhtml?id=" + id);
        browser.waitForPage().until(visibilityOfElementLocated(By.id("detailName")));
        assertThat(browser.text(By.id("treatmentCustomers")))
                .isEqualTo(Integer.toString(result.getJsonObject("treatment").getInt("customers")));
        assertThat(browser.findElements(By.id("campaignForm"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-campaigns"))).isNotEmpty();
        browser.findElement(By.id("topbar:logout")).click();
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    private static String decimal(Object value, int digits) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(RoundingMode.HALF_EVEN);
        return format.format(value);
    }

    private static String signed(double value, int digits) {
        String shown = decimal(Math.abs(value), digits);
        return (shown.equals(decimal(0.0, digits)) ? "±" : value > 0 ? "+" : "\u2212") + shown;
    }

    /** An uplift as the page words it: "+4.2 pp (95 % CI +1.1 to +7.3 pp)". */
    private static String uplift(JsonObject u, double scale, int digits, String unit) {
        if (u.isNull("estimate")) return "not enough data";
        String interval = u.isNull("ci95Low")
                ? "not enough data"
                : "95 % CI " + signed(u.getJsonNumber("ci95Low").doubleValue() * scale, digits) + " to "
                        + signed(u.getJsonNumber("ci95High").doubleValue() * scale, digits) + unit;
        return signed(u.getJsonNumber("estimate").doubleValue() * scale, digits) + unit + " (" + interval + ")";
    }
}
