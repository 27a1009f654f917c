package dev.rfm.analytics.run;

import dev.rfm.domain.database.Database;
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

    /** A running run reports at least every few seconds; this much silence means its server is gone. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    ScoringJob job;

    @Inject
    ScoringProfiles profiles;

    Clock clock = Clock.systemDefaultZone();

    private final NamedLock guard = new NamedLock(NamedLock.SCORING_RUN);

    /** Starts a run as of {@code referenceDate} in the background, unless one is in progress. */
    public RunRequest request(LocalDate referenceDate, RunTrigger trigger, String user) throws SQLException {
        var profile = profiles.active();
        long runId;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                LocalDateTime now = LocalDateTime.now(clock);
                runId = insertQueued(c, referenceDate, trigger, user, profile.name(), profiles.encode(profile), now);
                if (!guard.tryAcquire(c, Long.toString(runId), now)) {
                    String holder = guard.holder(c).orElse(null);
                    if (holder == null || !takeOverIfStale(c, Long.parseLong(holder), runId, now)) {
                        c.rollback();
                        return RunRequest.busy(holder == null ? 0 : Long.parseLong(holder));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        LOG.info(() -> "Scoring run " + runId + " as of " + referenceDate + " queued (" + trigger + ")");
        executor.submit(() -> job.execute(runId));
        return RunRequest.started(runId);
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
     * Marks runs whose server stopped as failed and frees the guard they held. Called at start-up; safe while other
     * servers run, since their runs have fresh heartbeats.
     */
    public void recoverInterruptedRuns() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            LocalDateTime now = LocalDateTime.now(clock);
            String holder = guard.holder(c).orElse(null);
            if (holder != null && isStale(c, Long.parseLong(holder), now)) {
                markInterrupted(c, Long.parseLong(holder), now);
                guard.release(c, holder);
            }
            c.commit();
        }
    }

    private boolean takeOverIfStale(Connection c, long holderRun, long runId, LocalDateTime now) throws SQLException {
        if (!isStale(c, holderRun, now)) return false;
        markInterrupted(c, holderRun, now);
        return guard.takeOver(c, Long.toString(holderRun), Long.toString(runId), now);
    }

    private static boolean isStale(Connection c, long runId, LocalDateTime now) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select status, coalesce(heartbeat_at, started_at, queued_at) from scoring_run where id = ?")) {
            select.setLong(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) return true; // a guard without a run
                boolean finished =
                        !rs.getString(1).equals("QUEUED") && !rs.getString(1).equals("RUNNING");
                return finished || rs.getTimestamp(2).toLocalDateTime().isBefore(now.minus(STALE_AFTER));
            }
        }
    }

    private static void markInterrupted(Connection c, long runId, LocalDateTime now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update scoring_run set status = 'FAILED', finished_at = ?,"
                + " error_message = ? where id = ? and status in ('QUEUED', 'RUNNING')")) {
            update.setTimestamp(1, Timestamp.valueOf(now));
            update.setString(
                    2, "Interrupted: its server stopped before the run finished; nothing of it was published.");
            update.setLong(3, runId);
            update.executeUpdate();
        }
    }

    private static long insertQueued(
            Connection c,
            LocalDate referenceDate,
            RunTrigger trigger,
            String user,
            String profileName,
            String profileSettings,
            LocalDateTime now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into scoring_run (status, phase, progress, reference_date, trigger_source, started_by,"
                        + " profile_name, profile_settings, queued_at) values ('QUEUED', 'queued', 0, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            insert.setObject(1, referenceDate);
            insert.setString(2, trigger.name());
            insert.setString(3, user);
            insert.setString(4, profileName);
            insert.setString(5, profileSettings);
            insert.setTimestamp(6, Timestamp.valueOf(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
