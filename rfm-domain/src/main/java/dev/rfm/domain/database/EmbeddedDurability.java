package dev.rfm.domain.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a commit on the embedded H2 database survive the server being killed right after it. H2 writes commits to its
 * file up to half a second later (its write delay), so a killed server lost what it had just committed: the run it had
 * started, or an import it had already answered. {@code WRITE_DELAY=0} would write at every commit, but H2 also commits
 * a system transaction at every refill of an identity column's sequence, and with the store written each time a large
 * import took minutes instead of seconds. So the commits that matter are flushed here, once each; PostgreSQL needs
 * nothing (its commit is durable when it returns).
 */
public final class EmbeddedDurability {

    private EmbeddedDurability() {}

    /** After a commit: on H2, writes everything committed so far to the database file. */
    public static void flush(Connection connection) throws SQLException {
        if (!connection.getMetaData().getDatabaseProductName().equals("H2")) return;
        try (Statement checkpoint = connection.createStatement()) {
            checkpoint.execute("checkpoint");
        }
    }
}
