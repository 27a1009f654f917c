package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Pulling orders from a shop's own PostgreSQL through the deployed WAR: an ADMIN adds the source (the password never
 * comes back), tests it (20 rows of 30), pulls; the pull is in the import history and its customers are scored by
 * the next run; a second pull brings only the new order. ANALYSTs and VIEWERs cannot add sources.
 */
@ExtendWith({DashboardIT.ChromiumInstalled.class, FreshDatabase.class, ArquillianExtension.class})
class DataSourceIT {

    @RegisterExtension
    static final Browser browser = new Browser("sources").window(1400, 1800);

    /** The shop's orders under other ids, so the page's pull leaves the API test's counts alone. */
    private static final String PAGE_QUERY = "select 'WEB-' || c.id as customer_id, 'WEB-SO-' || o.id as order_id,"
            + " o.placed_at as order_date, o.total as amount, c.email as customer_email, o.updated_at"
            + " from shop_order o join shop_customer c on c.id = o.customer_id order by o.id";

    private static final String JSON = "application/json";
    private static final String SHOP_PASSWORD = "shop-password-1";
    private static final String QUERY = "select 'SHOP-' || c.id as customer_id, 'SO-' || o.id as order_id,"
            + " o.placed_at as order_date, o.total as amount, c.email as customer_email, o.updated_at"
            + " from shop_order o join shop_customer c on c.id = o.customer_id";

    private static EmbeddedPostgres shop;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeAll
    static void startShop() throws Exception {
        shop = EmbeddedPostgres.builder().start();
        try (Connection c = shop.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create role shop_reader login password '" + SHOP_PASSWORD + "'");
            s.execute("create table shop_customer (id int primary key, email text)");
            s.execute("create table shop_order (id int primary key, customer_id int not null, placed_at date not null,"
                    + " total numeric(10, 2) not null, updated_at timestamp not null)");
            s.execute("grant select on shop_customer, shop_order to shop_reader");
            s.execute("insert into shop_customer select n, 'buyer' || n || '@shop.test' from generate_series(1, 10) n");
            // 30 orders in 2024 by 10 customers
            s.execute("insert into shop_order select n, 1 + n % 10, date '2024-01-01' + n * 7, 5 + n,"
                    + " timestamp '2024-06-01 00:00' + n * interval '1 minute' from generate_series(1, 30) n");
        }
    }

    @AfterAll
    static void stopShop() throws Exception {
        shop.close();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(base);
    }

