package dev.rfm.domain.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of work to send at least once by any of several servers: rows {@code PENDING} or {@code RETRYING} whose
 * {@code next_attempt_at} has come are due; a server takes one with a lease ({@code claimed_by}, {@code
 * claimed_until}) by a conditional UPDATE, so exactly one of several servers asking at once gets it, and another can
 * take it over when the lease runs out (its server died while sending). Report deliveries and trigger batches use it.
 *
 * @param table the table's name, a constant of the caller's (never user input)
 */
public record LeasedQueue(String table) {

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
}
