package dev.rfm.domain.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;

/** A prepared INSERT of all columns, executed in batches: the bulk path on databases without {@code COPY}. */
final class InsertBatches implements AutoCloseable {

    private static final int BATCH_SIZE = 5_000;

    final PreparedStatement insert;
    private int pending;

    InsertBatches(Connection connection, String table, String[] columns) throws SQLException {
        this.insert = connection.prepareStatement("insert into " + table + " (" + String.join(", ", columns)
                + ") values (" + String.join(", ", Collections.nCopies(columns.length, "?")) + ")");
    }

    /** Adds the row whose parameters are set; sends a full batch. */
    void rowDone() throws SQLException {
        insert.addBatch();
        if (++pending == BATCH_SIZE) flush();
    }

    /** Sends the rows not sent yet. */
    void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
