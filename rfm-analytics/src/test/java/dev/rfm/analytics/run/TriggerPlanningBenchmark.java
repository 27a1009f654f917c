package dev.rfm.analytics.run;

import com.sun.net.httpserver.HttpServer;
import dev.rfm.analytics.trigger.BatchPlanner;
import dev.rfm.analytics.trigger.SegmentTrigger;
import dev.rfm.analytics.trigger.SegmentTriggers;
import dev.rfm.analytics.trigger.TriggerEngine;
import dev.rfm.analytics.trigger.TriggerRetry;
import dev.rfm.analytics.trigger.TriggerSettings;
import dev.rfm.analytics.trigger.WebhookSender;
import dev.rfm.domain.testing.TestDatabase;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Triggers at scale: N synthetic customers scored in two runs with independent random standard segments (of six)
 * and stages (of five), so about 14 % of them enter At Risk (a worst case: a whole segment reshuffled), then the
 * time to plan three triggers' batches and to deliver them all: the first's posted to a local receiver, the others
 * written as CSV files. A fourth trigger, "any → At Risk" for a campaign on every customer with a 10 % control group
 * (drawn by {@code ControlGroupSplit}), measures leaving the control group out: it must send exactly the first trigger's
 * customers less the ones it held out. The in-memory H2 holds every row in the test's heap: at 1,000,000 customers it needs more
 * than the 2 GiB surefire gives, so measure H2 with fewer. Run: {@code
 * ./mvnw -pl rfm-analytics -am test -Dtest=TriggerPlanningBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Drfm.triggerBenchmark=1000000}; {@code -Drfm.triggerBenchmark.database=POSTGRESQL} measures one database only.
 */
@EnabledIfSystemProperty(named = "rfm.triggerBenchmark", matches = "\\d+")
class TriggerPlanningBenchmark {

