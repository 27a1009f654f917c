package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rfm.domain.demo.DemoDataGenerator;
import dev.rfm.domain.demo.DemoDataSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Report schedules in the deployed WAR on the embedded H2 (failsafe execution "default" only): the server mails a
 * GreenMail SMTP server this test starts on the port failsafe reserved and passes to the server as {@code
 * RFM_SMTP_HOST}/{@code RFM_SMTP_PORT}. An after-run schedule made through REST mails one report per recipient after a
 * run; the archive lists it SENT and serves its PDF; send-now; invalid fields; roles; the Reports page in Chromium;
 * and the PDF of {@code GET /api/reports/segment-summary.pdf} against {@code GET /api/segments} in both languages
 * (one class, one server boot).
 *
 * <p>Alone: {@code ./mvnw -pl rfm-web build-helper:reserve-network-port@postgresql-ports
 * dependency:copy@copy-payara-micro failsafe:integration-test@default failsafe:verify -Dit.test=ReportScheduleIT}
 * (after {@code install -DskipTests}); the first goal reserves the SMTP port.
 */
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportScheduleIT {

    private static final String CSV = "order_id,customer_id,order_date,amount,quantity,channel\n"
            + "RS-1,RS-C1,2024-01-05,10.50,1,web\n"
            + "RS-2,RS-C2,2024-02-01,99.99,1,store\n"
            + "RS-3,RS-C2,2024-03-01,20.00,1,store\n"
            + "RS-4,RS-C3,2024-03-02,55.00,1,web\n";

    private static GreenMail smtp;

    @RegisterExtension
    static final Browser browser = new Browser("reports").withDownloads().window(1400, 1800);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
    }

    @BeforeAll
    static void smtpServer() {
        int port = Integer.parseInt(System.getProperty("rfm.it.smtp.port"));
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(base);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static JsonArray array(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static String afterRunSchedule(String name, String locale, String... recipients) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("scheme", "standard")
                .add("locale", locale)
                .add("recipients", Json.createArrayBuilder(List.of(recipients)))
                .add("cadence", "AFTER_RUN")
                .add("topCustomers", 5)
                .add("enabled", true)
                .build()
                .toString();
    }

    /** The mails GreenMail received whose PDF belongs to a run, one recipient each. */
    private static List<MimeMessage> mailsOfRun(long runId) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (attachment(m).getFileName().contains("-run" + runId + "-")) found.add(m);
        }
        return found;
    }

    private static BodyPart attachment(MimeMessage m) throws Exception {
        return ((Multipart) m.getContent()).getBodyPart(1);
    }

    private JsonObject archived(long id) throws Exception {
        for (JsonValue v : array(api.get("api/reports/archive?page=0&size=100"))) {
            if (v.asJsonObject().getJsonNumber("id").longValue() == id) return v.asJsonObject();
        }
        throw new AssertionError("report " + id + " is not in the archive");
    }

    private long runToTheEnd() throws Exception {
        AtomicReference<Long> started = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    HttpResponse<String> response = api.postJson("api/runs", "{\"referenceDate\": \"2024-06-01\"}");
                    if (response.statusCode() == 202)
                        started.set(json(response).getJsonNumber("runId").longValue());
                    else assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                    return started.get() != null;
                });
        assertThat(api.awaitRunFinished(started.get()).getString("status")).isEqualTo("SUCCEEDED");
        return started.get();
    }

    @Test
    @Order(1)
    void sendNowBeforeAnyRunIsAConflictAndInvalidFieldsAreNamed() throws Exception {
        HttpResponse<String> created =
                api.postJson("api/reports/schedules", afterRunSchedule("Early", "en", "e@example.com"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).getJsonNumber("id").longValue();
        // the test timer starts a run every 30 s: 409 only while none has succeeded
        boolean noRunYet = api.get("api/runs/current").statusCode() == 404;
        HttpResponse<String> send = api.postJson("api/reports/schedules/" + id + "/send", "");
        if (noRunYet && send.statusCode() != 202) {
            assertThat(send.statusCode()).as(send.body()).isEqualTo(409);
            assertThat(json(send).getString("message")).contains("No scoring run");
        } else {
            assertThat(send.statusCode()).as(send.body()).isEqualTo(202);
        }
        assertThat(api.send("DELETE", "api/reports/schedules/" + id, "admin", ApiClient.ADMIN_PASSWORD, null, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.postJson("api/reports/schedules/" + id + "/send", "").statusCode())
                .isEqualTo(404);

        HttpResponse<String> empty = api.postJson("api/reports/schedules", "{}");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(json(empty).getJsonArray("details")).hasSize(5);

        HttpResponse<String> invalid = api.postJson(
                "api/reports/schedules",
                "{\"name\":\"\",\"scheme\":\"rfm\",\"locale\":\"en\",\"recipients\":[\"nobody\"],"
                        + "\"cadence\":\"WEEKLY\",\"time\":\"25:00\",\"topCustomers\":500}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).getJsonArray("details").getValuesAs(JsonObject.class))
                .extracting(d -> d.getString("field"))
                .containsExactlyInAnyOrder("time", "name", "scheme", "recipients", "dayOfWeek", "topCustomers");
    }

    @Test
    @Order(2)
    void anAfterRunScheduleMailsOneReportPerRecipientAndArchivesIt() throws Exception {
        HttpResponse<String> created = api.postJson(
                "api/reports/schedules", afterRunSchedule("Weekly team", "en", "anna@example.com", "bo@example.com"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject schedule = json(created);
        assertThat(schedule.getString("cadence")).isEqualTo("AFTER_RUN");
        assertThat(schedule.isNull("time")).isTrue();
        long scheduleId = schedule.getJsonNumber("id").longValue();
        assertThat(json(api.get("api/reports/schedules/" + scheduleId)).getJsonArray("recipients"))
                .hasSize(2);

        assertThat(api.postCsv("api/imports?fileName=reports.csv", CSV).statusCode())
                .isEqualTo(200);
        long runId = runToTheEnd();

        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> mailsOfRun(runId).size() >= 2);
        List<MimeMessage> mails = mailsOfRun(runId);
        assertThat(mails).hasSize(2);
        assertThat(mails)
                .extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("anna@example.com", "bo@example.com");
        for (MimeMessage m : mails) {
            assertThat(m.getSubject()).isEqualTo("RFM segment report – Weekly team – 2024-06-01");
            assertThat(attachment(m).getContentType()).startsWith("application/pdf");
        }

        JsonObject entry = null;
        for (JsonValue v : array(api.get("api/reports/archive"))) {
            JsonObject o = v.asJsonObject();
            if (o.getJsonNumber("runId").longValue() == runId
                    && o.getJsonNumber("scheduleId").longValue() == scheduleId) {
                assertThat(entry).as("one archived report per run and schedule").isNull();
                entry = o;
            }
        }
        assertThat(entry).isNotNull();
        JsonObject sent = entry;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> archived(
                        sent.getJsonNumber("id").longValue())
                .getString("status")
                .equals("SENT"));
        assertThat(sent.getString("locale")).isEqualTo("en");
        byte[] pdf = pdf(sent.getJsonNumber("id").longValue());
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isPositive();
        }
        assertThat(attachment(mails.get(0)).getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    @Test
    @Order(3)
    void sendNowMailsTheCurrentRunsReportOnce() throws Exception {
        HttpResponse<String> created =
                api.postJson("api/reports/schedules", afterRunSchedule("Chinese", "zh-CN", "li@example.com"));
        long scheduleId = json(created).getJsonNumber("id").longValue();
        // only for send-now: off, so the timer's runs do not mail it
        HttpResponse<String> off = api.put(
                "api/reports/schedules/" + scheduleId,
                "application/json",
                afterRunSchedule("Chinese", "zh-CN", "li@example.com")
                        .replace("\"enabled\":true", "\"enabled\":false"));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(json(off).getBoolean("enabled")).isFalse();

        HttpResponse<String> send = api.postJson("api/reports/schedules/" + scheduleId + "/send", "");
        assertThat(send.statusCode()).as(send.body()).isEqualTo(202);
        long deliveryId = json(send).getJsonNumber("deliveryId").longValue();
        Awaitility.await()
                .atMost(Duration.ofSeconds(45))
                .until(() -> archived(deliveryId).getString("status").equals("SENT"));
        List<MimeMessage> toLi = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals("li@example.com")) toLi.add(m);
        }
        assertThat(toLi).hasSize(1);
        assertThat(toLi.get(0).getSubject()).startsWith("RFM 客户分群报告 – Chinese – ");
    }

    @Test
    @Order(4)
    void viewersReadTheArchiveButCannotManageSchedules() throws Exception {
        String viewer = "report-viewer-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.postJson(
                                "api/users",
                                "{\"username\":\"" + viewer
                                        + "\",\"password\":\"viewer-password-1\",\"role\":\"VIEWER\"}")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> create = api.send(
                "POST",
                "api/reports/schedules",
                viewer,
                "viewer-password-1",
                "application/json",
                afterRunSchedule("Nope", "en", "v@example.com"));
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(json(create).getString("error")).isEqualTo("FORBIDDEN");
        assertThat(api.get("api/reports/schedules", viewer, "viewer-password-1").statusCode())
                .isEqualTo(403);
        assertThat(api.get("api/reports/archive", viewer, "viewer-password-1").statusCode())
                .isEqualTo(200);
        assertThat(api.getAnonymous("api/reports/archive").statusCode()).isEqualTo(401);
    }

    /**
     * The Reports page: a schedule made in the form (a bad address named at its field first), listed with its cadence
     * in words and stored as the API shows it; "send now" mails it once per recipient; the archive shows it sent
     * and downloads the same PDF as the API; the Overview names the last report sent; deleting asks first.
     */
    @Test
    @Order(5)
    void theReportsPageManagesSchedulesAndServesTheArchive() throws Exception {
        URL site = Browser.localhost(base);
        browser.loggedIn(site);
        browser.findElement(By.id("nav-reports")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Reports"));
        assertThat(browser.text(By.id("schedulesForm:schedules"))).contains("Weekly team", "After each successful run");

        type("scheduleForm:name", "Monday digest");
        new Select(browser.findElement(By.id("scheduleForm:cadence"))).selectByValue("WEEKLY");
        browser.waitForPage().until(visibilityOfElementLocated(By.id("scheduleForm:dayOfWeek")));
        new Select(browser.findElement(By.id("scheduleForm:dayOfWeek"))).selectByValue("WEDNESDAY");
        type("scheduleForm:time", "0730");
        type("scheduleForm:recipients", "not-an-address");
        browser.findElement(By.id("scheduleForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.ajaxIdle()
                        && !browser.text(By.id("scheduleForm:recipientsMessage"))
                                .isEmpty());
        assertThat(browser.text(By.id("scheduleForm:recipientsMessage"))).contains("not-an-address");
        assertThat(scheduleNamed("Monday digest")).isNull();

        type("scheduleForm:recipients", "team@example.com,\nboss@example.com");
        browser.findElement(By.id("scheduleForm:save")).click();
        browser.waitForPage()
                .until(d -> browser.growls().stream().anyMatch(g -> g.contains("\"Monday digest\" saved")));
        JsonObject stored = scheduleNamed("Monday digest");
        assertThat(stored).isNotNull();
        assertThat(stored.getString("cadence")).isEqualTo("WEEKLY");
        assertThat(stored.getString("dayOfWeek")).isEqualTo("WEDNESDAY");
        assertThat(stored.getString("time")).isEqualTo("07:30");
        assertThat(stored.getJsonArray("recipients").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("team@example.com", "boss@example.com");
        int row = scheduleRow("Monday digest");
        assertThat(browser.text(By.id("schedulesForm:schedules:" + row + ":cadence")))
                .isEqualTo("Weekly on Wednesday at 07:30");

        browser.findElement(By.id("schedulesForm:schedules:" + row + ":sendNow"))
                .click();
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> mailsTo("boss@example.com") == 1);
        assertThat(mailsTo("team@example.com")).isEqualTo(1);
        browser.waitUpTo(Duration.ofSeconds(45)).until(d -> {
            if (!browser.ajaxIdle()) return false;
            if (browser.text(By.id("archiveForm:archive:0:schedule")).equals("Monday digest")
                    && browser.text(By.id("archiveForm:archive:0:status")).equals("Sent")) return true;
            browser.findElement(By.id("archiveForm:refresh")).click();
            return false;
        });
        // the row's own report (its id is in the download button's title): the timer may archive another meanwhile
        long shownId = Long.parseLong(browser.findElement(By.id("archiveForm:archive:0:pdf"))
                .getAttribute("title")
                .replaceAll("\\D", ""));
        JsonObject shown = array(api.get("api/reports/archive?page=0&size=50")).stream()
                .map(JsonValue::asJsonObject)
                .filter(a -> a.getJsonNumber("id").longValue() == shownId)
                .findFirst()
                .orElseThrow();
        assertThat(shown.getString("scheduleName")).isEqualTo("Monday digest");
        assertThat(shown.getString("status")).isEqualTo("SENT");
        assertThat(browser.text(By.id("archiveForm:archive:0:recipients")))
                .isEqualTo("team@example.com, boss@example.com");
        browser.screenshot("reports");

        browser.clearDownloads();
        browser.findElement(By.id("archiveForm:archive:0:pdf")).click();
        Path downloaded = browser.awaitDownload(".pdf");
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(pdf(shownId));

        browser.findElement(By.id("nav-overview")).click();
        browser.waitForPage().until(visibilityOfElementLocated(By.id("lastReport")));
        assertThat(browser.text(By.id("lastReport"))).startsWith("Last report sent: \"");

        browser.findElement(By.id("nav-reports")).click();
        browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Reports"));
        browser.findElement(By.id("schedulesForm:schedules:" + scheduleRow("Monday digest") + ":delete"))
                .click();
        browser.waitForPage()
                .until(visibilityOfElementLocated(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        browser.waitForPage().until(d -> browser.ajaxIdle() && scheduleNamed("Monday digest") == null);
        assertThat(browser.text(By.id("schedulesForm:schedules"))).doesNotContain("Monday digest");
    }

    private void type(String id, String text) {
        browser.type(By.id(id), text);
    }

    private int scheduleRow(String name) {
        for (int i = 0; ; i++) {
            List<WebElement> cell = browser.findElements(By.id("schedulesForm:schedules:" + i + ":name"));
            if (cell.isEmpty()) throw new AssertionError("no schedule " + name + " on the page");
            if (cell.get(0).getText().equals(name)) return i;
        }
    }

    private JsonObject scheduleNamed(String name) {
        try {
            for (JsonValue v : array(api.get("api/reports/schedules"))) {
                if (v.asJsonObject().getString("name").equals(name)) return v.asJsonObject();
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long mailsTo(String address) throws Exception {
        long count = 0;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) count++;
        }
        return count;
    }

    private byte[] pdf(long id) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "api/reports/archive/" + id + ".pdf"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(("admin:" + ApiClient.ADMIN_PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        return response.body();
    }

    // ---- the PDF itself: GET /api/reports/segment-summary.pdf (JasperReports, its compiled templates and the packaged
    // font inside the server); the PDF of a scored run says, in English and in Chinese, what GET /api/segments says

    private static Long pdfRunId;

    @Test
    @Order(6)
    void aScoredRunToReportOn() throws Exception {
        StringWriter csv = new StringWriter();
        DemoDataGenerator.of(
                        DemoDataSettings.endingOn(LocalDate.of(2026, 6, 30)).withCustomers(1_000))
                .writeCsv(csv);
        JsonObject imported = json(api.postCsv("api/imports?fileName=demo-1000.csv", csv.toString()));
        assertThat(imported.getInt("customersCreated")).isEqualTo(1_000);
        AtomicReference<Long> started = new AtomicReference<>();
        Awaitility.await() // the test timer's runs (every 30 s) may hold the run lock for a moment
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    HttpResponse<String> response = api.postJson("api/runs", "{\"referenceDate\": \"2026-07-01\"}");
                    if (response.statusCode() == 202)
                        started.set(json(response).getJsonNumber("runId").longValue());
                    else assertThat(response.statusCode()).isEqualTo(409);
                    return started.get() != null;
                });
        assertThat(api.awaitRunFinished(started.get()).getString("status")).isEqualTo("SUCCEEDED");
        pdfRunId = started.get();
    }

    @Test
    @Order(7)
    void thePdfSaysWhatTheSegmentsApiSaysInEnglishAndChinese() throws Exception {
        JsonArray segments = Json.createReader(
                        new StringReader(api.get("api/segments?scheme=standard&runId=" + pdfRunId)
                                .body()))
                .readArray();
        assertThat(segments).isNotEmpty();
        for (String locale : new String[] {"en", "zh-CN"}) {
            HttpResponse<byte[]> response =
                    get("api/reports/segment-summary.pdf?runId=" + pdfRunId + "&locale=" + locale + "&top=5");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
            assertThat(response.headers().firstValue("Content-Disposition"))
                    .hasValue(
                            "attachment; filename=\"segment-report-run-" + pdfRunId + "-standard-" + locale + ".pdf\"");
            Locale language = Locale.forLanguageTag(locale);
            DecimalFormat count = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(language));
            DecimalFormat share = new DecimalFormat("0.0%", DecimalFormatSymbols.getInstance(language));
            try (PDDocument document = Loader.loadPDF(response.body())) {
                String text = new PDFTextStripper().getText(document);
                assertThat(text).contains(locale.equals("en") ? "Segment report" : "客户分群报告");
                for (JsonObject s : segments.getValuesAs(JsonObject.class)) {
                    String name = locale.equals("en") ? s.getString("name") : s.getString("nameZh");
                    assertThat(text)
                            .as("%s in the %s report", name, locale)
                            .containsPattern(Pattern.quote(name) + "\\s+"
                                    + Pattern.quote(count.format(
                                            s.getJsonNumber("customers").longValue())) + "\\s+"
                                    + Pattern.quote(share.format(
                                            s.getJsonNumber("share").doubleValue())));
                }
                for (PDPage page : document.getPages()) {
                    for (COSName font : page.getResources().getFontNames()) {
                        assertThat(page.getResources().getFont(font).isEmbedded())
                                .as("font %s embedded", font)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    @Order(8)
    void theCurrentRunByDefaultAndJsonErrorsOtherwise() throws Exception {
        HttpResponse<byte[]> current = get("api/reports/segment-summary.pdf");
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(new String(current.body(), 0, 5, StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");

        HttpResponse<String> unknown = api.get("api/reports/segment-summary.pdf?runId=999999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).getString("error")).isEqualTo("NOT_FOUND");
        assertThat(json(unknown).getString("message")).contains("999999");

        HttpResponse<String> locale = api.get("api/reports/segment-summary.pdf?locale=fr");
        assertThat(locale.statusCode()).isEqualTo(400);
        assertThat(json(locale).getString("message")).startsWith("locale:");

        HttpResponse<String> scheme = api.get("api/reports/segment-summary.pdf?scheme=abc");
        assertThat(scheme.statusCode()).isEqualTo(400);
        assertThat(json(scheme).getString("message")).startsWith("scheme:");
    }

    /** A GET that keeps the body's bytes, as the admin of the test database. */
    private HttpResponse<byte[]> get(String path) throws Exception {
        String token = Base64.getEncoder()
                .encodeToString(("admin:" + ApiClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve(path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + token)
                .header("Accept", "application/pdf")
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
