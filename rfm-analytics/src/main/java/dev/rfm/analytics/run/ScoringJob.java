package dev.rfm.analytics.run;

import dev.rfm.analytics.computation.ScoringComputation;
import dev.rfm.analytics.computation.ScoringOutcome;
import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.migration.PreviousAssignments;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.profile.ScoringProfileText;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.domain.database.Database;
import dev.rfm.domain.database.EmbeddedDurability;
import dev.rfm.domain.database.NamedLock;
import dev.rfm.domain.incident.ErrorReference;
import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.RunSucceeded;
import dev.rfm.domain.snapshot.Snapshots;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One scoring run from start to published snapshot: read the previous snapshot's assignments, build the histories in
 * one pass over the orders, compute (plain Java), then publish everything in one transaction. Any failure leaves the
 * previous snapshot current and the run FAILED with its reason.
 */
@ApplicationScoped
public class ScoringJob {

    private static final Logger LOG = Logger.getLogger(ScoringJob.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Event<RunSucceeded> succeeded;

    @Inject
    RunRetention retention;

    @Inject
    CustomSegments customSegments;

    Clock clock = Clock.systemDefaultZone();

    private record RunSpec(LocalDate referenceDate, ScoringProfile profile) {}

    public void execute(long runId) {
        RunProgress progress = new RunProgress(dataSource, runId, clock);
        RunSucceeded published;
        try {
            RunSpec spec = markRunning(runId);
            progress.phase("previous snapshot", 0.01);
            PreviousAssignments previous = previousAssignments(dataSource);
            List<CustomSegments.RuleText> ruleTexts = customSegments.rules();
            CustomSegmentScheme customRules = CustomSegments.compile(ruleTexts);
            progress.phase("reading orders", 0.03);
            CustomerHistories histories = new OrderReader(dataSource)
                    .read(
                            spec.referenceDate(),
                            spec.profile().windowStart(spec.referenceDate()),
                            (read, total) -> progress.progress(0.03 + 0.32 * read / Math.max(1, total)));
            progress.phase("computing", 0.35);
            ScoringOutcome outcome =
                    ScoringComputation.compute(histories, spec.profile(), customRules, previous, (phase, fraction) -> {
                        try {
                            progress.progress(0.35 + 0.40 * (phase.start() + fraction * 0.05));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            progress.phase("writing results", 0.75);
            publish(runId, outcome, ruleTexts, progress);
            LOG.info(() -> "Scoring run " + runId + " succeeded: " + outcome.scoredCustomers() + " customers scored");
            published = new RunSucceeded(runId, spec.referenceDate());
        } catch (Exception | Error e) {
            ErrorReference reference = ErrorReference.next();
            LOG.log(
                    Level.WARNING,
                    "Scoring run " + runId + " failed while " + progress.currentPhase() + " [error id " + reference
                            + "]",
                    e);
            fail(runId, progress.currentPhase(), e, reference);
            return;
        }
        // The run is published and current: nothing after this point may turn it into a failure.
        try {
            succeeded.fire(published);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of the success of scoring run " + runId + " failed", e);
        }
        try {
            retention.apply();
        } catch (SQLException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Run retention failed after scoring run " + runId + "; it runs again after the next" + " run",
                    e);
        }
    }

    private RunSpec markRunning(long runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("update scoring_run set status = 'RUNNING',"
                    + " started_at = ?, heartbeat_at = ?, phase = 'starting' where id = ? and status = 'QUEUED'")) {
                Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
                update.setTimestamp(1, now);
                update.setTimestamp(2, now);
                update.setLong(3, runId);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("the run was no longer queued when it was to start");
                }
            }
            EmbeddedDurability.flush(c); // RUNNING: after a crash, recovery finds it
            try (PreparedStatement select =
                    c.prepareStatement("select reference_date, profile_settings from scoring_run where id = ?")) {
                select.setLong(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return new RunSpec(rs.getObject(1, LocalDate.class), ScoringProfileText.decode(rs.getString(2)));
                }
            }
        }
    }

