package dev.rfm.domain.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A table of work to send at least once by any of several servers: rows {@code PENDING} or {@code RETRYING} whose
 * {@code next_attempt_at} has come are due; a server takes one with a lease ({@code claimed_by}, {@code
 * claimed_until}) by a conditional UPDATE, so exactly one of several servers asking at once gets it, and another can
 * take it over when the lease runs out (its server died while sending). Report deliveries and trigger batches use it.
 *
 * @param table the table's name, a constant of the caller's (never user input)
 * @param errorColumn the column that keeps the last attempt's error
 */
public record LeasedQueue(String table, String errorColumn) {

    /** Errors are kept to this many characters. */
    static final int MAX_ERROR = 1000;

    private static final String OPEN = " status in ('PENDING', 'RETRYING') and (next_attempt_at is null or"
            + " next_attempt_at <= ?) and (claimed_until is null or claimed_until < ?)";

    /** Ids of rows due at {@code now} that nobody holds, oldest first. */
    public List<Long> due(Connection c, LocalDateTime now, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select id from " + table + " where" + OPEN + " order by id fetch first " + limit + " rows only")) {
            select.setTimestamp(1, Timestamp.valueOf(now));
            select.setTimestamp(2, Timestamp.valueOf(now));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    /** Takes row {@code id} for {@code token} until {@code until}: true for exactly one of several takers. */
    public boolean claim(Connection c, long id, String token, LocalDateTime now, LocalDateTime until)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update " + table + " set claimed_by = ?, claimed_until = ? where id = ? and" + OPEN)) {
            update.setString(1, token);
            update.setTimestamp(2, Timestamp.valueOf(until));
            update.setLong(3, id);
            update.setTimestamp(4, Timestamp.valueOf(now));
            update.setTimestamp(5, Timestamp.valueOf(now));
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Changes row {@code id} only while {@code token} holds it: {@code update <table> set <assignments> where id = ?
     * and claimed_by = ?} with {@code values} for the assignments' parameters.
     *
     * @return false when the lease was lost (another server took the row over)
     */
    public boolean updateHeld(DataSource dataSource, long id, String token, String assignments, Object... values)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "update " + table + " set " + assignments + " where id = ? and claimed_by = ?")) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) update.setNull(i + 1, Types.NULL);
                else update.setObject(i + 1, values[i]);
            }
            update.setLong(values.length + 1, id);
            update.setString(values.length + 2, token);
            return update.executeUpdate() == 1;
        }
    }

    /** A failed attempt by the holder: RETRYING at {@code next}, or FAILED when {@code next} is null; lease released. */
    public boolean failedAttempt(DataSource dataSource, long id, String token, String error, LocalDateTime next)
            throws SQLException {
        return updateHeld(
                dataSource,
                id,
                token,
                "status = ?, attempts = attempts + 1, " + errorColumn + " = ?, next_attempt_at = ?, claimed_by = null,"
                        + " claimed_until = null",
                next == null ? "FAILED" : "RETRYING",
                errorText(error),
                next == null ? null : Timestamp.valueOf(next));
    }

    /** An error as kept: at most {@value #MAX_ERROR} characters. */
    public static String errorText(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 3) + "...";
    }
}
