package dev.rfm.domain.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL bulk loading: drops a table's secondary indexes and its unique and foreign key constraints for
 * one big insert and creates them again from their catalog definitions afterwards, all inside the import's
 * transaction (PostgreSQL DDL is transactional: a rollback brings them back). Reading the definitions from
 * the catalog keeps this right when later migrations add indexes. The primary key stays.
 *
 * <p>Consequence: from the drop to the commit the table is locked exclusively, so its readers wait.
 */
final class DeferredIndexes {

    /** Fewer new rows than this never defer: small imports must not lock the table. */
    static final long MIN_ROWS = 50_000;

    static final DeferredIndexes NONE = new DeferredIndexes(null, null, List.of());

    private static final System.Logger LOG = System.getLogger(DeferredIndexes.class.getName());

    private final Connection connection;
    private final String table;
    private final List<String> restoreStatements;

    private DeferredIndexes(Connection connection, String table, List<String> restoreStatements) {
        this.connection = connection;
        this.table = table;
        this.restoreStatements = restoreStatements;
    }

    /**
     * Drops the secondary indexes and constraints of {@code table}. If that fails (e.g. another table's
     * foreign key depends on one of them), nothing is dropped and {@link #NONE} is returned.
     */
    static DeferredIndexes drop(Connection connection, String table) throws SQLException {
        List<String> drops = new ArrayList<>();
        List<String> restore = new ArrayList<>();
        // constraints first (their indexes go with them), foreign keys last to come back
        try (PreparedStatement query = connection.prepareStatement("select 'alter table '"
                + " || cast(k.conrelid as regclass) || ' drop constraint ' || quote_ident(k.conname),"
                + " 'alter table ' || cast(k.conrelid as regclass) || ' add constraint ' || quote_ident(k.conname)"
                + " || ' ' || pg_get_constraintdef(k.oid) from pg_constraint k"
                + " where k.conrelid = cast(? as regclass) and k.contype in ('f', 'u', 'x')"
                + " order by case k.contype when 'f' then 1 else 0 end, k.conname")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    drops.add(rs.getString(1));
                    restore.add(rs.getString(2));
                }
            }
        }
        List<String> indexes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select 'drop index ' || cast(x.indexrelid as regclass), pg_get_indexdef(x.indexrelid)"
                        + " from pg_index x where x.indrelid = cast(? as regclass) and not x.indisprimary"
                        + " and not exists (select 1 from pg_constraint k"
                        + " where k.conrelid = x.indrelid and k.conindid = x.indexrelid)"
                        + " order by x.indexrelid")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    drops.add(rs.getString(1));
                    indexes.add(rs.getString(2));
                }
            }
        }
        if (drops.isEmpty()) {
            return NONE;
        }
        restore.addAll(0, indexes);
        Savepoint savepoint = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            for (String drop : drops) {
                s.execute(drop);
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            LOG.log(System.Logger.Level.INFO, "Bulk insert keeps the indexes of " + table + ": " + e.getMessage());
            return NONE;
        }
        return new DeferredIndexes(connection, table, List.copyOf(restore));
    }

    /**
     * Creates the dropped indexes and constraints again (which validates the constraints) and refreshes the
     * table's statistics, which the bulk insert has made stale for the planner.
     */
    void restore() throws SQLException {
        if (restoreStatements.isEmpty()) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            for (String statement : restoreStatements) {
                s.execute(statement);
            }
            s.execute("analyze " + table);
        }
    }
}
