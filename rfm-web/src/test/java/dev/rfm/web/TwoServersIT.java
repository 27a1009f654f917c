package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.demo.DemoDataGenerator;
import dev.rfm.domain.demo.DemoDataSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of the bundle on one PostgreSQL, as behind a load balancer: their timers fire every few seconds, and
 * every time slot gives exactly one run across both; manual runs get 409 while one works whichever server is asked;
 * imports sent to both at once are serialised and lose nothing; both serve the dashboard and REST; when one is
 * killed in the middle of a run, the other fails that run within a few missed heartbeats and goes on alone.
 */
@ExtendWith(FreshDatabase.class)
class TwoServersIT {

    private static final int SLOT_SECONDS = 4;
    private static final int SLOTS = 12; // twelve races of two timers for one slot each; more only cost CI time
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 30);

    @BeforeAll
    static void onlyOnASharedDatabase() {
        Assumptions.assumeTrue(FreshDatabase.isPostgresql(), "two servers share PostgreSQL, not the embedded H2 file");
    }

    @Test
    void everySlotGivesOneRunImportsAreSerialisedAndBothServersServe() throws Exception {
        Path data = FreshDatabase.dataDirectory();
        CompletableFuture<BundleProcess> startA = CompletableFuture.supplyAsync(() -> start("a", data));
        CompletableFuture<BundleProcess> startB = CompletableFuture.supplyAsync(() -> start("b", data));
        try (BundleProcess a = startA.join();
                BundleProcess b = startB.join()) {
            importsToBothServersAtOnceLoseNothing(a.api(), b.api());
            LocalDateTime from = LocalDateTime.now(); // both servers up, the data in: from here both timers run
            LocalDateTime cutOff = awaitScheduledRuns(a.api(), from);
            everySlotBetweenHasExactlyOneRun(a.api(), from, cutOff, a.log() + b.log());
            aManualRunIsRefusedByTheOtherServerWhileItWorks(a.api(), b.api());
            bothServeTheDashboardAndTheSameSnapshot(a.api(), b.api());
            aRunOfAKilledServerIsFailedByTheOtherWithinAFewHeartbeats(a, b);
        }
    }

    /** b is killed while it works on a run; a notices the silence, fails the run and runs the next slots alone. */
    private static void aRunOfAKilledServerIsFailedByTheOtherWithinAFewHeartbeats(BundleProcess a, BundleProcess b)
            throws Exception {
        long run = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (run < 0) {
            assertThat(System.nanoTime()).as("b caught working on a run").isLessThan(deadline);
            Thread.sleep(20);
            for (var value : Json.createReader(
                            new StringReader(a.api().get("api/runs?limit=5").body()))
                    .readArray()) {
                JsonObject candidate = (JsonObject) value;
                if (candidate.getString("status").equals("RUNNING")
                        && "b".equals(candidate.getString("server", null))) {
                    b.kill();
                    run = candidate.getJsonNumber("id").longValue();
                }
            }
        }
        long killed = run;
        LocalDateTime killedAt = LocalDateTime.now();
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> json(a.api().get("api/runs/" + killed))
                        .getString("status")
                        .equals("FAILED"));
        assertThat(json(a.api().get("api/runs/" + killed)).getString("error"))
                .startsWith("Interrupted: its server (b) stopped sending heartbeats at ");
        // the slots after that are all a's
        Awaitility.await()
                .atMost(Duration.ofSeconds(SLOT_SECONDS * 10L))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> scheduledRuns(a.api()).entrySet().stream()
                        .filter(e -> e.getKey().isAfter(LocalDateTime.now().minusSeconds(SLOT_SECONDS * 3L)))
                        .filter(e -> e.getKey().isAfter(killedAt))
                        .flatMap(e -> e.getValue().stream())
                        .anyMatch(r -> r.getString("server").equals("a")
                                && r.getString("status").equals("SUCCEEDED")));
    }

    private static BundleProcess start(String name, Path data) {
        try {
            return BundleProcess.start(
                    name,
                    data.resolve(name),
                    Map.of("RFM_INSTANCE_NAME", name, "RFM_SCORING_SCHEDULE", "*/" + SLOT_SECONDS + " * *"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void importsToBothServersAtOnceLoseNothing(ApiClient a, ApiClient b) throws Exception {
        StringWriter csv = new StringWriter();
        DemoDataGenerator.of(DemoDataSettings.endingOn(LAST_DAY).withCustomers(2_000))
                .writeCsv(csv);
        // every line of a customer into one of two files, so that each file holds whole orders
        List<String> lines = csv.toString().lines().toList();
        StringBuilder first = new StringBuilder(lines.get(0)).append('\n');
        StringBuilder second = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String customer = line.substring(0, line.indexOf(','));
            (Math.floorMod(customer.hashCode(), 2) == 0 ? first : second)
                    .append(line)
                    .append('\n');
        }
        CompletableFuture<HttpResponse<String>> toA =
                CompletableFuture.supplyAsync(() -> post(a, "first.csv", first.toString()));
        CompletableFuture<HttpResponse<String>> toB =
                CompletableFuture.supplyAsync(() -> post(b, "second.csv", second.toString()));
        JsonObject resultA = json(toA.join());
        JsonObject resultB = json(toB.join());
        assertThat(resultA.getInt("rowsRejected") + resultB.getInt("rowsRejected"))
                .isZero();
        assertThat(resultA.getInt("rowsImported") + resultB.getInt("rowsImported"))
                .isEqualTo(lines.size() - 1);
        assertThat(resultA.getInt("customersCreated") + resultB.getInt("customersCreated"))
                .isEqualTo(2_000);
        try (Connection c = FreshDatabase.postgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select (select count(*) from customer)," + " (select count(*) from customer_order)")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2_000);
            assertThat(rs.getLong(2)).isEqualTo(resultA.getInt("ordersCreated") + resultB.getInt("ordersCreated"));
        }
    }

    private static HttpResponse<String> post(ApiClient api, String name, String csv) {
        try {
            HttpResponse<String> response = api.postCsv("api/imports?fileName=" + name, csv);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the timers ran more than {@value #SLOTS} slots since {@code from}; returns the newest slot. */
    private static LocalDateTime awaitScheduledRuns(ApiClient api, LocalDateTime from) throws Exception {
        Awaitility.await()
                .atMost(Duration.ofSeconds(SLOT_SECONDS * (SLOTS + 15L)))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> scheduledRuns(api).keySet().stream()
                                .filter(slot -> slot.isAfter(from))
                                .count()
                        > SLOTS + 1);
        List<LocalDateTime> slots = new ArrayList<>(scheduledRuns(api).keySet());
        return slots.get(slots.size() - 1); // the newest slot's run may still be on its way: not counted
    }

    private static void everySlotBetweenHasExactlyOneRun(
            ApiClient api, LocalDateTime from, LocalDateTime cutOff, String logs) throws Exception {
        Map<LocalDateTime, List<JsonObject>> runs = scheduledRuns(api);
        List<LocalDateTime> claimed = new ArrayList<>();
        try (Connection c = FreshDatabase.postgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select slot from schedule_slot order by slot")) {
            while (rs.next()) claimed.add(rs.getTimestamp(1).toLocalDateTime());
        }
        List<LocalDateTime> counted = claimed.stream()
                .filter(slot -> slot.isAfter(from) && slot.isBefore(cutOff))
                .toList();
        assertThat(counted).hasSizeGreaterThanOrEqualTo(SLOTS);
        for (LocalDateTime slot : counted) {
            assertThat(runs.getOrDefault(slot, List.of()))
                    .as("runs of slot %s", slot)
                    .hasSize(1);
            assertThat(runs.get(slot).get(0).getString("status")).isEqualTo("SUCCEEDED");
            // both timers fired for the slot: one server ran it, the other found it claimed
            assertThat(logs).contains("Scoring slot " + slot + " was claimed by another server first");
        }
        // slots are the schedule's, SLOT_SECONDS apart, with none skipped
        for (int i = 1; i < counted.size(); i++) {
            assertThat(Duration.between(counted.get(i - 1), counted.get(i))).hasSeconds(SLOT_SECONDS);
        }
    }

    private static void aManualRunIsRefusedByTheOtherServerWhileItWorks(ApiClient a, ApiClient b) throws Exception {
        boolean refused = false;
        for (int attempt = 0; attempt < 20 && !refused; attempt++) {
            HttpResponse<String> started =
                    a.postJson("api/runs", "{\"referenceDate\": \"" + LAST_DAY.plusDays(1) + "\"}");
            if (started.statusCode() != 202) {
                assertThat(started.statusCode()).isEqualTo(409);
                Thread.sleep(200);
                continue;
            }
            long runId = json(started).getJsonNumber("runId").longValue();
            HttpResponse<String> second =
                    b.postJson("api/runs", "{\"referenceDate\": \"" + LAST_DAY.plusDays(2) + "\"}");
            if (second.statusCode() == 409) {
                assertThat(json(second).getJsonNumber("runId").longValue()).isEqualTo(runId);
                refused = true;
            } else {
                // a's run had already finished: only then may b start one
                assertThat(json(a.get("api/runs/" + runId)).getString("status")).isIn("SUCCEEDED", "FAILED");
            }
        }
        assertThat(refused).as("b refused a run while a's run worked").isTrue();
    }

    private static void bothServeTheDashboardAndTheSameSnapshot(ApiClient a, ApiClient b) throws Exception {
        assertThat(a.getAnonymous("login.xhtml").statusCode()).isEqualTo(200);
        assertThat(b.getAnonymous("login.xhtml").statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            String fromA = a.get("api/runs/current").body();
            String fromB = b.get("api/runs/current").body();
            return json(fromA).getJsonNumber("id").equals(json(fromB).getJsonNumber("id"));
        });
        long current = json(a.get("api/runs/current")).getJsonNumber("id").longValue();
        assertThat(b.get("api/segments?scheme=standard&runId=" + current).body())
                .isEqualTo(
                        a.get("api/segments?scheme=standard&runId=" + current).body());
    }

    /** The timer's runs by the slot they were scheduled for. */
    private static Map<LocalDateTime, List<JsonObject>> scheduledRuns(ApiClient api) throws Exception {
        JsonArray runs = Json.createReader(
                        new StringReader(api.get("api/runs?limit=200").body()))
                .readArray();
        return runs.stream()
                .map(JsonObject.class::cast)
                .filter(r -> r.getString("trigger").equals("SCHEDULE"))
                .collect(Collectors.groupingBy(
                        r -> LocalDateTime.parse(r.getString("scheduledFor")), TreeMap::new, Collectors.toList()));
    }

    private static JsonObject json(HttpResponse<String> response) {
        return json(response.body());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
