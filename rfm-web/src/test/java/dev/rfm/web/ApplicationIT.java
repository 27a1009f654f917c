package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real WAR on Payara Micro with the embedded H2 default: health, authentication and the JSON error contract.
 * One class, one server boot (15–30 s): add checks here rather than new classes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
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
}
