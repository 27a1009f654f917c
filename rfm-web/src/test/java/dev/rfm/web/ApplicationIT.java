package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real WAR on Payara Micro with the embedded H2 default: health, authentication and the JSON error contract.
 * One class, one server boot (15–30 s): add checks here rather than new classes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationIT {

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

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    void readyOnceTheDatabaseIsMigrated() throws Exception {
        HttpResponse<String> response = api.getAnonymous("/health/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject database = json(response).getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("database"))
                .findFirst()
                .orElseThrow();
        assertThat(database.getString("status")).isEqualTo("UP");
        assertThat(database.getJsonObject("data").getString("database")).isEqualTo("H2");
    }

    @Test
    void apiWithoutCredentialsIsChallengedWithJson() throws Exception {
        HttpResponse<String> response = api.getAnonymous("api/runs/current");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(json(response).getString("error")).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        assertThat(api.get("api/runs/current", "admin", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownApiPathAnswersJsonNotFound() throws Exception {
        HttpResponse<String> response = api.get("api/no-such-thing");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonObject body = json(response);
        assertThat(body.getString("error")).isEqualTo("NOT_FOUND");
        assertThat(body.containsKey("message")).isTrue();
        assertThat(body.getJsonArray("details")).isEmpty();
    }

    @Test
    void pagesRedirectToTheLoginForm() throws Exception {
        HttpResponse<String> response = api.getAnonymous("index.xhtml");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).contains("/login.xhtml?continue="));
        HttpResponse<String> login = api.getAnonymous("login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("login:username").contains("login:password");
    }

    // ---- POST /api/imports -------------------------------------------------------------------------------------

    private static final String SMALL_FILE = "order_id,customer_id,order_date,amount,quantity,channel\n"
            + "IT-1,IT-C1,2024-01-05,10.50,1,web\n"
            + "IT-1,IT-C1,2024-01-05,4.50,2,web\n" // item line of IT-1: 15.00, quantity 3
            + "IT-2,IT-C2,2024-02-01T14:30:00,99.99,,store\n"
            + "IT-3,IT-C2,not-a-date,5.00,,\n" // line 5: bad date
            + "IT-4,IT-C3,2024-03-01,abc,,\n" // line 6: bad amount
            + "IT-5,IT-C3,2024-03-02,-20.00,,\n"; // a refund

    @Test
    @Order(1)
    void importKeepsGoodRowsAndNamesTheBadOnes() throws Exception {
        HttpResponse<String> response = api.postCsv("api/imports?fileName=small.csv", SMALL_FILE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = json(response);
        assertThat(body.getJsonNumber("importId").longValue()).isPositive();
        assertThat(body.getInt("rowsRead")).isEqualTo(6);
        assertThat(body.getInt("rowsImported")).isEqualTo(4);
        assertThat(body.getInt("rowsDuplicate")).isZero();
        assertThat(body.getInt("rowsRejected")).isEqualTo(2);
        var errors = body.getJsonArray("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.getJsonObject(0).getInt("line")).isEqualTo(5);
        assertThat(errors.getJsonObject(0).getString("column")).isEqualTo("order_date");
        assertThat(errors.getJsonObject(1).getInt("line")).isEqualTo(6);
        assertThat(errors.getJsonObject(1).getString("column")).isEqualTo("amount");

        HttpResponse<String> rejected =
                api.getCsv("api/imports/" + body.getJsonNumber("importId").longValue() + "/rejections.csv");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.body().lines()).hasSize(3).first().isEqualTo("line,column,message");
    }

    @Test
    @Order(2)
    void importingTheSameFileAgainChangesNothing() throws Exception {
        JsonObject again = json(api.postCsv("api/imports?fileName=small.csv", SMALL_FILE));
        assertThat(again.getInt("rowsRead")).isEqualTo(6);
        assertThat(again.getInt("rowsImported")).isZero();
        assertThat(again.getInt("rowsDuplicate")).isEqualTo(4);
        assertThat(again.getInt("rowsRejected")).isEqualTo(2);
        assertThat(again.getInt("ordersCreated")).isZero();
    }

    @Test
    void unusableBodiesAreRejectedAsAWholeWithAClearError() throws Exception {
        HttpResponse<String> empty = api.postCsv("api/imports", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).getString("error")).isEqualTo("EMPTY_FILE");

        HttpResponse<String> jsonBody = api.postCsv("api/imports", "{\"orders\": []}");
        assertThat(jsonBody.statusCode()).isEqualTo(400);
        assertThat(json(jsonBody).getString("message")).isNotBlank();

        HttpResponse<String> missing = api.postCsv("api/imports", "customer_id,order_date\nX,2024-01-01\n");
        assertThat(missing.statusCode()).isEqualTo(400);
        JsonObject missingBody = json(missing);
        assertThat(missingBody.getString("error")).isEqualTo("MISSING_COLUMNS");
        assertThat(missingBody.getString("message")).contains("order_id").contains("amount");

        HttpResponse<String> cut = api.postCsv(
                "api/imports", "customer_id,order_id,order_date,amount\nCUT-1,CUT-O1,2024-01-01,5.00\nCUT-2,CUT-O2");
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(json(cut).getString("error")).isEqualTo("TRUNCATED");
        // nothing of the cut-off file landed: its first, good line is not stored either
        JsonObject retry = json(
                api.postCsv("api/imports", "customer_id,order_id,order_date,amount\nCUT-1,CUT-O1,2024-01-01,5.00\n"));
        assertThat(retry.getInt("rowsImported")).isEqualTo(1);
    }

    @Test
    void viewerOrAnonymousCannotImport() throws Exception {
        assertThat(api.getAnonymous("api/imports").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(10)
    void theCdnowLogImportsWithItsPublishedCountsAndOnlyOnce() throws Exception {
        Path cdnow = Path.of(System.getProperty("rfm.shared.dir", "../shared"), "data/cdnow/cdnow_orders.csv");
        Assumptions.assumeTrue(Files.exists(cdnow), "../shared/data/cdnow is not here");
        JsonObject first = json(api.postCsvFile("api/imports?fileName=cdnow_orders.csv", cdnow));
        assertThat(first.getInt("rowsRead")).isEqualTo(69_659);
        assertThat(first.getInt("rowsImported")).isEqualTo(69_659);
        assertThat(first.getInt("ordersCreated")).isEqualTo(69_659);
        assertThat(first.getInt("customersCreated")).isEqualTo(23_570);
        assertThat(first.getInt("rowsRejected")).isZero();

        JsonObject second = json(api.postCsvFile("api/imports?fileName=cdnow_orders.csv", cdnow));
        assertThat(second.getInt("rowsImported")).isZero();
        assertThat(second.getInt("rowsDuplicate")).isEqualTo(69_659);
        assertThat(second.getInt("customersCreated")).isZero();

        var history = Json.createReader(
                        new StringReader(api.get("api/imports?limit=2").body()))
                .readArray();
        assertThat(history.getJsonObject(0).getString("fileName")).isEqualTo("cdnow_orders.csv");
        assertThat(history.getJsonObject(0).getString("status")).isEqualTo("SUCCEEDED");
    }
}
