package dev.rfm.domain.ingest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The guard that makes imports run one at a time across all servers: the {@code app_lock} row {@code
 * 'import'}, taken with {@code SELECT ... FOR UPDATE} in the import's transaction and so held until it
 * commits or rolls back. A second import waits, at most for the given time (H2's default would give up
 * after two seconds, PostgreSQL's never), and then fails as {@link ImportFailedException.Code#BUSY}.
 */
final class ImportLock {

    private ImportLock() {}

    static void acquire(Connection connection, StagedMerge.Dialect dialect, boolean h2, Duration wait)
            throws SQLException, ImportFailedException {
        try (Statement s = connection.createStatement()) {
            String previous = null;
            if (dialect == StagedMerge.Dialect.POSTGRESQL) {
                previous = singleValue(s, "select current_setting('lock_timeout')");
                s.execute("set local lock_timeout = '" + wait.toMillis() + "ms'");
            } else if (h2) {
                previous = singleValue(s, "select lock_timeout()");
                s.execute("set lock_timeout " + wait.toMillis());
            }
            try (ResultSet rs = s.executeQuery("select name from app_lock where name = 'import' for update")) {
                if (!rs.next()) {
                    throw new SQLException("app_lock has no row 'import' (migration V1 inserts it)");
                }
            } catch (SQLException e) {
                if (isLockTimeout(e)) {
                    throw new ImportFailedException(
                            ImportFailedException.Code.BUSY,
                            0,
                            "Another import is running and did not finish within " + describe(wait)
                                    + ": try again when it is done",
                            e);
                }
                throw e;
            }
            if (dialect == StagedMerge.Dialect.POSTGRESQL) {
                s.execute("set local lock_timeout = '" + previous.replace("'", "''") + "'");
            } else if (h2) {
                s.execute("set lock_timeout " + Long.parseLong(previous));
            }
        }
    }

    static String describe(Duration wait) {
        if (wait.toMillis() < 1000) {
            return wait.toMillis() + " ms";
        }
        if (wait.toSeconds() % 60 == 0) {
            return wait.toMinutes() + " min";
        }
        return wait.toSeconds() + " s";
    }

    private static String singleValue(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** PostgreSQL lock_not_available, H2 LOCK_TIMEOUT_1. */
    private static boolean isLockTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState()) || e.getErrorCode() == 50200;
    }
}
