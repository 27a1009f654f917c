package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users and roles through the deployed WAR: the contract's {@code /api/users}, own password changes, a password set
 * by someone else that must be changed first, throttled sign-ins, and changes through the API that only HTTP Basic
 * authorises.
 */
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
class UsersIT {

    private static final String JSON = "application/json";
    private static final String ADMIN = "admin";

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

    private static JsonObject object(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private HttpResponse<String> asAdmin(String method, String path, String body) throws Exception {
        return api.send(method, path, ADMIN, ApiClient.ADMIN_PASSWORD, body == null ? null : JSON, body);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void adminsCreateListAndChangeUsersAndTheListNeverShowsAPassword() throws Exception {
        String name = unique("ann");
        HttpResponse<String> created = asAdmin(
                "POST",
                "api/users",
                "{\"username\":\"" + name + "\",\"password\":\"ann-password-1\",\"role\":\"ANALYST\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(object(created).getString("role")).isEqualTo("ANALYST");

        HttpResponse<String> again = asAdmin(
                "POST",
                "api/users",
                "{\"username\":\"" + name + "\",\"password\":\"ann-password-2\",\"role\":\"VIEWER\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(object(again).getString("error")).isEqualTo("CONFLICT");

        HttpResponse<String> shortPassword = asAdmin(
                "POST",
                "api/users",
                "{\"username\":\"" + unique("bo") + "\",\"password\":\"short\",\"role\":\"VIEWER\"}");
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(object(shortPassword).getString("message")).contains("at least 12 characters");
        HttpResponse<String> badRole = asAdmin(
                "POST",
                "api/users",
                "{\"username\":\"" + unique("bo") + "\",\"password\":\"long-enough-pw\",\"role\":\"OWNER\"}");
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(object(badRole).getString("message")).contains("Unknown role 'OWNER'");

        HttpResponse<String> list = asAdmin("GET", "api/users", null);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonArray users = Json.createReader(new StringReader(list.body())).readArray();
        JsonObject ann = users.stream()
                .map(JsonObject.class::cast)
                .filter(u -> u.getString("username").equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(ann.keySet())
                .contains("username", "role", "enabled", "createdAt", "lastLoginAt")
                .doesNotContain("password", "passwordHash");
        assertThat(list.body()).doesNotContain("PBKDF2").doesNotContain("ann-password-1");

        // she signs in, then is demoted and finally disabled: each change counts at once
        assertThat(api.get("api/users/me/password", name, "ann-password-1").statusCode())
                .as("signed in (the GET is simply not allowed)")
                .isEqualTo(405);
        assertThat(api.send("POST", "api/runs/999999/cancel", name, "ann-password-1", null, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(asAdmin("PUT", "api/users/" + name, "{\"role\":\"VIEWER\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> viewerImport = api.send(
                "POST", "api/imports", name, "ann-password-1", "text/csv", "customer_id,order_id,order_date,amount\n");
        assertThat(viewerImport.statusCode()).isEqualTo(403);
        assertThat(object(viewerImport).getString("error")).isEqualTo("FORBIDDEN");
        assertThat(asAdmin("PUT", "api/users/" + name, "{\"enabled\":false}").statusCode())
                .isEqualTo(200);
        assertThat(api.get("api/segments?scheme=standard", name, "ann-password-1")
                        .statusCode())
                .isEqualTo(401);
        assertThat(asAdmin("PUT", "api/users/nobody-" + name, "{\"enabled\":false}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theLastEnabledAdminCanBeNeitherDisabledNorDemoted() throws Exception {
        HttpResponse<String> demote = asAdmin("PUT", "api/users/admin", "{\"role\":\"VIEWER\"}");
        assertThat(demote.statusCode()).isEqualTo(409);
        assertThat(object(demote).getString("message")).contains("last enabled ADMIN");
        assertThat(asAdmin("PUT", "api/users/admin", "{\"enabled\":false}").statusCode())
                .isEqualTo(409);

        // with a second ADMIN, the first may step down; the second then cannot
        String second = unique("boss");
        asAdmin(
                "POST",
                "api/users",
                "{\"username\":\"" + second + "\",\"password\":\"boss-password-1\",\"role\":\"ADMIN\"}");
        assertThat(api.send("PUT", "api/users/admin", second, "boss-password-1", JSON, "{\"role\":\"ANALYST\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.send("PUT", "api/users/" + second, second, "boss-password-1", JSON, "{\"enabled\":false}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(api.send("PUT", "api/users/admin", second, "boss-password-1", JSON, "{\"role\":\"ADMIN\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(asAdmin("GET", "api/users", null).statusCode()).isEqualTo(200);
    }

    @Test
    void everyUserChangesTheirOwnPasswordAndTheOldOneStopsWorkingAtOnce() throws Exception {
        String name = unique("vic");
        asAdmin(
                "POST",
                "api/users",
                "{\"username\":\"" + name + "\",\"password\":\"vic-password-1\",\"role\":\"VIEWER\"}");
        assertThat(api.get("api/runs/current", name, "vic-password-1").statusCode())
                .isNotIn(401, 403);

        HttpResponse<String> wrong = api.send(
                "PUT",
                "api/users/me/password",
                name,
                "vic-password-1",
                JSON,
                "{\"currentPassword\":\"not-my-password\",\"newPassword\":\"vic-password-2\"}");
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> weak = api.send(
                "PUT",
                "api/users/me/password",
                name,
                "vic-password-1",
                JSON,
                "{\"currentPassword\":\"vic-password-1\",\"newPassword\":\"short\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        HttpResponse<String> changed = api.send(
                "PUT",
                "api/users/me/password",
                name,
                "vic-password-1",
                JSON,
                "{\"currentPassword\":\"vic-password-1\",\"newPassword\":\"vic-password-2\"}");
        assertThat(changed.statusCode()).isEqualTo(204);

        // the old password was remembered by this server a moment ago: it must not count any more
        assertThat(api.get("api/runs/current", name, "vic-password-1").statusCode())
                .isEqualTo(401);
        assertThat(api.get("api/runs/current", name, "vic-password-2").statusCode())
                .isNotIn(401, 403);
    }

    @Test
    void aPasswordSetBySomeoneElseMustBeChangedBeforeAnythingElse() throws Exception {
        String name = unique("new");
        asAdmin(
                "POST",
                "api/users",
                "{\"username\":\"" + name + "\",\"password\":\"given-password-1\",\"role\":\"ANALYST\","
                        + "\"mustChangePassword\":true}");
        HttpResponse<String> blocked = api.get("api/segments?scheme=standard", name, "given-password-1");
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(object(blocked).getString("error")).isEqualTo("PASSWORD_CHANGE_REQUIRED");

        assertThat(api.send(
                                "PUT",
                                "api/users/me/password",
                                name,
                                "given-password-1",
                                JSON,
                                "{\"currentPassword\":\"given-password-1\",\"newPassword\":\"own-password-1\"}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.get("api/segments?scheme=standard", name, "own-password-1")
                        .statusCode())
                .isNotIn(401, 403);

        // an ADMIN's reset makes it someone else's password again
        asAdmin("PUT", "api/users/" + name, "{\"password\":\"reset-password-1\"}");
        assertThat(api.get("api/segments?scheme=standard", name, "reset-password-1")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theEleventhWrongPasswordInARowAnswers429WithRetryAfter() throws Exception {
        String name = unique("tom");
        asAdmin(
                "POST",
                "api/users",
                "{\"username\":\"" + name + "\",\"password\":\"tom-password-1\",\"role\":\"VIEWER\"}");
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(api.get("api/runs/current", name, "guess-" + attempt).statusCode())
                    .as("attempt " + attempt)
                    .isEqualTo(401);
        }
        HttpResponse<String> eleventh = api.get("api/runs/current", name, "guess-11");
        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(eleventh.headers()
                        .firstValue("Retry-After")
                        .map(Long::parseLong)
                        .orElseThrow())
                .isBetween(1L, 30L);
        assertThat(object(eleventh).getString("error")).isEqualTo("TOO_MANY_SIGN_IN_FAILURES");
        // even the right password waits: a guesser learns nothing while it lasts
        assertThat(api.get("api/runs/current", name, "tom-password-1").statusCode())
                .isEqualTo(429);
        // names that do not exist are throttled the same way
        String ghost = unique("ghost");
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(api.get("api/runs/current", ghost, "guess").statusCode()).isEqualTo(401);
        }
        assertThat(api.get("api/runs/current", ghost, "guess").statusCode()).isEqualTo(429);
        // another user is not affected
        assertThat(api.get("api/runs/current", ADMIN, ApiClient.ADMIN_PASSWORD).statusCode())
                .isNotIn(401, 403, 429);
    }

    @Test
    void aChangeSentByAPageOfAnotherSiteIsRefusedEvenWithValidCredentials() throws Exception {
        HttpResponse<String> crossSite = api.send(
                "POST",
                "api/runs",
                ADMIN,
                ApiClient.ADMIN_PASSWORD,
                "text/plain",
                "",
                "Sec-Fetch-Site",
                "cross-site",
                "Origin",
                "https://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(object(crossSite).getString("error")).isEqualTo("CROSS_SITE_REQUEST");
        HttpResponse<String> oldBrowser = api.send(
                "POST",
                "api/imports",
                ADMIN,
                ApiClient.ADMIN_PASSWORD,
                "text/csv",
                "customer_id\n",
                "Origin",
                "https://evil.example");
        assertThat(oldBrowser.statusCode()).isEqualTo(403);
        // the same request from the dashboard's own pages, or from a program, goes through
        HttpResponse<String> sameOrigin = api.send(
                "PUT",
                "api/users/me/password",
                ADMIN,
                ApiClient.ADMIN_PASSWORD,
                JSON,
                "{\"currentPassword\":\"wrong-password\",\"newPassword\":\"whatever-pw-1\"}",
                "Sec-Fetch-Site",
                "same-origin");
        assertThat(sameOrigin.statusCode()).isEqualTo(403);
        assertThat(object(sameOrigin).getString("error")).isEqualTo("WRONG_PASSWORD");
    }

    @Test
    void aDashboardSessionReadsTheApiButNeverChangesAnythingThroughIt() throws Exception {
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        java.net.URI root = base.toURI();
        String loginPage = browser.send(
                        java.net.http.HttpRequest.newBuilder(root.resolve("login.xhtml"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        java.util.regex.Matcher viewState = java.util.regex.Pattern.compile(
                        "name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(loginPage);
        assertThat(viewState.find()).as("the login form has a view state").isTrue();
        String form = "login=login&login%3Ausername=admin&login%3Apassword="
                + java.net.URLEncoder.encode(ApiClient.ADMIN_PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                + "&login%3Asubmit=&jakarta.faces.ViewState="
                + java.net.URLEncoder.encode(viewState.group(1), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(
                java.net.http.HttpRequest.newBuilder(root.resolve("login.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as("redirected after sign-in").isEqualTo(302);

        HttpResponse<String> read = browser.send(
                java.net.http.HttpRequest.newBuilder(root.resolve("api/imports"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        HttpResponse<String> change = browser.send(
                java.net.http.HttpRequest.newBuilder(root.resolve("api/runs"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(change.statusCode()).isEqualTo(401);
        assertThat(object(change).getString("error")).isEqualTo("UNAUTHORIZED");
    }
}
