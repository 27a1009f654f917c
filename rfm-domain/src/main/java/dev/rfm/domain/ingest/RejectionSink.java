package dev.rfm.domain.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores the lines rejected while reading in {@code import_rejection}, a few thousand at a time: held
 * briefly in memory, because a COPY in progress blocks the connection, then the COPY is paused for one
 * batch insert.
 */
final class RejectionSink {

    private static final int BATCH_SIZE = 2_000;

    private final Connection connection;
    private final long importId;
    private final LineStager stager;
    private final List<RowRejection> pending = new ArrayList<>(BATCH_SIZE);
    private long count;

    RejectionSink(Connection connection, long importId, LineStager stager) {
        this.connection = connection;
        this.importId = importId;
        this.stager = stager;
    }

    void add(RowRejection rejection) throws SQLException {
        pending.add(rejection);
        count++;
        if (pending.size() == BATCH_SIZE) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        stager.pause();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into import_rejection (import_id, line_no, column_name, message) values (?, ?, ?, ?)")) {
            for (RowRejection rejection : pending) {
                insert.setLong(1, importId);
                insert.setLong(2, rejection.line());
                insert.setString(3, rejection.column());
                insert.setString(4, HeaderLayout.shorten(rejection.message(), 500));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        pending.clear();
    }

    /** Lines rejected so far. */
    long count() {
        return count;
    }
}
