package dev.rfm.analytics.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.testing.TestDatabase;
import jakarta.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Triggers end to end on both databases: the two hand-made runs of {@link TwoRuns}, a real HTTP receiver that checks
 * every signature ({@link Receiver}), and a clock the test moves instead of waiting for back-off.
 */
class TriggerEngineTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();
    private static final String SECRET = "a-secret-of-16-chars";
    private static final Instant START = Instant.parse("2025-01-01T04:00:00Z");
    private static final TriggerRetry RETRY =
            new TriggerRetry(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(600));

    private final TestClock clock = new TestClock(START);

    private TriggerEngine engine(DataSource ds, int batchSize, String worker) {
        return new TriggerEngine(
                ds, batchSize, new WebhookSender(Duration.ofSeconds(5)), RETRY, clock, worker, TwoRuns.SECRETS);
    }

    private static TriggerSettings webhook(String scheme, String to, String from, String url) {
        return new TriggerSettings("test", scheme, to, from, url, SECRET, null, true);
    }

    private static List<String> ids(JsonObject batch) {
        return batch.getJsonArray("customers").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("customerId"))
                .toList();
    }

    private static List<String> keys(SegmentTrigger t, long run, int batches) {
        return IntStream.rangeClosed(1, batches)
                .mapToObj(b -> "trigger-" + t.id() + "-run-" + run + "-batch-" + b)
                .toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theSecretIsStoredSealedAndOpenedOnlyToSign(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        SegmentTrigger t = TwoRuns.trigger(ds, webhook("standard", "AT_RISK", null, "https://x"));
        try (var c = ds.getConnection();
                var select = c.prepareStatement("select secret from segment_trigger where id = ?")) {
            select.setLong(1, t.id());
            try (var rs = select.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("v1:").doesNotContain(SECRET);
            }
        }
        assertThat(new SegmentTriggers(ds, TwoRuns.SECRETS)
                        .target(t.id())
                        .orElseThrow()
                        .secret())
                .isEqualTo(SECRET);
        new SegmentTriggers(ds, TwoRuns.SECRETS).delete(t.id());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theCustomersWhoEnteredArePlannedInBatchesBeforeAnythingIsSent(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long[] runs = TwoRuns.write(ds);
        SegmentTrigger fromChampions = TwoRuns.trigger(ds, webhook("standard", "AT_RISK", "CHAMPIONS", "https://x"));
        SegmentTrigger intoAtRisk = TwoRuns.trigger(ds, webhook("standard", "AT_RISK", null, "https://x"));
        SegmentTrigger dormant = TwoRuns.trigger(ds, webhook("lifecycle", "DORMANT", "ACTIVE", "https://x"));
        TriggerEngine engine = engine(ds, 2, "a");

        assertThat(engine.afterRun(runs[0]))
                .as("the first run has no run before it: nobody 'entered'")
                .extracting(BatchPlanner.Plan::customers)
                .containsOnly(0L);
        List<BatchPlanner.Plan> plans = engine.afterRun(runs[1]);
        assertThat(plans)
                .extracting(BatchPlanner.Plan::triggerId, BatchPlanner.Plan::customers, BatchPlanner.Plan::batches)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(fromChampions.id(), 3L, 2),
                        org.assertj.core.groups.Tuple.tuple(intoAtRisk.id(), 5L, 3),
                        org.assertj.core.groups.Tuple.tuple(dormant.id(), 2L, 1));
        assertThat(plans).allSatisfy(p -> assertThat(p.previousRunId()).isEqualTo(runs[0]));
        assertThat(engine.afterRun(runs[1])).as("planned once").isEmpty();
        assertThat(engine.catchUp()).as("nothing missed").isEmpty();

        TriggerDeliveries deliveries = new TriggerDeliveries(ds);
        assertThat(deliveries.of(fromChampions.id(), 100))
                .extracting(TriggerDelivery::batch, TriggerDelivery::customers, TriggerDelivery::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 2, BatchStatus.PENDING),
                        org.assertj.core.groups.Tuple.tuple(2, 1, BatchStatus.PENDING));
        JsonObject first = json(deliveries.body(fromChampions.id(), runs[1], 1).orElseThrow());
        assertThat(first.getJsonNumber("triggerId").longValue()).isEqualTo(fromChampions.id());
        assertThat(first.getJsonNumber("runId").longValue()).isEqualTo(runs[1]);
        assertThat(first.getInt("batch")).isEqualTo(1);
        assertThat(first.getString("idempotencyKey"))
                .isEqualTo("trigger-" + fromChampions.id() + "-run-" + runs[1] + "-batch-1");
        assertThat(ids(first)).containsExactly("C1", "C2");
        assertThat(first.getJsonArray("customers").get(0).toString())
                .as("customer 1: scores r = 1 mod 5 + 1, f = 3, m = 5 - 1 mod 5, as written")
                .isEqualTo(
                        "{\"customerId\":\"C1\",\"email\":\"p1@example.com\",\"fromSegment\":\"CHAMPIONS\","
                                + "\"toSegment\":\"AT_RISK\",\"r\":2,\"f\":3,\"m\":4,\"pAlive\":0.42,\"predictedClv\":310.0000}");
        assertThat(first.getJsonArray("customers").getJsonObject(1).isNull("email"))
                .as("customer 2 has no e-mail")
                .isTrue();
        assertThat(ids(json(deliveries.body(fromChampions.id(), runs[1], 2).orElseThrow())))
                .containsExactly("C7");

        List<String> all = new ArrayList<>();
        for (int b = 1; b <= 3; b++)
            all.addAll(ids(json(deliveries.body(intoAtRisk.id(), runs[1], b).orElseThrow())));
        assertThat(all)
                .as("from Loyal and new customers too; not C4 who stayed")
                .containsExactly("C1", "C2", "C3", "C6", "C7");
        JsonObject newcomer = json(deliveries.body(intoAtRisk.id(), runs[1], 2).orElseThrow());
        assertThat(newcomer.getJsonArray("customers").getJsonObject(1).isNull("fromSegment"))
                .as("C6 was not scored in run 1")
                .isTrue();
        assertThat(ids(json(deliveries.body(dormant.id(), runs[1], 1).orElseThrow())))
                .containsExactly("C1", "C3");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReceiverThatFailsFirstGetsEveryBatchSignedWithTheSameKeys(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long[] runs = TwoRuns.write(ds);
        try (Receiver receiver = new Receiver(SECRET, 0)) {
            receiver.failFirst = 2;
            receiver.expectedTimestamp = START.getEpochSecond();
            SegmentTrigger t = TwoRuns.trigger(ds, webhook("standard", "AT_RISK", null, receiver.url()));
            TriggerEngine engine = engine(ds, 2, "a");
            engine.afterRun(runs[1]);

            assertThat(engine.deliverDue()).isEqualTo(3);
            TriggerDeliveries deliveries = new TriggerDeliveries(ds);
            assertThat(deliveries.of(t.id(), 10))
                    .extracting(TriggerDelivery::status, TriggerDelivery::attempts)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(BatchStatus.RETRYING, 1),
                            org.assertj.core.groups.Tuple.tuple(BatchStatus.RETRYING, 1),
                            org.assertj.core.groups.Tuple.tuple(BatchStatus.DELIVERED, 1));
            TriggerDelivery retrying = deliveries.of(t.id(), 10).get(0);
            assertThat(retrying.lastError()).startsWith("Attempt 1 failed: HTTP 500 receiver busy; next at");
            assertThat(retrying.nextAttemptAt()).isEqualTo(java.time.LocalDateTime.of(2025, 1, 1, 4, 0, 30));

            clock.advance(Duration.ofSeconds(29));
            assertThat(engine.deliverDue()).as("not due before its back-off").isZero();
            clock.advance(Duration.ofSeconds(1));
            receiver.expectedTimestamp = START.getEpochSecond() + 30;
            assertThat(engine.deliverDue()).isEqualTo(2);
            assertThat(deliveries.of(t.id(), 10))
                    .extracting(TriggerDelivery::status, TriggerDelivery::attempts)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(BatchStatus.DELIVERED, 2),
                            org.assertj.core.groups.Tuple.tuple(BatchStatus.DELIVERED, 2),
                            org.assertj.core.groups.Tuple.tuple(BatchStatus.DELIVERED, 1));
            assertThat(receiver.rejected)
                    .as("every signature and timestamp checked out")
                    .hasValue(0);
            assertThat(receiver.requests).hasValue(5);
            assertThat(receiver.acceptedKeys()).containsExactlyInAnyOrderElementsOf(keys(t, runs[1], 3));
            assertThat(engine.deliverDue()).as("nothing left").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRefusedConnectionIsRetriedWithBackOffUntilTheReceiverIsUpOrTheWindowEnds(TestDatabase database)
            throws Exception {
        DataSource ds = DATABASES.get(database);
        long[] runs = TwoRuns.write(ds);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SegmentTrigger t =
                TwoRuns.trigger(ds, webhook("standard", "AT_RISK", "CHAMPIONS", "http://127.0.0.1:" + port + "/hook"));
        TriggerEngine engine = engine(ds, 500, "a");
        engine.afterRun(runs[1]);
        TriggerDeliveries deliveries = new TriggerDeliveries(ds);

        // back-off 30, 60, 120, 120 s (max 120): attempts at +0, +30, +90, +210 s
        for (int wait : new int[] {0, 30, 60, 120}) {
            clock.advance(Duration.ofSeconds(wait));
            assertThat(engine.deliverDue()).isEqualTo(1);
        }
        TriggerDelivery down = deliveries.of(t.id(), 10).get(0);
        assertThat(down.status()).isEqualTo(BatchStatus.RETRYING);
        assertThat(down.attempts()).isEqualTo(4);
        assertThat(down.lastError()).startsWith("Attempt 4 failed: ConnectException");
        assertThat(down.nextAttemptAt()).isEqualTo(java.time.LocalDateTime.of(2025, 1, 1, 4, 5, 30));

        try (Receiver receiver = new Receiver(SECRET, port)) {
            clock.advance(Duration.ofSeconds(120));
            assertThat(engine.deliverDue()).isEqualTo(1);
            assertThat(receiver.acceptedKeys()).containsExactlyElementsOf(keys(t, runs[1], 1));
            assertThat(ids(receiver.accepted().get(0))).containsExactly("C1", "C2", "C7");
        }
        assertThat(deliveries.of(t.id(), 10).get(0).status()).isEqualTo(BatchStatus.DELIVERED);

        // a receiver that never comes back: FAILED when the next attempt would fall after the 600 s window
        assertThat(engine.replay(t.id(), runs[1])).isEqualTo(1);
        for (int wait : new int[] {0, 30, 60, 120, 120, 120}) {
            clock.advance(Duration.ofSeconds(wait));
            assertThat(engine.deliverDue()).isEqualTo(1);
        }
        TriggerDelivery failed = deliveries.of(t.id(), 10).get(0);
        assertThat(failed.status())
                .as("six attempts by +450 s; the seventh at +570 s is within 600 s, the eighth would not be")
                .isEqualTo(BatchStatus.RETRYING);
        clock.advance(Duration.ofSeconds(120));
        assertThat(engine.deliverDue()).isEqualTo(1);
        failed = deliveries.of(t.id(), 10).get(0);
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.lastError()).endsWith("no more attempts.");
        clock.advance(Duration.ofHours(1));
        assertThat(engine.deliverDue()).as("FAILED is final until a replay").isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoServersSendEachBatchOnceAndAReplaySendsTheSameBatchesAgain(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long[] runs = TwoRuns.write(ds);
        try (Receiver receiver = new Receiver(SECRET, 0)) {
            SegmentTrigger lost = TwoRuns.trigger(ds, webhook("standard", "LOST", null, receiver.url()));
            TriggerEngine a = engine(ds, 1, "server-a");
            TriggerEngine b = engine(ds, 1, "server-b");
            // both servers plan at once: the evaluation's key lets one win
            List<Integer> planned = race(
                    () -> a.afterRun(runs[1]).size(), () -> b.afterRun(runs[1]).size());
            assertThat(planned).containsExactlyInAnyOrder(0, 1);
            int batches = 1 + TwoRuns.GENERATED; // C8 and the 40 generated customers, one per batch
            assertThat(new TriggerDeliveries(ds).of(lost.id(), 100)).hasSize(batches);

            List<Integer> sent = race(a::deliverDue, b::deliverDue);
            // each tick takes at most 50; a second round picks up anything a tick skipped as claimed
            while (a.deliverDue() + b.deliverDue() > 0) {
                sent.add(0);
            }
            assertThat(receiver.acceptedKeys())
                    .as("every batch exactly once, whichever server sent it")
                    .hasSize(batches)
                    .containsExactlyInAnyOrderElementsOf(keys(lost, runs[1], batches));
            assertThat(sent.get(0) + sent.get(1)).isEqualTo(batches);

            String body = new TriggerDeliveries(ds).body(lost.id(), runs[1], 7).orElseThrow();
            assertThat(a.replay(lost.id(), runs[1])).isEqualTo(batches);
            assertThat(new TriggerDeliveries(ds).of(lost.id(), 100))
                    .extracting(TriggerDelivery::status)
                    .containsOnly(BatchStatus.PENDING);
            while (a.deliverDue() > 0) {
                // the replay's batches, 50 per tick
            }
            List<String> keys = receiver.acceptedKeys();
            assertThat(keys).hasSize(2 * batches);
            assertThat(keys.subList(batches, 2 * batches))
                    .as("replayed under the same keys")
                    .containsExactlyInAnyOrderElementsOf(keys(lost, runs[1], batches));
            assertThat(receiver.accepted().stream()
                            .filter(j -> j.getInt("batch") == 7)
                            .map(JsonObject::toString)
                            .distinct())
                    .as("the same body both times")
                    .containsExactly(json(body).toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFileTriggerWritesOneCsvFilePerBatch(TestDatabase database, @TempDir Path directory) throws Exception {
        DataSource ds = DATABASES.get(database);
        long[] runs = TwoRuns.write(ds);
        Path out = directory.resolve("pickup");
        SegmentTrigger t = TwoRuns.trigger(
                ds, new TriggerSettings("file", "standard", "AT_RISK", null, null, null, out.toString(), true));
        TriggerEngine engine = engine(ds, 3, "a");
        engine.afterRun(runs[1]);
        assertThat(engine.deliverDue()).isEqualTo(2);

        String prefix = "trigger-" + t.id() + "-run-" + runs[1] + "-batch-";
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .as("no temporary file is left behind")
                    .containsExactly(prefix + "1.csv", prefix + "2.csv");
        }
        assertThat(Files.readAllLines(out.resolve(prefix + "1.csv")))
                .containsExactly(
                        "customerId,email,fromSegment,toSegment,r,f,m,pAlive,predictedClv",
                        "C1,p1@example.com,CHAMPIONS,AT_RISK,2,3,4,0.42,310.0000",
                        "C2,,CHAMPIONS,AT_RISK,3,3,3,0.5,120.0000",
                        "C3,p3@example.com,LOYAL,AT_RISK,4,3,2,0.3,");
        assertThat(Files.readAllLines(out.resolve(prefix + "2.csv")))
                .containsExactly(
                        "customerId,email,fromSegment,toSegment,r,f,m,pAlive,predictedClv",
                        "C6,p6@example.com,,AT_RISK,2,3,4,,",
                        "C7,p7@example.com,CHAMPIONS,AT_RISK,3,3,3,0.61,75.0000");
        assertThat(new TriggerDeliveries(ds).of(t.id(), 10))
                .extracting(TriggerDelivery::status)
                .containsOnly(BatchStatus.DELIVERED);
    }

    private static JsonObject json(String body) {
        return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject();
    }

    @SafeVarargs
    private static List<Integer> race(java.util.concurrent.Callable<Integer>... servers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(servers.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (var s : servers) {
                results.add(pool.submit(() -> {
                    start.await();
                    return s.call();
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : results) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
