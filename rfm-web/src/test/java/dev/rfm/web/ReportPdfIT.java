package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.demo.DemoDataGenerator;
import dev.rfm.domain.demo.DemoDataSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
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

/**
 * {@code GET /api/reports/segment-summary.pdf} in the real WAR on Payara Micro (H2, failsafe's default execution):
 * JasperReports, its compiled templates and the packaged font work inside the server; the PDF of a scored run says,
 * in English and in Chinese, what {@code GET /api/segments} says for that run; errors are the JSON of the contract.
 */
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportPdfIT {

    private static Long runId;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war")));
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

    @Test
    @Order(1)
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
        runId = started.get();
    }

    @Test
    @Order(2)
    void thePdfSaysWhatTheSegmentsApiSaysInEnglishAndChinese() throws Exception {
        JsonArray segments = Json.createReader(new StringReader(
                        api.get("api/segments?scheme=standard&runId=" + runId).body()))
                .readArray();
        assertThat(segments).isNotEmpty();
        for (String locale : new String[] {"en", "zh-CN"}) {
            HttpResponse<byte[]> response =
                    pdf("api/reports/segment-summary.pdf?runId=" + runId + "&locale=" + locale + "&top=5");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
            assertThat(response.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"segment-report-run-" + runId + "-standard-" + locale + ".pdf\"");
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
    @Order(3)
    void theCurrentRunByDefaultAndJsonErrorsOtherwise() throws Exception {
        HttpResponse<byte[]> current = pdf("api/reports/segment-summary.pdf");
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
    private HttpResponse<byte[]> pdf(String path) throws Exception {
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
