package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
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
 * Issue 8's web hardening in the real container: security headers on every kind of answer, the session cookie's
 * attributes after a form login, {@code /metrics} behind a role, the import body limit (413, nothing left behind),
 * spooling before the import lock (a stalled upload blocks nobody), and no SQL text in import answers.
 *
 * <p>Failsafe sets {@code RFM_IMPORT_MAX_BYTES} to 16 MiB for all container tests (the rfm-web pom), above every file
 * the other tests import.
 */
@ExtendWith(FreshDatabase.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HardeningIT {

    private static final String HEADER = "order_id,customer_id,order_date,amount,customer_name\n";
    private static final Pattern ERROR_ID =
            Pattern.compile(" \\(error id [0-9a-f]{8}; the details are in the server log\\)");

    @Deployment(testable = false)
    static WebArchive deployment() {
        // at the root context, as the bundle serves it: Payara's /metrics then lives inside the application
        return ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rfm.war"))));
    }

    @ArquillianResource
    URL base;

    ApiClient api;
    URI root;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeEach
    void client() {
        api = new ApiClient(base);
        root = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static long maxBytes() {
        return Long.parseLong(System.getenv().getOrDefault("RFM_IMPORT_MAX_BYTES", "4294967296"));
    }

    static Path spoolDirectory() {
        return Path.of(System.getenv("RFM_DATA_DIR")).toAbsolutePath().resolve("import-spool");
    }

    static List<Path> spooled() throws IOException {
        if (!Files.isDirectory(spoolDirectory())) return List.of();
        try (Stream<Path> files = Files.list(spoolDirectory())) {
            return files.toList();
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder asAdmin(String path) {
        String token = Base64.getEncoder()
                .encodeToString(("admin:" + ApiClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(root.resolve(path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + token);
    }

    // ---- security headers ------------------------------------------------------------------------------------------

    private static void assertCommonHeaders(HttpResponse<?> response) {
        String what = response.request().uri() + " " + response.statusCode();
        assertThat(response.headers().allValues("X-Content-Type-Options"))
                .as(what)
                .containsExactly("nosniff");
        assertThat(response.headers().allValues("Referrer-Policy")).as(what).containsExactly("same-origin");
        assertThat(response.headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(response.headers().allValues("Content-Security-Policy"))
                .as(what + ": one policy")
                .hasSize(1)
                .allSatisfy(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() throws Exception {
        HttpResponse<String> login = api.getAnonymous("login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        assertCommonHeaders(login);
        String pagePolicy =
                login.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher nonce = Pattern.compile("script-src 'self' 'nonce-([^']+)'").matcher(pagePolicy);
        assertThat(nonce.find()).as(pagePolicy).isTrue();
        assertThat(pagePolicy).contains("default-src 'self'").doesNotContain("unsafe-eval");
        assertThat(login.body()).as("PrimeFaces puts the nonce on its scripts").contains("nonce=\"" + nonce.group(1));

        Matcher resource =
                Pattern.compile("src=\"(/jakarta\\.faces\\.resource/[^\"]+)\"").matcher(login.body());
        assertThat(resource.find()).isTrue();
        HttpResponse<String> script =
                api.getAnonymous(resource.group(1).substring(1).replace("&amp;", "&"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertCommonHeaders(script);

        HttpResponse<String> redirect = api.getAnonymous("index.xhtml");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertCommonHeaders(redirect);

        HttpResponse<String> challenge = api.getAnonymous("api/runs/current");
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertCommonHeaders(challenge);

        String apiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        for (String path : List.of("api/imports", "api/no-such-thing", "api/runs/999999")) {
            HttpResponse<String> answer = api.get(path);
            assertCommonHeaders(answer);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(apiPolicy);
        }

        HttpResponse<String> missingPage =
                send(asAdmin("no-such-page.xhtml").GET().build());
        assertThat(missingPage.statusCode()).isEqualTo(404);
        assertCommonHeaders(missingPage);

        HttpResponse<String> health = api.getAnonymous("health/ready");
        assertThat(health.statusCode()).isEqualTo(200);
    }

    // ---- session cookie -------------------------------------------------------------------------------------------

    @Test
    void theSessionCookieOfAFormLoginIsHttpOnlyAndSameSiteLax() throws Exception {
        HttpResponse<String> form = api.getAnonymous("login.xhtml");
        String session = sessionCookie(form);
        Matcher viewState = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(form.body());
        assertThat(viewState.find()).isTrue();
        String body = Map.of(
                        "login", "login",
                        "login:username", "admin",
                        "login:password", ApiClient.ADMIN_PASSWORD,
                        "login:submit", "",
                        "jakarta.faces.ViewState", viewState.group(1))
                .entrySet()
                .stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> loggedIn = send(HttpRequest.newBuilder(root.resolve("login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", session.substring(0, session.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("login.xhtml"));
        String fresh = sessionCookie(loggedIn);
        assertThat(fresh).as("a new session id at login").isNotEqualTo(session);
        assertThat(fresh.toLowerCase()).contains("; httponly").contains("; samesite=lax");
        // served over plain HTTP here: Secure would make browsers drop the cookie
        assertThat(fresh.toLowerCase()).doesNotContain("; secure");
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    // ---- server endpoints ------------------------------------------------------------------------------------------

    @Test
    void metricsNeedAnAdministratorOpenApiStaysPublic() throws Exception {
        HttpResponse<String> anonymous = api.getAnonymous("metrics");
        assertThat(anonymous.statusCode()).isNotEqualTo(200);
        assertThat(anonymous.body()).doesNotContain("# TYPE");

        HttpResponse<String> admin = send(asAdmin("metrics").GET().build());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("# TYPE");

        HttpResponse<String> openapi = api.getAnonymous("openapi");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/imports");
    }

    // ---- import limit and spooling ---------------------------------------------------------------------------------

    private int importCount() throws Exception {
        HttpResponse<String> recent = api.get("api/imports?limit=200");
        assertThat(recent.statusCode()).isEqualTo(200);
        return Json.createReader(new StringReader(recent.body())).readArray().size();
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonObject error = json(response);
        assertThat(error.getString("error")).isEqualTo("BODY_TOO_LARGE");
        assertThat(error.getString("message")).contains(Long.toString(maxBytes()));
        assertThat(error.getJsonArray("details")).isNotNull();
    }

    /** A body of {@code size} bytes: a header, then order lines, all valid. */
    private static InputStream csvBody(long size) {
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] line = "BIG-1,BIG-C1,2024-01-01,1.00,x\n".getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            long position;

            @Override
            public int read() {
                if (position >= size) return -1;
                long p = position++;
                return p < header.length ? header[(int) p] : line[(int) ((p - header.length) % line.length)];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) return -1;
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) b[off + i] = (byte) read();
                return n;
            }
        };
    }

    @Test
    void aBodyOverTheLimitAnswers413AndLeavesNothingBehind() throws Exception {
        int before = importCount();
        long tooLarge = maxBytes() + 1;

        // declared too large: refused before a byte is read
        assertTooLarge(send(asAdmin("api/imports?fileName=declared-too-large.csv")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> csvBody(tooLarge)), tooLarge))
                .build()));
        // chunked, length unknown: refused at the first byte over the limit
        assertTooLarge(send(asAdmin("api/imports?fileName=chunked-too-large.csv")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> csvBody(tooLarge)))
                .build()));

        assertThat(importCount()).as("no import record, not even a failed one").isEqualTo(before);
        assertThat(spooled()).as("no spooled file").isEmpty();

        // exactly at the limit is still taken (and the big single order is a line the importer reads)
        HttpResponse<String> atLimit = send(asAdmin("api/imports?fileName=small.csv")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(HEADER + "OK-1,OK-C1,2024-01-01,1.00,x\n"))
                .build());
        assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(200);
        assertThat(spooled()).isEmpty();
    }

    @Test
    void aStalledUploadBlocksNoOtherImport() throws Exception {
        String half = HEADER + "STALL-1,STALL-C1,2024-01-01,1.00,x\nSTALL-2,STALL-C1,2024-01-";
        String token = Base64.getEncoder()
                .encodeToString(("admin:" + ApiClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        int before = importCount();
        try (Socket stalled = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /api/imports?fileName=stalled.csv HTTP/1.1\r\n"
                            + "Host: " + root.getHost() + ":" + root.getPort() + "\r\n"
                            + "Authorization: Basic " + token + "\r\n"
                            + "Content-Type: text/csv\r\n"
                            + "Content-Length: 100000\r\n\r\n" + half)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> !spooled().isEmpty()); // the stalled body is being spooled

            // before spooling, the stalled request held the import lock: this one waited minutes, then 409
            long started = System.nanoTime();
            HttpResponse<String> other = send(asAdmin("api/imports?fileName=while-stalled.csv")
                    .timeout(Duration.ofSeconds(25))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(HEADER + "FREE-1,FREE-C1,2024-02-01,5.00,y\n"))
                    .build());
            assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
            assertThat(json(other).getInt("rowsImported")).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        }
        // the stalled client went away: its half body was never imported and its spool file is gone
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> spooled().isEmpty());
        JsonArray recent = Json.createReader(
                        new StringReader(api.get("api/imports?limit=200").body()))
                .readArray();
        assertThat(recent).hasSize(before + 1);
        assertThat(recent.getJsonObject(0).getString("fileName")).isEqualTo("while-stalled.csv");
    }

    // ---- no SQL text to clients ----------------------------------------------------------------------------------

    @Test
    void anImportTheDatabaseRefusesShowsNoSqlText() throws Exception {
        // 150 emoji: 150 characters, 300 UTF-16 units; H2 counts the latter against varchar(200) (issue 8)
        String name = "\uD83D\uDE00".repeat(150);
        HttpResponse<String> response =
                api.postCsv("api/imports?fileName=emoji.csv", HEADER + "EMO-1,EMO-C1,2024-01-01,1.00," + name + "\n");
        String answer = response.body() + " " + api.get("api/imports?limit=1").body();
        assertThat(answer)
                .doesNotContainIgnoringCase("insert into")
                .doesNotContainIgnoringCase("varchar")
                .doesNotContainIgnoringCase("SQL statement")
                .doesNotContainIgnoringCase("value too long")
                .doesNotContain("22001");
        if (response.statusCode() >= 500) {
            JsonObject error = json(response);
            assertThat(error.getString("error")).isEqualTo("DATABASE_ERROR");
            assertThat(ERROR_ID.matcher(error.getString("message")).find())
                    .as(error.getString("message"))
                    .isTrue();
        }
    }
}
