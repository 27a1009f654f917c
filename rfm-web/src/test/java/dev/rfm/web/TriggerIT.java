package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Triggers in the deployed WAR on the embedded H2 (failsafe execution "default" only, which sets {@code
 * RFM_WEBHOOK_ALLOW_HTTP=true}): a trigger made through REST posts to a webhook receiver this test starts (the JDK's
 * HttpServer, checking the signature with its own HMAC code) the customers who entered the lifecycle stage NEW
 * between two runs, and its delivery log says DELIVERED; replay sends the same batch again; a VIEWER may not make one.
 *
 * <p>The data make "entered" independent of the test timer's runs (every 30 s, as of today): the two customers of
 * the second file first bought twelve days before the second run's reference date, so only that run has them NEW;
 * the first file's customers bought in 2023 and are NEW in no run.
 */
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
class TriggerIT {

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

        assertThat(api.send("DELETE", "api/triggers/" + id, "admin", ApiClient.ADMIN_PASSWORD, null, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.get("api/triggers/" + id + "/deliveries").statusCode()).isEqualTo(404);
    }
}
