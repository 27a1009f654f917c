package dev.rfm.reports.delivery;

import dev.rfm.domain.database.LeasedQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The {@code report_delivery} table: the one class that reads and writes it. Every statement is one auto-committed
 * SQL statement, so each state change is durable on its own and a conditional update decides races between servers.
 */
public class ReportArchive {

    private static final LeasedQueue QUEUE = new LeasedQueue("report_delivery", "error");

    private static final String UNIQUE_VIOLATION = "23505"; // H2 and PostgreSQL alike
    private static final String LISTED = "id, schedule_id, schedule_name, occurrence_key, run_id, reference_date,"
            + " scheme, locale, created_at, status, recipients, attempts, error, sent_at";

    private final DataSource dataSource;

    public ReportArchive(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What a new archive row holds. */
    public record NewReport(
            Long scheduleId,
            String occurrence,
            long runId,
            LocalDate referenceDate,
            String scheduleName,
            String scheme,
            String locale,
            List<String> recipients,
            byte[] pdf) {}

    /** A claimed row's content: what the mail needs. */
    public record Claimed(ArchivedReport report, List<String> sentTo, byte[] pdf) {}

    public boolean exists(long scheduleId, String occurrence) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select count(*) from report_delivery where schedule_id = ? and occurrence_key = ?")) {
            select.setLong(1, scheduleId);
            select.setString(2, occurrence);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Archives a due report as PENDING; empty when that occurrence of the schedule is archived already (another
     * server or an earlier firing won the insert), in which case the caller does nothing.
     */
    public OptionalLong insert(NewReport r, LocalDateTime now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into report_delivery (schedule_id, occurrence_key, run_id, reference_date,"
                                + " schedule_name, scheme, locale, recipients, status, created_at, pdf)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            if (r.scheduleId() == null) insert.setNull(1, Types.BIGINT);
            else insert.setLong(1, r.scheduleId());
            insert.setString(2, r.occurrence());
            insert.setLong(3, r.runId());
            insert.setObject(4, r.referenceDate());
            insert.setString(5, r.scheduleName());
            insert.setString(6, r.scheme());
            insert.setString(7, r.locale());
            insert.setString(8, String.join(",", r.recipients()));
            insert.setTimestamp(9, Timestamp.valueOf(now));
            insert.setBytes(10, r.pdf());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return OptionalLong.of(keys.getLong(1));
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) return OptionalLong.empty();
            throw e;
        }
    }

    /** Ids of reports waiting to be sent whose time has come and that nobody holds, oldest first. */
    public List<Long> due(LocalDateTime now, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return QUEUE.due(c, now, limit);
        }
    }

    /**
     * Takes a report for sending until {@code until}: true for exactly one of several servers asking at once. The
     * lease lets another server take over a report whose server died while sending.
     */
    public Optional<Claimed> claim(long id, String token, LocalDateTime now, LocalDateTime until) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!QUEUE.claim(c, id, token, now, until)) return Optional.empty();
            try (PreparedStatement select =
                    c.prepareStatement("select " + LISTED + ", sent_to, pdf from report_delivery where id = ?")) {
                select.setLong(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return Optional.of(new Claimed(read(rs), split(rs.getString("sent_to")), rs.getBytes("pdf")));
                }
            }
        }
    }

    /** Records that a recipient's mail was accepted, and extends the lease; false when the lease was lost. */
    public boolean recordSentTo(long id, String token, List<String> sentTo, LocalDateTime until) throws SQLException {
        return QUEUE.updateHeld(
                dataSource,
                id,
                token,
                "sent_to = ?, claimed_until = ?",
                String.join(",", sentTo),
                Timestamp.valueOf(until));
    }

    public boolean markSent(long id, String token, LocalDateTime now) throws SQLException {
        return QUEUE.updateHeld(
                dataSource,
                id,
                token,
                "status = 'SENT', sent_at = ?, attempts = attempts + 1, error = null, next_attempt_at = null,"
                        + " claimed_by = null, claimed_until = null",
                Timestamp.valueOf(now));
    }

    /** A failed attempt: RETRYING at {@code next}, or FAILED when {@code next} is null. */
    public boolean markFailedAttempt(long id, String token, String error, LocalDateTime next) throws SQLException {
        return QUEUE.failedAttempt(dataSource, id, token, error, next);
    }

    /** Mail is off: the report stays archived, with the reason. */
    public boolean markArchivedOnly(long id, String token, String reason) throws SQLException {
        return QUEUE.updateHeld(
                dataSource,
                id,
                token,
                "status = 'ARCHIVED', error = ?, next_attempt_at = null, claimed_by = null, claimed_until = null",
                LeasedQueue.errorText(reason));
    }

    /** A page of the archive, newest first. */
    public List<ArchivedReport> page(int page, int size) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select " + LISTED
                        + " from report_delivery order by id desc offset ? rows fetch next ? rows only")) {
            select.setLong(1, (long) page * size);
            select.setInt(2, size);
            return list(select);
        }
    }

    /** How many reports the archive holds, for paging. */
    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select count(*) from report_delivery");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public Optional<ArchivedReport> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("select " + LISTED + " from report_delivery where id = ?")) {
            select.setLong(1, id);
            return list(select).stream().findFirst();
        }
    }

    /** The newest report that was sent, for the Overview. */
    public Optional<ArchivedReport> lastSent() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select " + LISTED
                        + " from report_delivery where status = 'SENT' order by sent_at desc, id desc fetch first 1"
                        + " rows only")) {
            return list(select).stream().findFirst();
        }
    }

    public Optional<byte[]> pdf(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select pdf from report_delivery where id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static List<ArchivedReport> list(PreparedStatement select) throws SQLException {
        List<ArchivedReport> found = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) found.add(read(rs));
        }
        return found;
    }

    private static ArchivedReport read(ResultSet rs) throws SQLException {
        long scheduleId = rs.getLong("schedule_id");
        Long schedule = rs.wasNull() ? null : scheduleId;
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new ArchivedReport(
                rs.getLong("id"),
                schedule,
                rs.getString("schedule_name"),
                rs.getString("occurrence_key"),
                rs.getLong("run_id"),
                rs.getObject("reference_date", LocalDate.class),
                rs.getString("scheme"),
                rs.getString("locale"),
                rs.getTimestamp("created_at").toLocalDateTime(),
                DeliveryStatus.valueOf(rs.getString("status")),
                split(rs.getString("recipients")),
                rs.getInt("attempts"),
                rs.getString("error"),
                sentAt == null ? null : sentAt.toLocalDateTime());
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
