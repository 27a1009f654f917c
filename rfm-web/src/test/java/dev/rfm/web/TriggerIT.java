package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Triggers in the deployed WAR on the embedded H2 (failsafe execution "default" only, which sets {@code
 * RFM_WEBHOOK_ALLOW_HTTP=true}): a trigger made through REST posts to a webhook receiver this test starts (the JDK's
 * HttpServer, checking the signature with its own HMAC code) the customers who entered the lifecycle stage NEW
 * between two runs, and its delivery log says DELIVERED; replay sends the same batch again; a VIEWER may not make one.
 * Then the Triggers page in Chromium: the same delivery log as the API, a trigger made through the form, replay and
 * delete from the page, and no page for a VIEWER.
 *
 * <p>The data make "entered" independent of the test timer's runs (every 30 s, as of today): the two customers of
 * the second file first bought twelve days before the second run's reference date, so only that run has them NEW;
 * the first file's customers bought in 2023 and are NEW in no run.
 */
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TriggerIT {

    @RegisterExtension
    static final Browser browser = new Browser("triggers").window(1400, 1600);

    /** What the REST test leaves for the page test: its trigger, the run that sent a batch, and that batch. */
    private static long triggerId;

    private static long sentRun;
    private static String sentBatch;

    private static final String SECRET = "it-webhook-secret-0123";
    private static final List<String> BODIES = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> BAD_SIGNATURES = Collections.synchronizedList(new ArrayList<>());
    private static HttpServer receiver;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @BeforeAll
    static void webhookReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("X-RFM-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-RFM-Signature");
            boolean fresh =
                    timestamp != null && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300;
            if (fresh && ("sha256=" + hmac(timestamp + "." + body)).equals(signature)) {
                BODIES.add(body);
                exchange.sendResponseHeaders(200, -1);
            } else {
                BAD_SIGNATURES.add(timestamp + " " + signature);
                exchange.sendResponseHeaders(401, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    private static String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ArquillianResource
    URL base;

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static JsonArray array(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static String trigger(String url) {
        return Json.createObjectBuilder()
                .add("name", "Welcome new customers")
                .add("scheme", "lifecycle")
                .add("toSegment", "NEW")
                .add("webhookUrl", url)
                .add("secret", SECRET)
                .build()
                .toString();
    }

    @Test
    @Order(1)
    void customersWhoEnteredAStageArePostedSignedAndLoggedAsDelivered() throws Exception {
        ApiClient api = new ApiClient(base);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        HttpResponse<String> viewer = api.postJson(
                "api/users",
                "{\"username\":\"trigger-viewer\",\"password\":\"viewer-password-1\",\"role\":\"VIEWER\"}");
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(201);
        HttpResponse<String> forbidden = api.send(
                "POST", "api/triggers", "trigger-viewer", "viewer-password-1", "application/json", trigger(url));
        assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);

        HttpResponse<String> invalid = api.postJson(
                "api/triggers",
                "{\"name\":\"x\",\"scheme\":\"standard\",\"toSegment\":\"NEW\",\"webhookUrl\":\"ftp://x\"}");
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(json(invalid.body()).getJsonArray("details").getValuesAs(JsonObject.class))
                .extracting(d -> d.getString("field"))
                .containsExactly("toSegment", "webhookUrl", "secret");

        HttpResponse<String> created = api.postJson("api/triggers", trigger(url));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject view = json(created.body());
        long id = view.getJsonNumber("id").longValue();
        assertThat(view.containsKey("secret")).as("write-only").isFalse();
        assertThat(view.getString("webhookUrl")).isEqualTo(url);

        HttpResponse<String> first = api.postCsv(
                "api/imports?fileName=trigger-1.csv",
                "order_id,customer_id,order_date,amount,quantity,channel\n"
                        + "TR-1,TR-OLD-1,2023-03-01,40.00,1,web\n"
                        + "TR-2,TR-OLD-1,2023-09-01,60.00,1,web\n"
                        + "TR-3,TR-OLD-2,2023-05-10,25.00,1,store\n");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        api.succeededRun("2024-03-01");
        HttpResponse<String> second = api.postCsv(
                "api/imports?fileName=trigger-2.csv",
                "order_id,customer_id,order_date,amount,quantity,channel\n"
                        + "TR-4,TR-NEW-1,2024-05-20,80.00,1,web\n"
                        + "TR-5,TR-NEW-2,2024-05-20,15.00,1,store\n"
                        + "TR-6,TR-OLD-1,2024-05-21,30.00,1,web\n");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        long run = api.succeededRun("2024-06-01");

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> BODIES.stream()
                        .anyMatch(b -> json(b).getJsonNumber("runId").longValue() == run));
        assertThat(BAD_SIGNATURES).isEmpty();
        String sent = BODIES.stream()
                .filter(b -> json(b).getJsonNumber("runId").longValue() == run)
                .findFirst()
                .orElseThrow();
        JsonObject batch = json(sent);
        assertThat(batch.getJsonNumber("triggerId").longValue()).isEqualTo(id);
        assertThat(batch.getInt("batch")).isEqualTo(1);
        assertThat(batch.getString("idempotencyKey")).isEqualTo("trigger-" + id + "-run-" + run + "-batch-1");
        assertThat(batch.getJsonArray("customers").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("customerId"), c -> c.getString("toSegment"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("TR-NEW-1", "NEW"),
                        org.assertj.core.groups.Tuple.tuple("TR-NEW-2", "NEW"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        array(api.get("api/triggers/" + id + "/deliveries")).getValuesAs(JsonObject.class))
                .filteredOn(d -> d.getJsonNumber("runId").longValue() == run)
                .extracting(d -> d.getInt("batch"), d -> d.getString("status"), d -> d.getInt("attempts"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "DELIVERED", 1)));

        int before = BODIES.size();
        HttpResponse<String> replay = api.postJson("api/triggers/" + id + "/deliveries/" + run + "/replay", "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> BODIES.size() > before);
        assertThat(BODIES.get(before)).as("the same batch, byte for byte").isEqualTo(sent);
        triggerId = id;
        sentRun = run;
        sentBatch = sent;
        // the trigger is deleted (and its log gone, 404) through the page, below
    }

    @Test
    @Order(2)
    void theTriggersPageShowsTheLogReplaysAndManagesTriggers() throws Exception {
        assertThat(triggerId).as("the REST test ran first").isPositive();
        ApiClient api = new ApiClient(base);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        URL site = Browser.localhost(base);
        browser.loggedIn(site);
        browser.findElement(By.id("nav-triggers")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Segment-change triggers"));
        int row = triggerRow("Welcome new customers");
        assertThat(browser.text(By.id("triggersForm:triggers:" + row + ":watches")))
                .isEqualTo("Customers who enter New");
        assertThat(browser.text(By.id("triggersForm:triggers:" + row + ":webhook")))
                .isEqualTo(url);

        // the delivery log on the page is the API's, row by row
        browser.findElement(By.id("triggersForm:triggers:" + row + ":log")).click();
        browser.waitUpTo(Duration.ofSeconds(45)).until(d -> {
            if (!browser.ajaxIdle()) return false;
            if (browser.findElements(By.id("logForm:deliveries")).isEmpty()) return false;
            if (pageLog().equals(apiLog(api, triggerId))) return true;
            browser.findElement(By.id("logForm:refresh")).click();
            return false;
        });
        List<String> shown = pageLog();
        assertThat(shown).isNotEmpty().anyMatch(r -> r.startsWith(sentRun + "|1|Delivered|"));

        // replay from the page: the receiver gets the batch again, same idempotency key
        int before = BODIES.size();
        browser.findElement(By.id("logForm:deliveries:" + logRow(sentRun) + ":replay"))
                .click();
        browser.waitForPage()
                .until(visibilityOfElementLocated(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> BODIES.size() > before);
        JsonObject replayed = json(BODIES.get(before));
        assertThat(replayed.getString("idempotencyKey"))
                .isEqualTo("trigger-" + triggerId + "-run-" + sentRun + "-batch-1")
                .isEqualTo(json(sentBatch).getString("idempotencyKey"));
        assertThat(BODIES.get(before)).isEqualTo(sentBatch);

        // a new trigger through the form: without a webhook or a directory the problem shows at the field
        type("triggerForm:name", "Lost champions");
        new Select(browser.findElement(By.id("triggerForm:scheme"))).selectByValue("standard");
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && new Select(browser.findElement(By.id("triggerForm:toSegment")))
                                .getOptions().stream().anyMatch(o -> o.getText().equals("At Risk")));
        new Select(browser.findElement(By.id("triggerForm:toSegment"))).selectByValue("AT_RISK");
        new Select(browser.findElement(By.id("triggerForm:fromSegment"))).selectByValue("CHAMPIONS");
        browser.findElement(By.id("triggerForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("triggerForm:webhookUrlMessage")).isEmpty());
        assertThat(browser.text(By.id("triggerForm:webhookUrlMessage")))
                .contains("is required unless fileDirectory is given");
        assertThat(triggerNamed(api, "Lost champions")).isNull();

        type("triggerForm:webhookUrl", url);
        type("triggerForm:secret", SECRET);
        browser.findElement(By.id("triggerForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.growls().stream().anyMatch(g -> g.contains("\"Lost champions\" saved")));
        JsonObject stored = triggerNamed(api, "Lost champions");
        assertThat(stored).isNotNull();
        assertThat(stored.containsKey("secret")).as("write-only").isFalse();
        assertThat(stored.getString("scheme")).isEqualTo("standard");
        assertThat(stored.getString("toSegment")).isEqualTo("AT_RISK");
        assertThat(stored.getString("fromSegment")).isEqualTo("CHAMPIONS");
        assertThat(stored.getString("webhookUrl")).isEqualTo(url);
        assertThat(stored.isNull("fileDirectory")).isTrue();
        assertThat(stored.getBoolean("enabled")).isTrue();
        assertThat(browser.text(By.id("triggersForm:triggers:" + triggerRow("Lost champions") + ":watches")))
                .isEqualTo("Customers who enter At Risk from Champions");
        assertThat(browser.text(By.id("triggersForm:triggers:" + triggerRow("Lost champions") + ":lastStatus")))
                .isEqualTo("None yet");
        assertThat(browser.findElement(By.id("triggerForm:secret")).getAttribute("value"))
                .isEmpty();

        // edit: an empty secret keeps the stored one; the change reaches the API
        browser.findElement(By.id("triggersForm:triggers:" + triggerRow("Lost champions") + ":edit"))
                .click();
        browser.waitForPage().until(textToBe(By.id("formTitle"), "Edit the trigger"));
        assertThat(browser.findElement(By.id("triggerForm:secret")).getAttribute("value"))
                .as("never shown")
                .isEmpty();
        assertThat(browser.findElement(By.id("triggerForm:webhookUrl")).getAttribute("value"))
                .isEqualTo(url);
        browser.findElement(By.id("triggerForm:enabled")).click();
        browser.findElement(By.id("triggerForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !triggerNamed(api, "Lost champions").getBoolean("enabled"));
        assertThat(triggerNamed(api, "Lost champions").getString("toSegment")).isEqualTo("AT_RISK");
        browser.waitForPage()
                .until(textToBe(By.id("triggersForm:triggers:" + triggerRow("Lost champions") + ":enabled"), "No"));
        browser.screenshot("triggers");

        browser.findElement(By.id("topbar:chinese")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "分群变化触发"));
        assertThat(browser.text(By.id("triggersForm:triggers:" + triggerRow("Lost champions") + ":watches")))
                .isEqualTo("从“冠军客户”进入“" + standardNameZh("AT_RISK") + "”的客户");
        browser.findElement(By.id("triggersForm:triggers:" + triggerRow("Welcome new customers") + ":log"))
                .click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.findElements(By.id("logForm:deliveries")).isEmpty());
        browser.findElement(By.id("triggerForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("triggerForm:webhookUrlMessage")).isEmpty());
        assertThat(browser.text(By.id("triggerForm:webhookUrlMessage")))
                .isEqualTo("请输入 https:// 开头的 Webhook 地址，或填写文件目录。");
        assertThat(browser.text(By.id("triggerForm:nameMessage"))).isEqualTo("请输入名称（最多 200 个字符）。");
        browser.screenshot("triggers-zh");
        browser.findElement(By.id("topbar:english")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Segment-change triggers"));

        // delete through the page, after confirming: the API no longer knows it
        browser.findElement(By.id("triggersForm:triggers:" + triggerRow("Welcome new customers") + ":delete"))
                .click();
        browser.waitForPage()
                .until(visibilityOfElementLocated(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("triggersForm:triggers")).contains("Welcome new customers"));
        assertThat(api.get("api/triggers/" + triggerId + "/deliveries").statusCode())
                .isEqualTo(404);

        // a VIEWER has no link to the page and may not open it
        browser.logIn(site, "trigger-viewer", "viewer-password-1");
        assertThat(browser.findElements(By.id("nav-triggers"))).isEmpty();
        Object status = browser.executeScript(
                "return fetch(arguments[0], {redirect: 'manual'}).then(r => r.status);", site + "triggers.xhtml");
        assertThat(((Number) status).intValue()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void aTriggerForACampaignNeverSendsItsControlGroup() throws Exception {
        ApiClient api = new ApiClient(base);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        // twelve customers whose first purchase is twelve days before the run's reference date: all enter NEW
        StringBuilder csv = new StringBuilder("order_id,customer_id,order_date,amount,quantity,channel\n");
        List<String> movers = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            movers.add("TC-" + i);
            csv.append("TC-O").append(i).append(",TC-").append(i).append(",2025-05-20,20.00,1,web\n");
        }
        HttpResponse<String> imported = api.postCsv("api/imports?fileName=trigger-campaign.csv", csv.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonObject campaign = json(api.postJson(
                        "api/campaigns",
                        Json.createObjectBuilder()
                                .add("name", "Welcome offer")
                                .add("customerIds", Json.createArrayBuilder(movers))
                                .add("controlShare", 0.4)
                                .add("seed", 7)
                                .add("startDate", "2025-06-02")
                                .add("windowDays", 30)
                                .build()
                                .toString())
                .body());
        long campaignId = campaign.getJsonNumber("id").longValue();
        List<String> control = new ArrayList<>();
        json(api.get("api/campaigns/" + campaignId + "/members?group=control&size=1000")
                        .body())
                .getJsonArray("customers")
                .forEach(c -> control.add(c.asJsonObject().getString("customerId")));
        var split = dev.rfm.analytics.campaign.ControlGroupSplit.of(7, 0.4);
        assertThat(control)
                .as("the campaign's control group, as the split draws it")
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(
                        movers.stream().filter(split::isControl).toList());
        List<String> treatment =
                movers.stream().filter(m -> !control.contains(m)).toList();
        assertThat(treatment).isNotEmpty();

        JsonObject draft = json(trigger(url));
        HttpResponse<String> unknown = api.postJson(
                "api/triggers",
                Json.createObjectBuilder(draft)
                        .add("campaignId", campaignId + 1000)
                        .build()
                        .toString());
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(json(unknown.body()).getJsonArray("details").getValuesAs(JsonObject.class))
                .extracting(d -> d.getString("field"))
                .containsExactly("campaignId");
        HttpResponse<String> created = api.postJson(
                "api/triggers",
                Json.createObjectBuilder(draft)
                        .add("name", "Welcome offer, control held out")
                        .add("campaignId", campaignId)
                        .build()
                        .toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created.body()).getJsonNumber("id").longValue();
        assertThat(json(api.get("api/triggers/" + id).body())
                        .getJsonNumber("campaignId")
                        .longValue())
                .isEqualTo(campaignId);

        long run = api.succeededRun("2025-06-01");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        array(api.get("api/triggers/" + id + "/deliveries")).getValuesAs(JsonObject.class))
                .filteredOn(d -> d.getJsonNumber("runId").longValue() == run)
                .extracting(d -> d.getString("status"), d -> d.getInt("customers"), d -> d.getInt("heldOut"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELIVERED", treatment.size(), control.size())));
        List<String> received = new ArrayList<>();
        synchronized (BODIES) {
            BODIES.stream()
                    .map(TriggerIT::json)
                    .filter(b -> b.getJsonNumber("triggerId").longValue() == id
                            && b.getJsonNumber("runId").longValue() == run)
                    .forEach(b -> b.getJsonArray("customers")
                            .forEach(c -> received.add(c.asJsonObject().getString("customerId"))));
        }
        assertThat(received)
                .as("every treatment customer who entered NEW, no control customer")
                .containsExactlyInAnyOrderElementsOf(treatment)
                .doesNotContainAnyElementsOf(control);
        assertThat(BAD_SIGNATURES).isEmpty();

        // the page: whose control group is held out, how many in the log; the campaign chosen in the form is stored
        browser.logIn(Browser.localhost(base), "admin", ApiClient.ADMIN_PASSWORD); // the page test ended as a VIEWER
        browser.findElement(By.id("nav-triggers")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Segment-change triggers"));
        String name = "Welcome offer, control held out";
        int row = triggerRow(name);
        assertThat(browser.text(By.id("triggersForm:triggers:" + row + ":heldOutGroup")))
                .isEqualTo("Control group of \"Welcome offer\" held out");
        browser.findElement(By.id("triggersForm:triggers:" + row + ":log")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.findElements(By.id("logForm:deliveries:0:heldOut"))
                                .isEmpty());
        assertThat(browser.text(By.id("logForm:deliveries:0:heldOut"))).isEqualTo(String.valueOf(control.size()));
        for (String choice : List.of("", String.valueOf(campaignId))) {
            row = triggerRow(name);
            browser.findElement(By.id("triggersForm:triggers:" + row + ":edit")).click();
            browser.waitForPage()
                    .until(d -> browser.ajaxIdle()
                            && name.equals(browser.findElement(By.id("triggerForm:name"))
                                    .getAttribute("value")));
            Select campaignSelect = new Select(browser.findElement(By.id("triggerForm:campaignId")));
            assertThat(campaignSelect.getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo(choice.isEmpty() ? String.valueOf(campaignId) : "");
            campaignSelect.selectByValue(choice);
            browser.findElement(By.id("triggerForm:save")).click();
            browser.waitForPage()
                    .until(d -> browser.growls().stream().anyMatch(g -> g.contains("\"" + name + "\" saved")));
            browser.waitForPage().until(d -> choice.equals(campaignOf(api, id)));
        }
    }

    /** The trigger's campaign id as the API gives it; "" for none. */
    private static String campaignOf(ApiClient api, long triggerId) {
        try {
            JsonObject trigger = json(api.get("api/triggers/" + triggerId).body());
            return trigger.containsKey("campaignId") && !trigger.isNull("campaignId")
                    ? trigger.get("campaignId").toString()
                    : "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String standardNameZh(String code) {
        return dev.rfm.analytics.segment.StandardSegment.valueOf(code)
                .definition()
                .nameZh();
    }

    private void type(String id, String text) {
        browser.type(By.id(id), text);
    }

    private int triggerRow(String name) {
        for (int i = 0; ; i++) {
            List<WebElement> cell = browser.findElements(By.id("triggersForm:triggers:" + i + ":name"));
            if (cell.isEmpty()) throw new AssertionError("no trigger " + name + " on the page");
            if (cell.get(0).getText().equals(name)) return i;
        }
    }

    private int logRow(long run) {
        for (int i = 0; ; i++) {
            List<WebElement> cell = browser.findElements(By.id("logForm:deliveries:" + i + ":run"));
            if (cell.isEmpty()) throw new AssertionError("no run " + run + " in the delivery log");
            if (cell.get(0).getText().equals(Long.toString(run))
                    && !browser.findElements(By.id("logForm:deliveries:" + i + ":replay"))
                            .isEmpty()) return i;
        }
    }

    /** The delivery log's rows on the page: run|batch|status|attempts|last error|customers. */
    private List<String> pageLog() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; ; i++) {
            String p = "logForm:deliveries:" + i + ":";
            if (browser.findElements(By.id(p + "run")).isEmpty()) return rows;
            rows.add(browser.text(By.id(p + "run")) + "|" + browser.text(By.id(p + "batch")) + "|"
                    + browser.text(By.id(p + "status")) + "|" + browser.text(By.id(p + "attempts")) + "|"
                    + browser.text(By.id(p + "lastError")) + "|" + browser.text(By.id(p + "customers")));
        }
    }

    /** The same rows from GET /api/triggers/{id}/deliveries, statuses in the page's English words. */
    private static List<String> apiLog(ApiClient api, long id) {
        try {
            List<String> rows = new ArrayList<>();
            for (JsonObject d :
                    array(api.get("api/triggers/" + id + "/deliveries")).getValuesAs(JsonObject.class)) {
                String status =
                        switch (d.getString("status")) {
                            case "PENDING" -> "Waiting";
                            case "DELIVERED" -> "Delivered";
                            case "RETRYING" -> "Retrying";
                            default -> "Failed";
                        };
                rows.add(d.getJsonNumber("runId").longValue() + "|" + d.getInt("batch") + "|" + status + "|"
                        + d.getInt("attempts") + "|" + (d.isNull("lastError") ? "" : d.getString("lastError")) + "|"
                        + String.format(java.util.Locale.ENGLISH, "%,d", d.getInt("customers")));
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject triggerNamed(ApiClient api, String name) {
        try {
            for (JsonObject t : array(api.get("api/triggers")).getValuesAs(JsonObject.class)) {
                if (t.getString("name").equals(name)) return t;
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