    private static final dev.rfm.domain.source.SecretBox SECRETS =
            dev.rfm.domain.source.SecretBox.ofBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();
    private static final String SECRET = "benchmark-secret-0123";

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void planAndSend(TestDatabase database) throws Exception {
        String only = System.getProperty("rfm.triggerBenchmark.database");
        org.junit.jupiter.api.Assumptions.assumeTrue(only == null || only.equalsIgnoreCase(database.name()));
        DataSource ds = DATABASES.get(database);
        int customers = Integer.parseInt(System.getProperty("rfm.triggerBenchmark"));
        SplittableRandom random = new SplittableRandom(1);
        customers(ds, customers);
        write(ds, customers, random);
        long run = write(ds, customers, random);
        long campaign = campaignOnEveryone(ds, customers);

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        AtomicLong bytes = new AtomicLong();
        receiver.createContext("/hook", exchange -> {
            bytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            SegmentTriggers triggers = new SegmentTriggers(ds, SECRETS);
            LocalDateTime now = LocalDateTime.now();
            SegmentTrigger atRisk = triggers.create(
                    new TriggerSettings("any → At Risk", "standard", "AT_RISK", null, url, SECRET, null, true),
                    "b",
                    now);
            SegmentTrigger fromChampions = triggers.create(
                    new TriggerSettings(
                            "Champions → At Risk",
                            "standard",
                            "AT_RISK",
                            "CHAMPIONS",
                            null,
                            null,
                            System.getProperty("java.io.tmpdir") + "/trigger-bench",
                            false),
                    "b",
                    now);
            SegmentTrigger dormant = triggers.create(
                    new TriggerSettings(
                            "→ dormant",
                            "lifecycle",
                            "DORMANT",
                            null,
                            null,
                            null,
                            System.getProperty("java.io.tmpdir") + "/trigger-bench",
                            false),
                    "b",
                    now);
            SegmentTrigger forCampaign = triggers.create(
                    new TriggerSettings(
                            "→ At Risk, campaign",
                            "standard",
                            "AT_RISK",
                            null,
                            null,
                            null,
                            System.getProperty("java.io.tmpdir") + "/trigger-bench",
                            false,
                            campaign),
                    "b",
                    now);
            BatchPlanner planner = new BatchPlanner(ds, 500);
            java.util.List<BatchPlanner.Plan> plans = new java.util.ArrayList<>();
            for (SegmentTrigger t : new SegmentTrigger[] {atRisk, fromChampions, dormant, forCampaign}) {
                long start = System.nanoTime();
                BatchPlanner.Plan plan = planner.plan(t, run, now).orElseThrow();
                plans.add(plan);
                System.out.printf(
                        Locale.ROOT,
                        "TRIGGER %s %d customers: %-22s %d entered, %d batches planned, %d held out in %d ms%n",
                        database,
                        customers,
                        t.settings().name(),
                        plan.customers(),
                        plan.batches(),
                        plan.heldOut(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            if (plans.get(3).customers() + plans.get(3).heldOut()
                    != plans.get(0).customers()) {
                throw new AssertionError("sent + held out must be everyone who entered At Risk: " + plans);
            }
            TriggerEngine engine = new TriggerEngine(
                    ds,
                    500,
                    new WebhookSender(Duration.ofSeconds(10)),
                    TriggerRetry.DEFAULT,
                    Clock.systemUTC(),
                    "b",
                    SECRETS);
            long start = System.nanoTime();
            int sent = 0;
            for (int n; (n = engine.deliverDue()) > 0; ) sent += n;
            System.out.printf(
                    Locale.ROOT,
                    "TRIGGER %s %d customers: %d batches delivered (webhook bodies %d MB, the rest CSV files) in %d ms%n",
                    database,
                    customers,
                    sent,
                    bytes.get() / 1_000_000,
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            receiver.stop(0);
        }
    }

    private static void customers(DataSource ds, int customers) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into customer (id, external_id, name, email,"
                    + " first_seen, created_at) values (?, ?, ?, ?, date '2024-01-01', current_timestamp)")) {
                for (int i = 1; i <= customers; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "C" + i);
                    insert.setString(3, "Person " + i);
                    insert.setString(4, "person" + i + "@example.com");
                    insert.addBatch();
                    if (i % 10_000 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    /** A campaign on customers 1..N with a 10 % control group, stored as {@code Campaigns} stores one. */
    private static long campaignOnEveryone(DataSource ds, int customers) throws SQLException {
        dev.rfm.analytics.campaign.ControlGroupSplit split = dev.rfm.analytics.campaign.ControlGroupSplit.of(42, 0.1);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into campaign (name, control_share, seed, start_date, window_days,"
                        + " treatment_customers, control_customers, created_at) values ('Everyone', 0.1, 42,"
                        + " date '2025-01-02', 30, 0, 0, current_timestamp)");
                var rs = s.executeQuery("select max(id) from campaign");
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into campaign_member (campaign_id, customer_id, in_control) values (?, ?, ?)")) {
                for (int i = 1; i <= customers; i++) {
                    insert.setLong(1, id);
                    insert.setLong(2, i);
                    insert.setBoolean(3, split.isControl("C" + i));
                    insert.addBatch();
                    if (i % 10_000 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("analyze");
            }
            c.commit();
            return id;
        }
    }

    private static long write(DataSource ds, int customers, SplittableRandom random) throws SQLException {
        String[] segments = {"CHAMPIONS", "LOYAL", "POTENTIAL_LOYALIST", "AT_RISK", "CANT_LOSE_THEM", "HIBERNATING"};
        String[] stages = {"NEW", "ACTIVE", "DORMANT", "LOST", "REACTIVATED"};
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long run;
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at)"
                        + " values ('SUCCEEDED', date '2025-01-01', 'MANUAL', current_timestamp)");
                var rs = s.executeQuery("select max(id) from scoring_run");
                rs.next();
                run = rs.getLong(1);
            }
            CustomerScoreTable table = CustomerScoreTable.on(c);
            String name = table.create(c, run);
            try (PreparedStatement insert = c.prepareStatement("insert into " + name + " (run_id, customer_id,"
                    + " frequency, monetary, r_score, f_score, m_score, segment_standard, lifecycle_stage, p_alive,"
                    + " predicted_clv, historical_clv) values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= customers; i++) {
                    BigDecimal monetary = BigDecimal.valueOf(random.nextLong(0, 50_000_000), 4);
                    insert.setLong(1, run);
                    insert.setLong(2, i);
                    insert.setBigDecimal(3, monetary);
                    insert.setInt(4, random.nextInt(1, 6));
                    insert.setInt(5, random.nextInt(1, 6));
                    insert.setInt(6, random.nextInt(1, 6));
                    insert.setString(7, segments[random.nextInt(segments.length)]);
                    insert.setString(8, stages[random.nextInt(stages.length)]);
                    insert.setDouble(9, random.nextDouble());
                    insert.setBigDecimal(10, BigDecimal.valueOf(random.nextLong(0, 20_000_000), 4));
                    insert.setBigDecimal(11, monetary);
                    insert.addBatch();
                    if (i % 10_000 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
            table.attach(c, run);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update current_snapshot set run_id = " + run + " where id = 1");
                if (!table.fresh()) s.executeUpdate("analyze");
            }
            c.commit();
            return run;
        }
    }
}
