package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Settings page in headless Chromium against the real WAR on an empty database: a small file imported and scored
 * through the API; the admin fills the form from the Finance preset, gets a message at the field she got wrong,
 * previews the draft (its counts add up to the customers the compared run scored, as {@code /api/runs/{id}} says),
 * saves, and {@code GET /api/profiles} shows the saved settings active; the page in Chinese; an analyst is refused.
 */
@ExtendWith(DashboardIT.ChromiumInstalled.class)
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettingsPageIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String ANALYST = "settings-analyst";
    private static final String ANALYST_PASSWORD = "settings-analyst-password-2";
    private static final Pattern COMPARED = Pattern.compile("Compared with run (\\d+) ");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @RegisterExtension
    static final Browser browser = new Browser("settings").window(1400, 2200);

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(base);
    }

    @Test
    @Order(1)
    void theAdminStartsFromAPresetPreviewsAndSaves() throws Exception {
        HttpResponse<String> imported = api.postCsv("api/imports?fileName=settings-page.csv", orders());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        long run = scoredRun();

        browser.logIn(base, "admin", ApiClient.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-settings")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Scoring settings"));
        assertThat(value("windowMonths")).isEqualTo("0");
        assertThat(value("frequencyThresholds")).isEqualTo("1, 2, 3, 5");

        // start from the Finance preset: the form changes, nothing is stored yet
        choose("settingsForm:preset", "Finance and insurance");
        browser.findElement(By.id("settingsForm:loadPreset")).click();
        browser.waitForPage().until(d -> "24".equals(value("windowMonths")));
        assertThat(value("name")).isEqualTo("FINANCE");
        assertThat(value("frequencyThresholds")).isEqualTo("1, 3, 6, 12");
        assertThat(value("dormantDays")).isEqualTo("180");
        assertThat(value("lostDays")).isEqualTo("365");
        assertThat(value("margin")).isEqualTo("0.20");
        assertThat(object(api.get("api/profiles")).getString("active")).contains("name=RETAIL");

        // a wrong value: the message stands next to its field, in the marketer's words
        type("lostDays", "100");
        type("frequencyThresholds", "1, 3, 6");
        browser.findElement(By.id("settingsForm:preview")).click();
        browser.waitForPage()
                .until(textToBe(By.id("settingsForm:lostDaysMessage"), "Must be more than the dormant limit."));
        assertThat(browser.findElement(By.id("settingsForm:frequencyThresholdsMessage"))
                        .getText())
                .isEqualTo("Enter exactly 4 limits (one fewer than the score levels).");
        browser.screenshot("settings-invalid");

        // corrected and previewed against the current run
        type("lostDays", "365");
        type("frequencyThresholds", "1, 3, 6, 12");
        browser.findElement(By.id("settingsForm:preview")).click();
        browser.waitUpTo(RUN_TIMEOUT).until(visibilityOfElementLocated(By.id("settingsForm:currentScored")));
        assertThat(browser.findElements(By.id("settingsForm:lostDaysMessage")).stream()
                        .map(WebElement::getText)
                        .filter(t -> !t.isBlank()))
                .isEmpty();
        Matcher compared = COMPARED.matcher(browser.text(By.id("previewSummary")));
        assertThat(compared.find()).isTrue();
        long comparedRun = Long.parseLong(compared.group(1));
        JsonObject runJson = object(api.get("api/runs/" + comparedRun));
        long scored = runJson.getJsonNumber("customersScored").longValue();
        assertThat(scored).isEqualTo(40);
        long currentScored = number("currentScored");
        long kept = number("kept");
        long moved = number("moved");
        assertThat(currentScored).isEqualTo(scored);
        assertThat(kept + moved).isEqualTo(scored);
        long movedOut = 0;
        for (List<String> row : rows("segmentMoves")) {
            if (!row.get(0).equals("no segment")) movedOut += Long.parseLong(row.get(2));
        }
        assertThat(movedOut).isEqualTo(moved);
        // the draft's 24-month window keeps the customers with an order in the 24 months before the compared run's
        // reference date (the test servers' timer may have made a run as of today current since ours)
        LocalDate reference = LocalDate.parse(runJson.getString("referenceDate"));
        assertThat(number("draftScored")).isEqualTo(customersWithOrdersBetween(reference.minusMonths(24), reference));
        // the 8 value segments add up the same way
        long cn8MovedOut = 0;
        for (List<String> row : rows("cn8Moves")) {
            if (!row.get(0).equals("no segment")) cn8MovedOut += Long.parseLong(row.get(2));
        }
        assertThat(number("cn8Kept") + cn8MovedOut).isEqualTo(scored);
        // predicted CLV of all customers now = the compared run's values summed (every customer has a segment there)
        BigDecimal clvNow = BigDecimal.ZERO;
        for (JsonObject segment : Json.createReader(new StringReader(
                        api.get("api/segments?runId=" + comparedRun).body()))
                .readArray()
                .getValuesAs(JsonObject.class)) {
            String csv = api.getCsv("api/segments/" + segment.getString("code") + "/customers?runId=" + comparedRun)
                    .body();
            for (String line : csv.lines().skip(1).toList()) {
                String value = line.substring(line.lastIndexOf(',') + 1);
                if (!value.isEmpty()) clvNow = clvNow.add(new BigDecimal(value));
            }
        }
        assertThat(money("clvNow")).isEqualByComparingTo(clvNow.setScale(2, java.math.RoundingMode.HALF_UP));
        BigDecimal clvDraft = money("clvDraft");
        assertThat(clvDraft).isNotNegative();
        if (clvNow.signum() != 0) { // the change as the page words it, from the two totals it shows
            BigDecimal change = clvDraft.subtract(money("clvNow"))
                    .multiply(BigDecimal.valueOf(100))
                    .divide(money("clvNow"), 1, java.math.RoundingMode.HALF_UP);
            assertThat(browser.text(By.id("settingsForm:clvChange")))
                    .isEqualTo("(" + (change.signum() >= 0 ? "+" : "") + change.toPlainString() + " %)");
        }
        assertThat(browser.findElement(By.id("previewStale")).isDisplayed()).isFalse();
        browser.screenshot("settings-preview");

        // an edit after the preview marks it out of date until it is computed again
        type("margin", "0.25");
        browser.waitForPage().until(d -> d.findElement(By.id("previewStale")).isDisplayed());
        type("margin", "0.20");
        browser.findElement(By.id("settingsForm:preview")).click();
        browser.waitUpTo(RUN_TIMEOUT)
                .until(d -> !d.findElements(By.id("settingsForm:currentScored")).isEmpty()
                        && !d.findElement(By.id("previewStale")).isDisplayed());

        // saved: the same path as PUT /api/profiles; the next run uses it
        browser.findElement(By.id("settingsForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.growls().contains("Settings FINANCE saved. The next scoring run uses them."));
        assertThat(browser.findElement(By.id("settingsForm:runNow")).getAttribute("href"))
                .endsWith("/runs.xhtml");
        JsonObject profiles = object(api.get("api/profiles"));
        assertThat(profiles.getString("active"))
                .contains("name=FINANCE")
                .contains("windowMonths=24")
                .contains("frequency=FIXED:1,3,6,12")
                .contains("lifecycle=FIXED:180,365")
                .contains("margin=0.20");
        JsonObject stored = profiles.getJsonArray("stored").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("name").equals("FINANCE"))
                .findFirst()
                .orElseThrow();
        assertThat(stored.getBoolean("active")).isTrue();
        assertThat(stored.getString("preset")).isEqualTo("FINANCE");
        assertThat(stored.getString("updatedBy")).isEqualTo("admin");
        assertThat(browser.text(By.id("settingsForm:activeStored"))).isEqualTo("FINANCE");
        assertThat(browser.text(By.id("settingsForm:activeBy"))).isEqualTo("admin");
        browser.screenshot("settings-saved");
        assertThat(run).isPositive();
    }

    @Test
    @Order(2)
    void theLabelsAreChineseWhenSwitched() throws Exception {
        browser.get(base + "settings.xhtml");
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Scoring settings"));
        browser.findElement(By.id("topbar:chinese")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "评分设置"));
        assertThat(browser.text(By.id("nav-settings"))).isEqualTo("设置");
        assertThat(browser.findElement(By.cssSelector("label[for='settingsForm:windowMonths']"))
                        .getText())
                .startsWith("回溯月数");
        assertThat(browser.findElement(By.cssSelector("label[for='settingsForm:lostDays']"))
                        .getText())
                .startsWith("流失界限（天）");
        type("margin", "2");
        browser.findElement(By.id("settingsForm:save")).click();
        browser.waitForPage().until(textToBe(By.id("settingsForm:marginMessage"), "须大于 0 且不超过 1（0.30 = 30%）。"));
        browser.screenshot("settings-zh");
        browser.findElement(By.id("topbar:english")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Scoring settings"));
        // nothing of the refused save was stored
        assertThat(object(api.get("api/profiles")).getString("active")).contains("margin=0.20");
    }

    @Test
    @Order(3)
    void anAnalystIsRefused() throws Exception {
        HttpResponse<String> created = api.postJson(
                "api/users",
                "{\"username\":\"" + ANALYST + "\",\"password\":\"settings-analyst-password-1\",\"role\":\"ANALYST\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> changed = api.send(
                "PUT",
                "api/users/me/password",
                ANALYST,
                "settings-analyst-password-1",
                "application/json",
                "{\"currentPassword\":\"settings-analyst-password-1\",\"newPassword\":\"" + ANALYST_PASSWORD + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        browser.findElement(By.id("topbar:logout")).click();
        browser.logIn(base, ANALYST, ANALYST_PASSWORD);
        assertThat(browser.findElements(By.id("nav-settings"))).isEmpty();
        browser.get(base + "settings.xhtml");
        browser.waitForPage().until(d -> d.getPageSource().contains("You do not have permission for this page."));
        assertThat(browser.findElements(By.id("settingsForm:save"))).isEmpty();
        // and the API refuses her changes as well
        assertThat(api.send("PUT", "api/profiles", ANALYST, ANALYST_PASSWORD, "text/plain", "name=X")
                        .statusCode())
                .isEqualTo(403);
    }

    /** Imports nothing itself: a run as of 2025-01-01, once the timer's run (if any) has finished. */
    private long scoredRun() {
        return api.succeededRun("2025-01-01");
    }

    /** Customers of {@link #orders()} with an order on or after {@code from} and before {@code to}. */
    private static long customersWithOrdersBetween(LocalDate from, LocalDate to) {
        long customers = 0;
        for (int c = 1; c <= 40; c++) {
            boolean any = false;
            for (int i = 0; i < 1 + c % 5; i++) {
                LocalDate date = orderDate(c, i);
                any |= !date.isBefore(from) && date.isBefore(to);
            }
            if (any) customers++;
        }
        return customers;
    }

    private static LocalDate orderDate(int customer, int order) {
        return LocalDate.of(2024, 1, 1).plusDays((customer * 7L + order * 53L) % 360);
    }

    /** 40 customers with 1 to 5 orders each in 2024. */
    private static String orders() {
        StringBuilder csv = new StringBuilder("order_id,customer_id,order_date,amount\n");
        int order = 0;
        for (int c = 1; c <= 40; c++) {
            int count = 1 + c % 5;
            for (int i = 0; i < count; i++) {
                LocalDate date = orderDate(c, i);
                csv.append("SP-")
                        .append(++order)
                        .append(",SPC-")
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

    private static String value(String field) {
        return browser.findElement(By.id("settingsForm:" + field)).getAttribute("value");
    }

    private static void type(String field, String text) {
        browser.type(By.id("settingsForm:" + field), text);
    }

    private static long number(String id) {
        return Long.parseLong(browser.text(By.id("settingsForm:" + id)).replace(",", ""));
    }

    /** Picks an option of a PrimeFaces select menu by its label, with the keyboard: focus, then arrow down. */
    private static void choose(String id, String label) {
        WebElement menu = browser.findElement(By.id(id + "_label")); // the focusable combobox
        for (int i = 0; i < 10 && !browser.text(By.id(id + "_label")).equals(label); i++) {
            menu.sendKeys(Keys.ARROW_DOWN);
            browser.waitForPage().until(d -> browser.ajaxIdle());
        }
        assertThat(browser.text(By.id(id + "_label"))).isEqualTo(label);
    }

    /** A money cell of the preview in English number format ("1,234.50"). */
    private static BigDecimal money(String id) {
        return new BigDecimal(browser.text(By.id("settingsForm:" + id)).replace(",", ""));
    }

    private List<List<String>> rows(String table) {
        return browser.tableRows("settingsForm:" + table);
    }

    private static JsonObject object(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
