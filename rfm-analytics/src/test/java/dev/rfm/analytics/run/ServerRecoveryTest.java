package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.RunStatus;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Servers that die, and the servers that notice: a run left QUEUED by a server that died is failed at the next start
 * (at once on the embedded H2 file, which one server holds; on PostgreSQL when it is this server's earlier start) or
 * by any server once its server missed its heartbeats; the guard it held is free again, and a dead run never
 * publishes. Scheduled slots are claimed once across servers.
 */
class ServerRecoveryTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    @AfterEach
    void clean() throws SQLException {
        ScoringRunStorageTest.deleteRuns(DATABASES);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRestartedServerFailsTheRunItWasWorkingOnAtOnce(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        OrderReaderTest.store(ds, OrderReaderTest.orders(3, 50));
        RunBeans before = new RunBeans(ds, "server-a", false);
        long published = new RunBeans(ds, "server-a", true).run();
        long killed = before.run(); // queued, holds the guard, then its server dies: no heartbeat any more
        assertThat(before.runs
                        .request(RunBeans.REFERENCE, RunTrigger.MANUAL, "test")
                        .started())
                .isFalse();
        silence(ds, before.server, ServerInstance.EARLIER_START_SILENT.getSeconds() + 1);

        RunBeans restarted = new RunBeans(ds, "server-a", true); // registers and recovers, as at a real start

        RunRecord dead = new Snapshots(ds).run(killed).orElseThrow();
        assertThat(dead.status()).isEqualTo(RunStatus.FAILED);
        assertThat(dead.error())
                .isEqualTo("Interrupted: the server was stopped or killed while the run was working. Nothing of it"
                        + " was published; the previous snapshot stays current.");
        assertThat(new Snapshots(ds).currentRunId()).hasValue(published);
        long next = restarted.run(); // the guard is free at once
        assertThat(new Snapshots(ds).run(next).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void onTheEmbeddedDatabaseEveryUnfinishedRunAtStartIsDead() throws SQLException {
        DataSource ds = DATABASES.get(TestDatabase.H2);
        OrderReaderTest.store(ds, OrderReaderTest.orders(4, 20));
        long killed = new RunBeans(ds, "old-name", false).run();
        // a server that beat a moment ago, under another name: on one H2 file it can only be this server's past
        new RunBeans(ds, "new-name", true);
        assertThat(new Snapshots(ds).run(killed).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void onPostgresqlAnotherServersRunIsLeftAloneWhileItsServerBeatsAndFailedOnceItStops() throws SQLException {
        DataSource ds = DATABASES.get(TestDatabase.POSTGRESQL);
        OrderReaderTest.store(ds, OrderReaderTest.orders(5, 20));
        RunBeans a = new RunBeans(ds, "server-a", false);
        long working = a.run();
        RunBeans b = new RunBeans(ds, "server-b", true);
        assertThat(b.runs.request(RunBeans.REFERENCE, RunTrigger.MANUAL, "test").started())
                .as("server a's run holds the guard")
                .isFalse();
        // a restart of a server of the same name that still beats (two servers misconfigured with one name)
        new RunBeans(ds, "server-a", true);
        b.heartbeat.beat();
        assertThat(status(ds, working)).isEqualTo(RunStatus.QUEUED);

        silence(ds, a.server, ServerInstance.DEAD_AFTER.getSeconds() + 1);
        b.heartbeat.beat(); // every beat looks for dead runs
        RunRecord dead = new Snapshots(ds).run(working).orElseThrow();
        assertThat(dead.status()).isEqualTo(RunStatus.FAILED);
        assertThat(dead.error()).startsWith("Interrupted: its server (server-a) stopped sending heartbeats at ");
        assertThat(b.runs.request(RunBeans.REFERENCE, RunTrigger.MANUAL, "test").started())
                .isTrue();
    }

    @Test
    void aRequestTakesTheGuardOverFromARunWhoseServerIsSilent() throws SQLException {
        DataSource ds = DATABASES.get(TestDatabase.POSTGRESQL);
        OrderReaderTest.store(ds, OrderReaderTest.orders(6, 20));
        RunBeans a = new RunBeans(ds, "server-a", false);
        long working = a.run();
        RunBeans b = new RunBeans(ds, "server-b", true);
        silence(ds, a.server, ServerInstance.DEAD_AFTER.getSeconds() + 1);
        RunRequest request = b.runs.request(RunBeans.REFERENCE, RunTrigger.MANUAL, "test");
        assertThat(request.started()).isTrue();
        assertThat(status(ds, working)).isEqualTo(RunStatus.FAILED);
        assertThat(status(ds, request.runId())).isEqualTo(RunStatus.SUCCEEDED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRunDeclaredDeadNeverStartsLater(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        OrderReaderTest.store(ds, OrderReaderTest.orders(7, 20));
        RunBeans slow = new RunBeans(ds, "slow", false);
        long run = slow.run();
        silence(ds, slow.server, ServerInstance.DEAD_AFTER.getSeconds() + 1);
        new RunBeans(ds, "other", true).heartbeat.beat();
        assertThat(status(ds, run)).isEqualTo(RunStatus.FAILED);

        slow.job.execute(run); // the slow server's executor gets to it at last
        RunRecord record = new Snapshots(ds).run(run).orElseThrow();
        assertThat(record.status()).isEqualTo(RunStatus.FAILED);
        assertThat(record.error()).startsWith("Interrupted: "); // as the recovery said, not overwritten
        assertThat(new Snapshots(ds).currentRunId()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aScheduleSlotIsClaimedByOneServerOnly(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        RunBeans a = new RunBeans(ds, "server-a", true);
        RunBeans b = new RunBeans(ds, "server-b", true);
        LocalDateTime slot = LocalDateTime.of(2026, 11, 30, 2, 0);
        assertThat(a.runs.claimSlot(slot)).isTrue();
        assertThat(b.runs.claimSlot(slot)).isFalse();
        assertThat(a.runs.claimSlot(slot)).isFalse();
        assertThat(b.runs.claimSlot(slot.plusDays(1))).isTrue();
    }

    @Test
    void aFiringBelongsToTheSlotItWasScheduledFor() {
        LocalDateTime slot = LocalDateTime.of(2026, 11, 30, 2, 0);
        LocalDateTime next = slot.plusDays(1);
        // fired late, the container reports the next firing: the slot is the one expected before
        assertThat(NightlyScoring.slotOf(slot, next, slot.plusNanos(900_000_000)))
                .isEqualTo(slot);
        // a container that reports this firing itself
        assertThat(NightlyScoring.slotOf(null, slot, slot.plusNanos(5_000_000))).isEqualTo(slot);
        // a server that was suspended for hours: its firing counts as the second it happened in
        assertThat(NightlyScoring.slotOf(slot, next, slot.plusHours(3).plusNanos(1)))
                .isEqualTo(slot.plusHours(3));
    }

    /** Makes a server's last heartbeat as old as a server that stopped that many seconds ago. */
    private static void silence(DataSource ds, ServerInstance server, long seconds) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement update =
                        c.prepareStatement("update server_instance set heartbeat_at = ? where id = ?")) {
            update.setTimestamp(
                    1, java.sql.Timestamp.valueOf(ServerInstance.databaseNow(c).minusSeconds(seconds)));
            update.setString(2, server.id());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static RunStatus status(DataSource ds, long run) throws SQLException {
        return new Snapshots(ds).run(run).orElseThrow().status();
    }
}
