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
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server killed in the middle of a run (SIGKILL, as a crash or the OOM killer would) and started again: the
 * previous snapshot stays current with the same numbers, the killed run is FAILED as soon as the server is up again,
 * and a new run starts at once. On the embedded H2 file and on PostgreSQL (failsafe runs this class per database).
 */
@ExtendWith(FreshDatabase.class)
class CrashRecoveryIT {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 30);
    private static final Set<String> WORKING_PHASES =
            Set.of("previous snapshot", "reading orders", "computing", "writing results");

    /** The nightly timer must not start runs of its own here: 04:00 is outside any test run of a few minutes. */
    private static final Map<String, String> SETTINGS =
            Map.of("RFM_SCORING_SCHEDULE", "0 0 4", "RFM_INSTANCE_NAME", "crash-test");

    @Test
    void aKilledRunIsFailedRightAfterTheRestartAndTheSnapshotBeforeItStaysCurrent() throws Exception {
        Path dataDir = FreshDatabase.dataDirectory();
        long published;
        String standardBefore;
        long killed;
        try (BundleProcess server = BundleProcess.start("crash-1", dataDir, SETTINGS)) {
            ApiClient api = server.api();
            StringWriter csv = new StringWriter();
            DemoDataGenerator.of(DemoDataSettings.endingOn(LAST_DAY).withCustomers(8_000))
                    .writeCsv(csv);
            HttpResponse<String> imported = api.postCsv("api/imports?fileName=demo.csv", csv.toString());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

            JsonObject first = api.awaitRunFinished(start(api, LAST_DAY.plusDays(1)));
            assertThat(first.getString("status")).as(first.toString()).isEqualTo("SUCCEEDED");
            published = first.getJsonNumber("id").longValue();
            standardBefore =
                    api.get("api/segments?scheme=standard&runId=" + published).body();

            killed = killMidRun(server, api);
        }

        try (BundleProcess restarted = BundleProcess.start("crash-2", dataDir, SETTINGS)) {
            ApiClient api = restarted.api();
            // right after the restart: no waiting for a heartbeat to go stale
            HttpResponse<String> deadRun = api.get("api/runs/" + killed);
            assertThat(deadRun.statusCode())
                    .as("what the killed server had committed is there: %s", deadRun.body())
                    .isEqualTo(200);
            JsonObject dead = json(deadRun);
            assertThat(dead.getString("status")).as(dead.toString()).isEqualTo("FAILED");
            assertThat(dead.getString("error"))
                    .isEqualTo("Interrupted: the server was stopped or killed while the run was working. Nothing of"
                            + " it was published; the previous snapshot stays current.");
            JsonObject current = json(api.get("api/runs/current"));
            assertThat(current.getJsonNumber("id").longValue()).isEqualTo(published);
            assertThat(api.get("api/segments?scheme=standard&runId=" + published)
                            .body())
                    .isEqualTo(standardBefore);
            JsonArray ofKilled = Json.createReader(
                            new StringReader(api.get("api/segments?scheme=standard&runId=" + killed)
                                    .body()))
                    .readArray();
            assertThat(ofKilled).isEmpty();

            HttpResponse<String> next =
                    api.postJson("api/runs", "{\"referenceDate\": \"" + LAST_DAY.plusDays(3) + "\"}");
            assertThat(next.statusCode())
                    .as("a new run starts at once: " + next.body())
                    .isEqualTo(202);
            JsonObject after =
                    api.awaitRunFinished(json(next).getJsonNumber("runId").longValue());
            assertThat(after.getString("status")).as(after.toString()).isEqualTo("SUCCEEDED");
            assertThat(json(api.get("api/runs/current")).getJsonNumber("id").longValue())
                    .isEqualTo(after.getJsonNumber("id").longValue());
        }
    }

    /** Starts a run, and kills the server as soon as the run is seen working (past its start, not finished). */
    private static long killMidRun(BundleProcess server, ApiClient api) throws Exception {
        long run = start(api, LAST_DAY.plusDays(2));
        while (true) {
            JsonObject state = json(api.get("api/runs/" + run));
            if (state.getString("status").equals("RUNNING") && WORKING_PHASES.contains(state.getString("phase"))) {
                server.kill();
                return run;
            }
            assertThat(state.getString("status"))
                    .as("run %d finished before it could be caught working: make the data larger", run)
                    .isIn("QUEUED", "RUNNING");
            Thread.sleep(10);
        }
    }

    private static long start(ApiClient api, LocalDate referenceDate) throws Exception {
        HttpResponse<String> response = api.postJson("api/runs", "{\"referenceDate\": \"" + referenceDate + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).getJsonNumber("runId").longValue();
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
