package dev.rfm.web;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many API users at once against the deployed bundle on its embedded H2, with the CDNOW log imported and scored:
 * {@code users} distinct users (VIEWER), each with their own password, each sending {@code requests} mixed reads
 * (segments, a page of a segment's customers, a customer, the model, the current run) with HTTP Basic on every call,
 * all users at the same time. Shows what the strong password hash costs once the verified credentials are
 * remembered. Not a test: {@code ./mvnw -q -pl rfm-web -am verify -Papi-load-benchmark -DskipTests}; figures in
 * docs/PERFORMANCE.md.
 *
 * <p>Arguments: users (50), requests per user (40), rounds (3), working directory.
 */
public final class ApiLoadBenchmark {

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Path.of(args.length > 3 ? args[3] : "target/api-load").toAbsolutePath();
        Path cdnow = Path.of(System.getProperty("rfm.shared.dir", "../shared"), "data/cdnow/cdnow_orders.csv");
        if (!Files.exists(cdnow)) {
            throw new IllegalStateException("needs the CDNOW log at " + cdnow.toAbsolutePath());
        }
        Path data = dir.resolve("data");
        if (Files.exists(data)) { // every measurement starts from an empty database
            try (var old = Files.walk(data)) {
                old.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        Map<String, String> settings = Map.of(
                "RFM_ADMIN_PASSWORD", ApiClient.ADMIN_PASSWORD,
                "RFM_DEMO_DATA", "false",
                "RFM_SCORING_SCHEDULE", "0 0 4");
        try (BundleProcess server = BundleProcess.start("api-load", data, settings)) {
            ApiClient api = server.api();
            check(api.postCsvFile("api/imports?fileName=cdnow_orders.csv", cdnow), 200);
            HttpResponse<String> started = api.postJson("api/runs", "{\"referenceDate\":\"1998-07-01\"}");
            check(started, 202);
            long runId = object(started).getJsonNumber("runId").longValue();
            String status = api.awaitRunFinished(runId).getString("status");
            if (!status.equals("SUCCEEDED")) throw new IllegalStateException("run " + status);
            List<String> customerIds = new ArrayList<>();
            JsonArray page = Json.createReader(
                            new StringReader(api.get("api/segments/CHAMPIONS/customers?page=0&size=200")
                                    .body()))
                    .readObject()
                    .getJsonArray("customers");
            page.forEach(c -> customerIds.add(c.asJsonObject().getString("customerId")));
            for (int u = 0; u < users; u++) {
                check(
                        api.postJson(
                                "api/users",
                                "{\"username\":\"reader" + u + "\",\"password\":\"reader-password-" + u
                                        + "\",\"role\":\"VIEWER\"}"),
                        201);
            }
            System.out.printf(
                    "%d users x %d mixed reads, HTTP Basic on every call; machine: %d cores, load %s%n",
                    users, requests, Runtime.getRuntime().availableProcessors(), load());
            for (int round = 1; round <= rounds; round++) {
                measure(server, users, requests, customerIds, round);
            }
        }
    }

    private static void measure(BundleProcess server, int users, int requests, List<String> ids, int round)
            throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            done.add(pool.submit(() -> {
                ApiClient api = server.api();
                Random random = new Random(user * 31L + round);
                for (int r = 0; r < requests; r++) {
                    String path =
                            switch (random.nextInt(5)) {
                                case 0 -> "api/segments?scheme=standard";
                                case 1 -> "api/segments/AT_RISK/customers?page=" + random.nextInt(5) + "&size=50";
                                case 2 -> "api/customers/" + ids.get(random.nextInt(ids.size()));
                                case 3 -> "api/model";
                                default -> "api/runs/current";
                            };
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> response = api.get(path, "reader" + user, "reader-password-" + user);
                        if (response.statusCode() != 200) errors.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t);
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "round %d: %d requests in %.1f s = %.0f requests/s; p50 %d ms, p95 %d ms, max %d ms; %d errors%n",
                round,
                sorted.size(),
                seconds,
                sorted.size() / seconds,
                sorted.get(sorted.size() / 2) / 1_000_000,
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1_000_000,
                sorted.get(sorted.size() - 1) / 1_000_000,
                errors.get());
    }

    private static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static JsonObject object(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
