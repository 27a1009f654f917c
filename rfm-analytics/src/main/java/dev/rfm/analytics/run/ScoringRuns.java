package dev.rfm.analytics.run;

import dev.rfm.domain.database.Database;
import dev.rfm.domain.database.EmbeddedDurability;
import dev.rfm.domain.database.NamedLock;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Starts scoring runs, one at a time across every server on the database. A request inserts the run and takes the
 * {@value NamedLock#SCORING_RUN} guard in one transaction; when another run holds it, the request is answered with
 * that run's id. A holder whose heartbeat stopped (its server died) is marked failed and the guard taken over, so a
 * killed run never blocks the next night.
 */
@ApplicationScoped
public class ScoringRuns {

    private static final Logger LOG = Logger.getLogger(ScoringRuns.class.getName());

    /** For runs from before servers were recorded (no server id): this much silence of the run means it is dead. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    ScoringJob job;

    @Inject
    ScoringProfiles profiles;

    @Inject
    ServerInstance server;

    Clock clock = Clock.systemDefaultZone();

    private final NamedLock guard = new NamedLock(NamedLock.SCORING_RUN);

    /** Starts a run as of {@code referenceDate} in the background, unless one is in progress. */
    public RunRequest request(LocalDate referenceDate, RunTrigger trigger, String user) throws SQLException {
        return request(referenceDate, trigger, user, null);
    }

    /**
     * Starts a run for a time slot of the schedule, unless one is in progress. The slot was claimed before (see
     * {@link NightlyScoring}); it is recorded with the run.
     */
    public RunRequest request(LocalDate referenceDate, RunTrigger trigger, String user, LocalDateTime scheduledFor)
            throws SQLException {
        var profile = profiles.active();
        long runId;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                LocalDateTime now = LocalDateTime.now(clock);
                runId = insertQueued(
                        c,
                        new QueuedRun(
                                referenceDate,
                                trigger,
                                user,
                                profile.name(),
                                profiles.encode(profile),
                                now,
                                scheduledFor,
                                server.id()));
                if (!guard.tryAcquire(c, Long.toString(runId), now)) {
                    String holder = guard.holder(c).orElse(null);
                    if (holder == null || !takeOverIfDead(c, Long.parseLong(holder), runId, now)) {
                        c.rollback();
                        return RunRequest.busy(holder == null ? 0 : Long.parseLong(holder));
                    }
                }
                c.commit();
                EmbeddedDurability.flush(c); // a run that was answered as started is there after a crash
            } catch (SQLException | RuntimeException e) {
                Cleanup.quietly(e, c::rollback);
                throw e;
            }
        }
        LOG.info(() -> "Scoring run " + runId + " as of " + referenceDate + " queued (" + trigger + ")");
        executor.submit(() -> job.execute(runId));
        return RunRequest.started(runId);
    }

    /**
     * Claims a time slot of the schedule for this server: true for the first server to ask, false for every later
     * one. Slots older than a month are forgotten on the way.
     */
    public boolean claimSlot(LocalDateTime slot) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement forget =
                    c.prepareStatement("delete from schedule_slot where job = 'scoring' and slot < ?")) {
                forget.setTimestamp(1, Timestamp.valueOf(slot.minusDays(31)));
                forget.executeUpdate();
            }
            try (PreparedStatement claim = c.prepareStatement("insert into schedule_slot (job, slot, claimed_by,"
                    + " claimed_at) values ('scoring', ?, ?, localtimestamp)")) {
                claim.setTimestamp(1, Timestamp.valueOf(slot));
                claim.setString(2, server.id());
                claim.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) return false; // claimed already
                throw e;
            }
        }
    }

    /** Asks a queued or running run to stop at its next progress report. */
    public boolean cancel(long runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update scoring_run set cancel_requested = true"
                        + " where id = ? and status in ('QUEUED', 'RUNNING')")) {
            update.setLong(1, runId);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Fails the runs whose server stopped and frees the guard they held. At the start of a server on the embedded H2
     * file database every unfinished run is dead (only one server can hold the file); on a shared database a run is
     * dead when its server missed its heartbeats ({@link ServerInstance#DEAD_AFTER}) or, at start, when it belongs to
     * an earlier start of this same server.
     */
    public void recoverInterruptedRuns(boolean atStart) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean everyRunIsDead = atStart && isEmbeddedH2(c);
                LocalDateTime now = LocalDateTime.now(clock);
                String holder = guard.holder(c).orElse(null);
                for (long runId : unfinishedRuns(c)) {
                    String reason = everyRunIsDead
                            ? "the server was stopped or killed while the run was working"
                            : deathOf(c, runId, atStart);
                    if (reason == null) continue;
                    markInterrupted(c, runId, now, reason);
                    LOG.warning(() -> "Scoring run " + runId + " failed: " + reason);
                    if (Long.toString(runId).equals(holder)) guard.release(c, holder);
                }
                if (holder != null && deathOf(c, Long.parseLong(holder), atStart) != null) {
                    guard.release(c, holder); // a guard left behind by a run that is already finished
                }
                c.commit();
                EmbeddedDurability.flush(c);
            } catch (SQLException | RuntimeException e) {
                Cleanup.quietly(e, c::rollback);
                throw e;
            }
        }
    }

    private boolean takeOverIfDead(Connection c, long holderRun, long runId, LocalDateTime now) throws SQLException {
        String reason = deathOf(c, holderRun, false);
        if (reason == null) return false;
        markInterrupted(c, holderRun, now, reason);
        return guard.takeOver(c, Long.toString(holderRun), Long.toString(runId), now);
    }

    /** Why a run is dead, or null while it is alive (queued or running on a server that beats). */
    private String deathOf(Connection c, long runId, boolean atStart) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select r.status, r.server_instance,"
                + " coalesce(r.heartbeat_at, r.started_at, r.queued_at), i.name, i.heartbeat_at from scoring_run r"
                + " left join server_instance i on i.id = r.server_instance where r.id = ?")) {
            select.setLong(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) return "no such run";
                if (!rs.getString(1).equals("QUEUED") && !rs.getString(1).equals("RUNNING")) return "finished";
                LocalDateTime databaseNow = ServerInstance.databaseNow(c);
                if (rs.getString(2) == null) { // a run from before servers were recorded: its own heartbeat
                    return rs.getTimestamp(3)
                                    .toLocalDateTime()
                                    .isBefore(LocalDateTime.now(clock).minus(STALE_AFTER))
                            ? "its server stopped before the run finished"
                            : null;
                }
                if (rs.getString(4) == null) return "its server is gone";
                LocalDateTime lastBeat = rs.getTimestamp(5).toLocalDateTime();
                boolean earlierStartOfThisServer = atStart
                        && rs.getString(4).equals(server.name())
                        && !rs.getString(2).equals(server.id())
                        && lastBeat.isBefore(databaseNow.minus(ServerInstance.EARLIER_START_SILENT));
                if (earlierStartOfThisServer) return "the server was stopped or killed while the run was working";
                return lastBeat.isBefore(databaseNow.minus(ServerInstance.DEAD_AFTER))
                        ? "its server (" + rs.getString(4) + ") stopped sending heartbeats at "
                                + lastBeat.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        : null;
            }
        }
    }

    private static List<Long> unfinishedRuns(Connection c) throws SQLException {
        try (PreparedStatement select =
                        c.prepareStatement("select id from scoring_run where status in ('QUEUED', 'RUNNING')");
                ResultSet rs = select.executeQuery()) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) ids.add(rs.getLong(1));
            return ids;
        }
    }

    private static boolean isEmbeddedH2(Connection c) throws SQLException {
        String url = c.getMetaData().getURL();
        return c.getMetaData().getDatabaseProductName().equals("H2")
                && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:");
    }

    private static void markInterrupted(Connection c, long runId, LocalDateTime now, String reason)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update scoring_run set status = 'FAILED', finished_at = ?,"
                + " error_message = ? where id = ? and status in ('QUEUED', 'RUNNING')")) {
            update.setTimestamp(1, Timestamp.valueOf(now));
            update.setString(
                    2,
                    "Interrupted: " + reason + ". Nothing of it was published; the previous snapshot stays current.");
            update.setLong(3, runId);
            update.executeUpdate();
        }
    }

    private record QueuedRun(
            LocalDate referenceDate,
            RunTrigger trigger,
            String user,
            String profileName,
            String profileSettings,
            LocalDateTime queuedAt,
            LocalDateTime scheduledFor,
            String serverInstance) {}

    private static long insertQueued(Connection c, QueuedRun run) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into scoring_run (status, phase, progress, reference_date, trigger_source, started_by,"
                        + " profile_name, profile_settings, queued_at, scheduled_for, server_instance)"
                        + " values ('QUEUED', 'queued', 0, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            insert.setObject(1, run.referenceDate());
            insert.setString(2, run.trigger().name());
            insert.setString(3, run.user());
            insert.setString(4, run.profileName());
            insert.setString(5, run.profileSettings());
            insert.setTimestamp(6, Timestamp.valueOf(run.queuedAt()));
            insert.setTimestamp(7, run.scheduledFor() == null ? null : Timestamp.valueOf(run.scheduledFor()));
            insert.setString(8, run.serverInstance());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
