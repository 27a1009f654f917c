package dev.rfm.domain.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Stages lines with JDBC batch inserts: the portable path (H2 and any other database). */
final class BatchStager implements LineStager {

    static final int BATCH_SIZE = 5_000;

    private final PreparedStatement insert;
    private int pending;
    private long staged;

    BatchStager(Connection connection, String table) throws SQLException {
        this.insert = connection.prepareStatement("insert into " + table
                + " (line_no, line_count, customer_ext, order_ext, ordered_at, amount, quantity, channel, customer_name,"
                + " customer_email) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    public void add(OrderLine line) throws SQLException {
        insert.setLong(1, line.lineNo);
        insert.setInt(2, line.lineCount);
        insert.setString(3, line.customerId);
        insert.setString(4, line.orderId);
        insert.setObject(5, line.orderedAt);
        insert.setBigDecimal(6, line.amount());
        if (line.quantity == null) {
            insert.setNull(7, Types.INTEGER);
        } else {
            insert.setInt(7, line.quantity);
        }
        insert.setString(8, line.channel);
        insert.setString(9, line.customerName);
        insert.setString(10, line.customerEmail);
        insert.addBatch();
        staged++;
        if (++pending == BATCH_SIZE) {
            pause();
        }
    }

    @Override
    public void pause() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public long finish() throws SQLException {
        pause();
        insert.close();
        return staged;
    }

    @Override
    public void abort() {
        try {
            insert.close();
        } catch (SQLException e) {
            // the transaction is rolled back anyway
        }
    }
}
