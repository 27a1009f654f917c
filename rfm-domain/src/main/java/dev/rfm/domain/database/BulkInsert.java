package dev.rfm.domain.database;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes many rows into one table the fastest way the database offers: {@code COPY ... FROM STDIN} on PostgreSQL,
 * JDBC batches elsewhere. Rows stream: memory stays bounded whatever the row count. Runs inside the caller's
 * transaction on the caller's connection.
 *
 * <p>Usage: {@code try (BulkInsert rows = BulkInsert.into(connection, "t", "a", "b")) { rows.row(1L, "x"); ...
 * rows.finish(); }}
 *
 * <p>Values: {@code null}, {@link Number} (including {@link BigDecimal}), {@link String}, {@link LocalDate},
 * {@link Boolean}.
 */
public abstract sealed class BulkInsert implements AutoCloseable {

    final String table;
    final String[] columns;
    long rows;

    private BulkInsert(String table, String[] columns) {
        this.table = table;
        this.columns = columns.clone();
    }

    /** A bulk insert into {@code table}'s {@code columns}, by COPY when the connection is PostgreSQL's. */
    public static BulkInsert into(Connection connection, String table, String... columns) throws SQLException {
        if (connection.isWrapperFor(PGConnection.class)) {
            return new Copy(connection.unwrap(PGConnection.class), table, columns);
        }
        return new Batch(connection, table, columns);
    }

    /** Adds one row, its values in column order. */
    public abstract void row(Object... values) throws SQLException;

    /** Sends what is buffered; returns the rows written. */
    public abstract long finish() throws SQLException;

    @Override
    public abstract void close() throws SQLException;

    void checkWidth(Object[] values) {
        if (values.length != columns.length) {
            throw new IllegalArgumentException(
                    table + " takes " + columns.length + " values per row, got " + values.length);
        }
    }

    /** PostgreSQL: COPY text format, sent in chunks of about 256 KiB. */
    static final class Copy extends BulkInsert {

        private static final int FLUSH_AT = 1 << 18;

        private final CopyIn copy;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_AT + 4096);
        private final StringBuilder line = new StringBuilder(256);

        Copy(PGConnection connection, String table, String[] columns) throws SQLException {
            super(table, columns);
            this.copy = connection
                    .getCopyAPI()
                    .copyIn("copy " + table + " (" + String.join(", ", columns) + ") from stdin");
        }

        @Override
        public void row(Object... values) throws SQLException {
            checkWidth(values);
            line.setLength(0);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) line.append('\t');
                appendValue(values[i]);
            }
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            rows++;
            if (buffer.size() >= FLUSH_AT) send();
        }

        private void appendValue(Object value) {
            if (value == null) {
                line.append("\\N");
            } else if (value instanceof BigDecimal d) {
                line.append(d.toPlainString());
            } else if (value instanceof Boolean b) {
                line.append(b ? 't' : 'f');
            } else if (value instanceof Number || value instanceof LocalDate) {
                line.append(value);
            } else {
                String text = value.toString();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    switch (c) {
                        case '\\' -> line.append("\\\\");
                        case '\n' -> line.append("\\n");
                        case '\r' -> line.append("\\r");
                        case '\t' -> line.append("\\t");
                        default -> line.append(c);
                    }
                }
            }
        }

        private void send() throws SQLException {
            if (buffer.size() > 0) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
            }
        }

        @Override
        public long finish() throws SQLException {
            send();
            if (copy.isActive()) copy.endCopy();
            return rows;
        }

        @Override
        public void close() throws SQLException {
            if (copy.isActive()) copy.cancelCopy();
        }
    }

    /** Any other database: a prepared INSERT executed in batches. */
    static final class Batch extends BulkInsert {

        private final InsertBatches batches;

        Batch(Connection connection, String table, String[] columns) throws SQLException {
            super(table, columns);
            this.batches = new InsertBatches(connection, table, columns);
        }

        @Override
        public void row(Object... values) throws SQLException {
            checkWidth(values);
            PreparedStatement insert = batches.insert;
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    insert.setNull(i + 1, Types.NULL);
                } else if (value instanceof LocalDate d) {
                    insert.setObject(i + 1, d);
                } else {
                    insert.setObject(i + 1, value);
                }
            }
            batches.rowDone();
            rows++;
        }

        @Override
        public long finish() throws SQLException {
            batches.flush();
            return rows;
        }

        @Override
        public void close() throws SQLException {
            batches.close();
        }
    }
}
