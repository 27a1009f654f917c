package dev.rfm.analytics.trigger;

import dev.rfm.domain.database.LeasedQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code trigger_delivery} table's sending side and log ({@link BatchPlanner} inserts the rows). Every statement
 * is one auto-committed SQL statement, so each state change is durable on its own and a conditional update decides
 * races between servers: the same lease-and-claim shape as the reports' {@code ReportArchive}.
 */
public class TriggerDeliveries {

    private static final LeasedQueue QUEUE = new LeasedQueue("trigger_delivery", "last_error");

    private static final String LISTED = "d.id, d.trigger_id, d.run_id, d.batch, d.idempotency_key, d.customers,"
            + " d.status, d.attempts, d.last_error, d.next_attempt_at, d.created_at, d.delivered_at, e.held_out";

    /** A batch with its run's evaluation, which counts the customers held out as a campaign's control group. */
    private static final String FROM = " from trigger_delivery d left join trigger_evaluation e"
            + " on e.trigger_id = d.trigger_id and e.run_id = d.run_id";

    private final DataSource dataSource;

    public TriggerDeliveries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A claimed batch: its log entry, the body to send, when its give-up window began, and whether its file is in. */
    public record Claimed(TriggerDelivery delivery, String body, LocalDateTime retrySince, boolean fileWritten) {}

    /** Ids of batches waiting to be sent whose time has come and that nobody holds, oldest first. */
    public List<Long> due(LocalDateTime now, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return QUEUE.due(c, now, limit);
        }
    }

    /**
     * Takes a batch for sending until {@code until}: true for exactly one of several servers asking at once. The
     * lease lets another server take over a batch whose server died while sending.
     */
    public Optional<Claimed> claim(long id, String token, LocalDateTime now, LocalDateTime until) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!QUEUE.claim(c, id, token, now, until)) return Optional.empty();
            try (PreparedStatement select = c.prepareStatement(
                    "select " + LISTED + ", d.body, d.retry_since, d.file_written_at" + FROM + " where d.id = ?")) {
                select.setLong(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) return Optional.empty(); // its trigger was deleted meanwhile
                    return Optional.of(new Claimed(
                            read(rs),
                            rs.getString("body"),
                            rs.getTimestamp("retry_since").toLocalDateTime(),
                            rs.getTimestamp("file_written_at") != null));
                }
            }
        }
    }

    public boolean markFileWritten(long id, String token, LocalDateTime now) throws SQLException {
        return QUEUE.updateHeld(dataSource, id, token, "file_written_at = ?", Timestamp.valueOf(now));
    }

    public boolean markDelivered(long id, String token, LocalDateTime now) throws SQLException {
        return QUEUE.updateHeld(
                dataSource,
                id,
                token,
                "status = 'DELIVERED', delivered_at = ?, attempts = attempts + 1, last_error = null,"
                        + " next_attempt_at = null, claimed_by = null, claimed_until = null",
                Timestamp.valueOf(now));
    }

    /** A failed attempt: RETRYING at {@code next}, or FAILED when {@code next} is null. */
    public boolean markFailedAttempt(long id, String token, String error, LocalDateTime next) throws SQLException {
        return QUEUE.failedAttempt(dataSource, id, token, error, next);
    }

    /**
     * Sends a trigger's batches of a run again, with their stored bodies and keys: PENDING now, attempts and back-off
     * from the start in a new give-up window, the file written again. A batch being sent right now loses its claim, so its sender's result is not recorded
     * and the batch goes out once more (at least once). Returns how many batches were queued again.
     */
    public int replay(long triggerId, long runId, LocalDateTime now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update trigger_delivery set status = 'PENDING',"
                        + " attempts = 0, last_error = null, next_attempt_at = null, retry_since = ?, file_written_at = null, claimed_by = null,"
                        + " claimed_until = null where trigger_id = ? and run_id = ?")) {
            update.setTimestamp(1, Timestamp.valueOf(now));
            update.setLong(2, triggerId);
            update.setLong(3, runId);
            return update.executeUpdate();
        }
    }

    /** A trigger's delivery log, newest run first, batches in order; at most {@code limit} rows. */
    public List<TriggerDelivery> of(long triggerId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select " + LISTED + FROM + " where d.trigger_id = ?"
                        + " order by d.run_id desc, d.batch fetch first " + limit + " rows only")) {
            select.setLong(1, triggerId);
            List<TriggerDelivery> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) found.add(read(rs));
            }
            return found;
        }
    }

    /** The stored body of a batch (what every attempt sends). */
    public Optional<String> body(long triggerId, long runId, int batch) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select body from trigger_delivery where trigger_id = ? and run_id = ? and batch = ?")) {
            select.setLong(1, triggerId);
            select.setLong(2, runId);
            select.setInt(3, batch);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static TriggerDelivery read(ResultSet rs) throws SQLException {
        Timestamp next = rs.getTimestamp("next_attempt_at");
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new TriggerDelivery(
                rs.getLong("id"),
                rs.getLong("trigger_id"),
                rs.getLong("run_id"),
                rs.getInt("batch"),
                rs.getString("idempotency_key"),
                rs.getInt("customers"),
                BatchStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                next == null ? null : next.toLocalDateTime(),
                rs.getTimestamp("created_at").toLocalDateTime(),
                delivered == null ? null : delivered.toLocalDateTime(),
                rs.getLong("held_out"));
    }
}