    /** The current snapshot's segments and stages per customer: where this run's migrations start from. */
    static PreviousAssignments previousAssignments(DataSource dataSource) throws SQLException {
        Optional<RunRecord> current = new Snapshots(dataSource).currentRun();
        if (current.isEmpty()) return PreviousAssignments.none();
        return assignments(dataSource, current.get());
    }

    /** A run's segments and stages per customer. */
    static PreviousAssignments assignments(DataSource dataSource, RunRecord run) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // the run id as a parameter, not a join: PostgreSQL then reads only that run's partition
            try (PreparedStatement select = c.prepareStatement("select customer_id, segment_standard,"
                    + " segment_cn8, segment_custom, lifecycle_stage from customer_score where run_id = ?"
                    + " order by customer_id")) {
                select.setFetchSize(20_000);
                select.setLong(1, run.id());
                try (ResultSet rs = select.executeQuery()) {
                    PreviousAssignments.Builder builder = PreviousAssignments.builder(run.referenceDate());
                    while (rs.next()) {
                        builder.add(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    }
                    return builder.build();
                }
            } finally {
                c.rollback();
            }
        }
    }

    private void publish(long runId, ScoringOutcome outcome, List<CustomSegments.RuleText> rules, RunProgress progress)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                new SnapshotWriter()
                        .write(
                                c,
                                runId,
                                outcome,
                                progress::timings,
                                (written, total) -> progress.progress(0.75 + 0.24 * written / Math.max(1, total)));
                writeRules(c, runId, rules);
                c.commit();
                EmbeddedDurability.flush(c); // published and current: must survive a crash
            } catch (SQLException | RuntimeException | Error e) {
                Cleanup.quietly(e, c::rollback);
                throw e;
            }
        }
    }

    /** The custom rules as this run used them, for "why is this customer in its segment" later. */
    private static void writeRules(Connection c, long runId, List<CustomSegments.RuleText> rules) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into run_custom_rule (run_id, position, code, conditions) values (?, ?, ?, ?)")) {
            for (int i = 0; i < rules.size(); i++) {
                insert.setLong(1, runId);
                insert.setInt(2, i + 1);
                insert.setString(3, rules.get(i).code());
                insert.setString(4, rules.get(i).conditions());
                insert.addBatch();
            }
            if (!rules.isEmpty()) insert.executeBatch();
        }
    }

    /**
     * The kind of failure in words, without the exception's text: a database message names tables, constraints and
     * data, and the run's error is shown to every client ({@code GET /api/runs/{id}}); the text is in the log.
     */
    static String describe(Throwable cause) {
        if (cause instanceof SQLException) return "a database error";
        if (cause instanceof OutOfMemoryError) return "the server ran out of memory";
        if (cause instanceof ArithmeticException) return "a number out of range";
        return "an internal error";
    }

    private void fail(long runId, String phase, Throwable cause, ErrorReference reference) {
        String message = cause instanceof RunProgress.RunCancelledException
                ? cause.getMessage()
                : "The run failed while " + phase + ": " + describe(cause) + reference.sentence()
                        + ". Nothing of it was published; the previous snapshot stays current.";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update =
                    c.prepareStatement("update scoring_run set status = 'FAILED', finished_at = ?, error_message = ?"
                            + " where id = ? and status in ('QUEUED', 'RUNNING')")) {
                update.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(clock)));
                update.setString(2, message.length() > 3900 ? message.substring(0, 3900) : message);
                update.setLong(3, runId);
                update.executeUpdate();
            }
            new NamedLock(NamedLock.SCORING_RUN).release(c, Long.toString(runId));
            c.commit();
            EmbeddedDurability.flush(c);
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "Could not record the failure of run " + runId, e);
        }
    }
}