    private static JsonObject object(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String source(String name) {
        return "{\"name\":\"" + name + "\",\"jdbcUrl\":\"" + "jdbc:postgresql://localhost:" + shop.getPort()
                + "/postgres"
                + "\",\"user\":\"shop_reader\",\"password\":\"" + SHOP_PASSWORD + "\",\"query\":\"" + QUERY
                + "\",\"watermarkColumn\":\"updated_at\",\"schedule\":\"every 15 minutes\"}";
    }

    /** Starts a pull and waits for its import record to be finished; the record. */
    private JsonObject pulled(long sourceId) throws Exception {
        HttpResponse<String> pull = api.postJson("api/sources/" + sourceId + "/pull", "");
        assertThat(pull.statusCode()).as(pull.body()).isEqualTo(202);
        long importId = object(pull).getJsonNumber("importId").longValue();
        AtomicReference<JsonObject> record = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    record.set(object(api.get("api/imports/" + importId)));
                    return !record.get().getString("status").equals("QUEUED");
                });
        return record.get();
    }

    @Test
    void anAdminAddsTheShopTestsItPullsAndTheCustomersAreScored() throws Exception {
        // tried before saving; the embedded server trusts local passwords, so an unknown user shows a refusal
        JsonObject wrongUser =
                object(api.postJson("api/sources/test", source("shop").replace("shop_reader", "nobody")));
        assertThat(wrongUser.getBoolean("connected")).isFalse();
        assertThat(wrongUser.getString("error")).contains("\"nobody\" does not exist");

        HttpResponse<String> created = api.postJson("api/sources", source("shop"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(SHOP_PASSWORD).doesNotContain("v1:");
        long id = object(created).getJsonNumber("id").longValue();
        assertThat(object(created).getBoolean("hasPassword")).isTrue();
        assertThat(api.get("api/sources").body()).doesNotContain(SHOP_PASSWORD).contains("\"name\":\"shop\"");

        JsonObject test = object(api.postJson("api/sources/" + id + "/test", ""));
        assertThat(test.getBoolean("connected")).as(test.toString()).isTrue();
        assertThat(test.getBoolean("ready")).isTrue();
        assertThat(test.getJsonArray("rows")).hasSize(20);
        assertThat(test.getString("watermarkKind")).isEqualTo("TIMESTAMP");

        JsonObject first = pulled(id);
        assertThat(first.getString("status")).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.getString("fileName")).isEqualTo("source: shop");
        assertThat(first.getJsonNumber("rowsImported").longValue()).isEqualTo(30);
        assertThat(first.getJsonNumber("customersCreated").longValue()).isEqualTo(10);
        assertThat(api.get("api/imports").body()).contains("\"id\":" + first.getJsonNumber("id"));
        assertThat(object(api.get("api/sources/" + id)).getString("watermark")).isEqualTo("2024-06-01T00:30");

        try (Connection c = shop.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("insert into shop_order values (31, 3, date '2024-08-01', 99.50, timestamp '2024-06-02 00:00')");
        }
        JsonObject second = pulled(id);
        assertThat(second.getJsonNumber("rowsImported").longValue()).isEqualTo(1);
        assertThat(second.getJsonNumber("rowsDuplicate").longValue())
                .as("the 5 minute overlap re-reads orders 25 to 30")
                .isEqualTo(6);

        api.succeededRun("2025-01-01");
        JsonObject customer = object(api.get("api/customers/SHOP-3"));
        // orders 2, 12, 22 and the new 31: four purchases, 7 + 17 + 27 + 99.50
        assertThat(customer.getJsonNumber("frequency").longValue()).isEqualTo(4);
        assertThat(customer.getJsonNumber("monetary").bigDecimalValue()).isEqualByComparingTo("150.50");
        assertThat(customer.getString("segment")).isNotBlank();
    }

    @Test
    void onlyAdminsManageSourcesAndBadFieldsAreNamed() throws Exception {
        for (String role : new String[] {"ANALYST", "VIEWER"}) {
            String name = "src-" + role.toLowerCase() + "-"
                    + UUID.randomUUID().toString().substring(0, 6);
            String password = "password-of-" + name;
            HttpResponse<String> user = api.postJson(
                    "api/users",
                    "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
            assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
            HttpResponse<String> refused = api.send("POST", "api/sources", name, password, JSON, source("no"));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(api.send("GET", "api/sources", name, password, null, null)
                            .statusCode())
                    .isEqualTo(403);
        }

        HttpResponse<String> bad = api.postJson(
                "api/sources",
                "{\"name\":\"\",\"jdbcUrl\":\"jdbc:h2:mem:x\",\"query\":\"delete from x\",\"watermarkColumn\":\"a b\","
                        + "\"schedule\":\"at noon\",\"overlapMinutes\":\"5\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(object(bad).getString("error")).isEqualTo("INVALID_FIELDS");
        assertThat(object(bad).getJsonArray("details").stream()
                        .map(d -> d.asJsonObject().getString("field"))
                        .toList())
                .containsExactly("jdbcUrl", "name", "overlapMinutes", "query", "schedule", "watermarkColumn");
    }

    @Test
    void theDataSourcesPageAddsTestsAndPullsASource() throws Exception {
        openSourcesPage();

        String url = "jdbc:postgresql://localhost:" + shop.getPort() + "/postgres";
        type("sourceForm:name", "web shop");
        type("sourceForm:jdbcUrl", url);
        type("sourceForm:user", "shop_reader");
        type("sourceForm:password", SHOP_PASSWORD);
        type("sourceForm:watermarkColumn", "updated_at");
        // no query yet: the problem shows at the field, nothing is stored
        browser.findElement(By.id("sourceForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("sourceForm:queryMessage")).isEmpty());
        assertThat(browser.text(By.id("sourceForm:queryMessage"))).contains("is required");
        assertThat(api.get("api/sources").body()).doesNotContain("web shop");

        // the password field is write-only: after the refused save it is empty again
        type("sourceForm:password", SHOP_PASSWORD);
        type("sourceForm:query", PAGE_QUERY);
        browser.findElement(By.id("sourceForm:test")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.tableRows("sourceForm:preview").isEmpty());
        List<List<String>> shown = browser.tableRows("sourceForm:preview");
        assertThat(shown).hasSize(20);
        assertThat(shown.get(0)).isEqualTo(firstShopRow());
        assertThat(browser.text(By.id("previewSummary"))).contains("TIMESTAMP");
        assertThat(api.get("api/sources").body()).as("a test stores nothing").doesNotContain("web shop");
        browser.screenshot("sources-test");

        browser.findElement(By.id("sourceForm:save")).click();
        browser.waitForPage().until(d -> browser.growls().stream().anyMatch(g -> g.contains("\"web shop\" saved")));
        JsonObject stored = sourceNamed("web shop");
        assertThat(stored).isNotNull();
        assertThat(stored.getBoolean("hasPassword")).isTrue();
        assertThat(stored.getString("schedule")).isEmpty();
        int row = sourceRow("web shop");
        assertThat(browser.text(By.id("sourcesForm:sources:" + row + ":schedule")))
                .isEqualTo("By hand only");
        assertThat(browser.text(By.id("sourcesForm:sources:" + row + ":neverPulled")))
                .isEqualTo("Never pulled");

        // edit: a schedule of every 15 minutes, the password left empty keeps the stored one
        browser.findElement(By.id("sourcesForm:sources:" + row + ":edit")).click();
        browser.waitForPage().until(textToBe(By.id("formTitle"), "Change the data source"));
        new Select(browser.findElement(By.id("sourceForm:scheduleKind"))).selectByValue("EVERY");
        browser.waitForPage().until(visibilityOfElementLocated(By.id("sourceForm:everyMinutes_input")));
        WebElement every = browser.findElement(By.id("sourceForm:everyMinutes_input"));
        every.sendKeys(Keys.chord(Keys.CONTROL, "a"), "15");
        browser.findElement(By.id("sourceForm:save")).click();
        browser.waitForPage().until(d -> browser.growls().stream().anyMatch(g -> g.contains("\"web shop\" saved")));
        browser.waitForPage()
                .until(d -> sourceNamed("web shop").getString("schedule").equals("every 15 minutes"));
        assertThat(sourceNamed("web shop").getBoolean("hasPassword")).isTrue();
        row = sourceRow("web shop");
        assertThat(browser.text(By.id("sourcesForm:sources:" + row + ":schedule")))
                .isEqualTo("Every 15 minutes");

        long id = sourceNamed("web shop").getJsonNumber("id").longValue();
        browser.findElement(By.id("sourcesForm:sources:" + row + ":pull")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("pullForm:pullTitle")));
        long importId = Long.parseLong(browser.text(By.id("pullForm:pullTitle")).replaceAll("\\D", ""));
        browser.waitUpTo(Duration.ofMinutes(2))
                .until(d -> browser.ajaxIdle()
                        && browser.text(By.id("pullForm:pullStatus")).equals("Succeeded"));
        JsonObject record = object(api.get("api/imports/" + importId));
        assertThat(record.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(record.getString("fileName")).isEqualTo("source: web shop");
        assertThat(api.get("api/imports").body()).contains("\"id\":" + importId);
        assertThat(browser.text(By.id("pullForm:pullRows")))
                .isEqualTo(record.getJsonNumber("rowsImported") + " imported, " + record.getJsonNumber("rowsRejected")
                        + " rejected");
        row = sourceRow("web shop");
        String watermark = object(api.get("api/sources/" + id)).getString("watermark");
        assertThat(browser.text(By.id("sourcesForm:sources:" + row + ":watermark")))
                .isEqualTo(watermark);
        assertThat(browser.text(By.id("sourcesForm:sources:" + row + ":lastPullStatus")))
                .isEqualTo("Succeeded");
        // the poll that followed the pull may still re-render its form once: read the link in a wait
        browser.waitForPage().until(d -> d.findElement(By.id("pullForm:toImports"))
                .getAttribute("href")
                .endsWith("import.xhtml"));
        browser.screenshot("sources");

        browser.findElement(By.id("topbar:chinese")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "数据源"));
        assertThat(browser.text(By.id("sourcesForm:sources:" + row + ":schedule")))
                .isEqualTo("每 15 分钟");
        browser.findElement(By.id("sourceForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("sourceForm:queryMessage")).isEmpty());
        assertThat(browser.text(By.id("sourceForm:queryMessage"))).isEqualTo("请输入一条 SELECT 语句（中间不能有“;”）。");
        browser.screenshot("sources-zh");
        browser.findElement(By.id("topbar:english")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Data sources"));

        // an ANALYST has no link to the page and is refused on it
        URL site = Browser.localhost(base);
        String analyst = "src-page-" + UUID.randomUUID().toString().substring(0, 6);
        String analystPassword = "password-of-" + analyst;
        HttpResponse<String> created = api.postJson(
                "api/users",
                "{\"username\":\"" + analyst + "\",\"password\":\"" + analystPassword
                        + "\",\"role\":\"ANALYST\",\"mustChangePassword\":false}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        browser.findElement(By.id("topbar:logout")).click();
        browser.logIn(site, analyst, analystPassword);
        assertThat(browser.findElements(By.id("nav-sources"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-overview"))).isNotEmpty();
        Object status = browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + " fetch('sources.xhtml', {redirect: 'manual'}).then(function (r) { done(r.status); });");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        browser.get(site + "sources.xhtml");
        browser.waitForPage().until(d -> d.getPageSource().contains("You do not have permission for this page."));
        assertThat(browser.findElements(By.id("sourceForm:save"))).isEmpty();
    }

    /** The first row of the page's query as the shop answers it, each value as the preview renders it. */
    private static List<String> firstShopRow() throws Exception {
        try (Connection c = shop.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select * from (" + PAGE_QUERY + ") src")) {
            assertThat(rs.next()).isTrue();
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object value = rs.getObject(i);
                row.add(value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
            }
            return row;
        }
    }

    /**
     * The README's way in: the page fills in the demo shop (the product's own H2 database that sells every minute),
     * the user tests and saves it, and the schedule pulls its orders with nobody pressing "Pull now".
     */
    @Test
    void theDemoShopIsConnectedFromThePageAndPulledOnItsSchedule() throws Exception {
        openSourcesPage();
        browser.findElement(By.id("sourceForm:useDemoShop")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && "Demo shop"
                                .equals(browser.findElement(By.id("sourceForm:name"))
                                        .getAttribute("value")));
        assertThat(browser.findElement(By.id("sourceForm:jdbcUrl")).getAttribute("value"))
                .startsWith("jdbc:h2:file:")
                .endsWith("demo-shop;IFEXISTS=TRUE");
        WebElement every = browser.findElement(By.id("sourceForm:everyMinutes_input"));
        assertThat(every.getAttribute("value")).isEqualTo("5");
        every.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1"); // every minute: the test need not wait 5

        browser.findElement(By.id("sourceForm:test")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.tableRows("sourceForm:preview").isEmpty());
        assertThat(browser.tableRows("sourceForm:preview")).hasSize(20);
        browser.screenshot("sources-demo-shop");

        browser.findElement(By.id("sourceForm:save")).click();
        browser.waitForPage().until(d -> browser.growls().stream().anyMatch(g -> g.contains("\"Demo shop\" saved")));
        JsonObject stored = sourceNamed("Demo shop");
        assertThat(stored.getString("schedule")).isEqualTo("every 1 minutes");
        assertThat(browser.text(By.id("sourcesForm:sources:" + sourceRow("Demo shop") + ":schedule")))
                .isEqualTo("Every minute");
        assertThat(stored.getBoolean("hasPassword")).isTrue();

        // the scheduler pulls it within a minute: the opening orders of the shop, all accepted
        AtomicReference<JsonObject> pulled = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> {
                    pulled.set(Json.createReader(
                                    new StringReader(api.get("api/imports").body()))
                            .readArray()
                            .stream()
                            .map(JsonValue::asJsonObject)
                            .filter(i -> i.getString("fileName").equals("source: Demo shop")
                                    && i.getString("status").equals("SUCCEEDED"))
                            .findFirst()
                            .orElse(null));
                    return pulled.get() != null;
                });
        assertThat(pulled.get().getString("startedBy")).isEqualTo("scheduler");
        assertThat(pulled.get().getJsonNumber("rowsImported").longValue()).isGreaterThanOrEqualTo(40);
        assertThat(pulled.get().getJsonNumber("rowsRejected").longValue()).isZero();
        assertThat(sourceNamed("Demo shop").getString("watermark")).isNotEmpty();
    }

    private void openSourcesPage() throws Exception {
        browser.loggedIn(Browser.localhost(base));
        browser.findElement(By.id("nav-sources")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Data sources"));
    }

    private JsonObject sourceNamed(String name) {
        String body;
        try {
            body = api.get("api/sources").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Json.createReader(new StringReader(body)).readArray().stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> o.getString("name").equals(name))
                .findFirst()
                .orElse(null);
    }

    private int sourceRow(String name) {
        List<List<String>> rows = browser.tableRows("sourcesForm:sources");
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get(0).equals(name)) return i;
        }
        throw new AssertionError("no row " + name + " in " + rows);
    }

    private void type(String id, String text) {
        browser.type(By.id(id), text);
    }
}
