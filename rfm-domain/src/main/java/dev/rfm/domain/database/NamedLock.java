package dev.rfm.domain.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A guard that keeps work single across every server on one database: a row of {@code app_lock} whose holder is set
 * by a compare-and-set update, so two servers asking at once get one winner. Used by scoring runs, whose work spans
 * many transactions (an import holds its guard with {@code SELECT ... FOR UPDATE} inside its one transaction instead).
 */
public final class NamedLock {

    public static final String SCORING_RUN = "scoring-run";

    private final String name;

    public NamedLock(String name) {
        this.name = name;
    }

    /** Takes the lock for {@code holder} if nobody holds it; true when taken. */
    public boolean tryAcquire(Connection connection, String holder, LocalDateTime now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update app_lock set holder = ?, acquired_at = ? where name = ? and holder is null")) {
            update.setString(1, holder);
            update.setTimestamp(2, Timestamp.valueOf(now));
            update.setString(3, name);
            return update.executeUpdate() == 1;
        }
    }

    /** Takes the lock over from a holder known to be dead (e.g. a run whose server stopped); true when taken. */
    public boolean takeOver(Connection connection, String deadHolder, String holder, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update app_lock set holder = ?, acquired_at = ? where name = ? and holder = ?")) {
            update.setString(1, holder);
            update.setTimestamp(2, Timestamp.valueOf(now));
            update.setString(3, name);
            update.setString(4, deadHolder);
            return update.executeUpdate() == 1;
        }
    }

    /** Who holds the lock now, if anyone. */
    public Optional<String> holder(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select holder from app_lock where name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Gives the lock back; only its holder can. */
    public void release(Connection connection, String holder) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update app_lock set holder = null where name = ? and holder = ?")) {
            update.setString(1, name);
            update.setString(2, holder);
            update.executeUpdate();
        }
    }
}
