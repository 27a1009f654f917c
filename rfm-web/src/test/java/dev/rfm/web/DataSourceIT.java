package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
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

/**
 * Pulling orders from a shop's own PostgreSQL through the deployed WAR: an ADMIN adds the source (the password never
 * comes back), tests it (20 rows of 30), pulls; the pull is in the import history and its customers are scored by
 * the next run; a second pull brings only the new order. ANALYSTs and VIEWERs cannot add sources.
 */
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
class DataSourceIT {

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
}
