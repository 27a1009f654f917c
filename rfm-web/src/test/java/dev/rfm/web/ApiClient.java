package dev.rfm.web;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the integration tests: Basic authentication, strings in and out. */
final class ApiClient {

    static final String ADMIN_PASSWORD = "it-admin-secret";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // its h2c upgrade of large bodies ended in EOF on Payara
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;

    ApiClient(URL base) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        return send(request(path, user, password).GET().build());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, "admin", ADMIN_PASSWORD);
    }

    HttpResponse<String> getCsv(String path) throws IOException, InterruptedException {
        return send(request(path, "admin", ADMIN_PASSWORD)
                .setHeader("Accept", "text/csv")
                .GET()
                .build());
    }

    HttpResponse<String> getAnonymous(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    HttpResponse<String> postCsv(String path, String csv) throws IOException, InterruptedException {
        return send(request(path, "admin", ADMIN_PASSWORD)
                .header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8))
                .build());
    }

    HttpResponse<String> postCsvFile(String path, Path file) throws IOException, InterruptedException {
        return send(request(path, "admin", ADMIN_PASSWORD)
                .header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build());
    }

    HttpResponse<String> postBytes(String path, byte[] body) throws IOException, InterruptedException {
        return send(request(path, "admin", ADMIN_PASSWORD)
                .header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path, "admin", ADMIN_PASSWORD)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> put(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(request(path, "admin", ADMIN_PASSWORD)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    /**
     * Any request: {@code user} {@code null} sends no credentials; {@code headers} are name, value pairs.
     */
    HttpResponse<String> send(
            String method,
            String path,
            String user,
            String password,
            String contentType,
            String body,
            String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = user == null
                ? HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                : request(path, user, password);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(request.build());
    }

    /**
     * Starts a run as of {@code reference} (asking again while another run works, e.g. the test timer's), waits for
     * it and fails unless it SUCCEEDED; its id.
     */
    long succeededRun(String reference) {
        long[] started = new long[1];
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    HttpResponse<String> response = postJson("api/runs", "{\"referenceDate\": \"" + reference + "\"}");
                    if (response.statusCode() == 202) {
                        started[0] = jakarta.json.Json.createReader(new java.io.StringReader(response.body()))
                                .readObject()
                                .getJsonNumber("runId")
                                .longValue();
                    } else if (response.statusCode() != 409) {
                        throw new AssertionError(
                                "POST api/runs answered " + response.statusCode() + ": " + response.body());
                    }
                    return started[0] != 0;
                });
        jakarta.json.JsonObject run = awaitRunFinished(started[0]);
        if (!run.getString("status").equals("SUCCEEDED")) throw new AssertionError("run failed: " + run);
        return started[0];
    }

    /** Waits (up to three minutes) until a run has SUCCEEDED or FAILED; its record then. */
    jakarta.json.JsonObject awaitRunFinished(long runId) {
        java.util.concurrent.atomic.AtomicReference<jakarta.json.JsonObject> run =
                new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    run.set(jakarta.json.Json.createReader(new java.io.StringReader(
                                    get("api/runs/" + runId).body()))
                            .readObject());
                    String status = run.get().getString("status");
                    return status.equals("SUCCEEDED") || status.equals("FAILED");
                });
        return run.get();
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Basic " + token)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
