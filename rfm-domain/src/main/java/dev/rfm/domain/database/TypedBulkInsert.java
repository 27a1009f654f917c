package dev.rfm.domain.database;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes many rows of known column types into one table: PostgreSQL's binary {@code COPY} on PostgreSQL, JDBC batches
 * elsewhere. For the millions of rows of a scoring run: the values go out as they are held (numbers, not text), so
 * neither side formats or parses decimals and doubles, and nothing is boxed. {@link BulkInsert} stays the simple
 * choice for rows of any values.
 *
 * <p>Usage: {@code rows.int8(1).text("x").nullValue(Types.DOUBLE).endRow(); ... rows.finish();} with the values of
 * each row in column order. Runs in the caller's transaction on the caller's connection.
 */
public abstract sealed class TypedBulkInsert implements AutoCloseable {

    final String table;
    final int width;
    private int fields;
    long rows;

    private TypedBulkInsert(String table, String[] columns) {
        this.table = table;
        this.width = columns.length;
    }

    /**
     * A bulk insert into {@code table}'s {@code columns}.
     *
     * @param freshTable true when the table was created in the current transaction: PostgreSQL then writes the rows
     *     frozen ({@code COPY ... FREEZE}), so no reader or vacuum has to visit every page again to mark them visible
     */
    public static TypedBulkInsert into(Connection connection, String table, boolean freshTable, String... columns)
            throws SQLException {
        if (connection.isWrapperFor(PGConnection.class)) {
            return new BinaryCopy(connection.unwrap(PGConnection.class), table, columns, freshTable);
        }
        return new Batch(connection, table, columns);
    }

    /** A {@code bigint}. */
    public abstract TypedBulkInsert int8(long value) throws SQLException;

    /** An {@code integer}. */
    public abstract TypedBulkInsert int4(int value) throws SQLException;

    /** A {@code smallint}. */
    public abstract TypedBulkInsert int2(short value) throws SQLException;

    /** A {@code boolean}. */
    public abstract TypedBulkInsert bool(boolean value) throws SQLException;

    /** A {@code double precision}. */
    public abstract TypedBulkInsert float8(double value) throws SQLException;

    /** A {@code numeric} with four decimals, given in ten-thousandths (12345 is 1.2345). */
    public abstract TypedBulkInsert decimal4(long tenThousandths) throws SQLException;

    /** A character value; {@code null} writes NULL. */
    public abstract TypedBulkInsert text(String value) throws SQLException;

    /** NULL in a column of the given {@link Types} type. */
    public abstract TypedBulkInsert nullValue(int sqlType) throws SQLException;

    /** Ends the row; it must have had one value per column. */
    public void endRow() throws SQLException {
        if (fields != width) {
            throw new IllegalStateException(table + " takes " + width + " values per row, got " + fields);
        }
        fields = 0;
        rows++;
        rowEnded();
    }

    abstract void rowEnded() throws SQLException;

    void checkNoOpenRow() {
        if (fields != 0) throw new IllegalStateException(table + ": the last row was not ended");
    }

    /** Sends what is buffered; returns the rows written. */
    public abstract long finish() throws SQLException;

    @Override
    public abstract void close() throws SQLException;

    /** Counts a value of the current row; returns its 1-based column. */
    int next() {
        if (fields == width) throw new IllegalStateException(table + " takes " + width + " values per row");
        return ++fields;
    }

    /**
     * PostgreSQL: {@code COPY ... (FORMAT binary)}. A header, then per row a 16-bit field count and per field a 32-bit
     * length (-1 for NULL) and the value in the type's binary form, big-endian; a count of -1 ends the data.
     */
    static final class BinaryCopy extends TypedBulkInsert {

        private static final byte[] HEADER = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        private static final int FLUSH_AT = 1 << 18;

        private final CopyIn copy;
        private byte[] buffer = new byte[FLUSH_AT + 4096];
        private int at;
        private final short[] groups = new short[5];

        BinaryCopy(PGConnection connection, String table, String[] columns, boolean freeze) throws SQLException {
            super(table, columns);
            this.copy = connection
                    .getCopyAPI()
                    .copyIn("copy " + table + " (" + String.join(", ", columns) + ") from stdin (format binary"
                            + (freeze ? ", freeze" : "") + ")");
            System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
            at = HEADER.length;
            startRow();
        }

        private void startRow() {
            putShort(width);
        }

        @Override
        public TypedBulkInsert int8(long value) {
            next();
            putInt(8);
            putInt((int) (value >>> 32));
            putInt((int) value);
            return this;
        }

        @Override
        public TypedBulkInsert int4(int value) {
            next();
            putInt(4);
            putInt(value);
            return this;
        }

        @Override
        public TypedBulkInsert int2(short value) {
            next();
            putInt(2);
            putShort(value);
            return this;
        }

        @Override
        public TypedBulkInsert bool(boolean value) {
            next();
            putInt(1);
            ensure(1);
            buffer[at++] = (byte) (value ? 1 : 0);
            return this;
        }

        @Override
        public TypedBulkInsert float8(double value) {
            return int8(Double.doubleToRawLongBits(value)); // float8's binary form is its IEEE 754 bits
        }

        /**
         * {@code numeric}'s binary form: the count of base-10000 digits, the weight (power of 10000) of the first,
         * the sign, the display scale, then the digits, without leading or trailing zero digits.
         */
        @Override
        public TypedBulkInsert decimal4(long tenThousandths) {
            next();
            if (tenThousandths == Long.MIN_VALUE) throw new ArithmeticException("amount out of range");
            long rest = Math.abs(tenThousandths);
            int n = 0; // groups[0] holds the four decimals, groups[k] the k-th group of integer digits
            while (rest != 0) {
                groups[n++] = (short) (rest % 10_000);
                rest /= 10_000;
            }
            int low = 0;
            while (low < n && groups[low] == 0) low++;
            int digits = n - low;
            putInt(8 + 2 * digits);
            putShort(digits);
            putShort(n == 0 ? 0 : n - 2); // weight of the highest group
            putShort(tenThousandths < 0 ? 0x4000 : 0);
            putShort(4);
            for (int k = n - 1; k >= low; k--) putShort(groups[k]);
            return this;
        }

        @Override
        public TypedBulkInsert text(String value) {
            if (value == null) return nullValue(Types.VARCHAR);
            next();
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            putInt(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, at, bytes.length);
            at += bytes.length;
            return this;
        }

        @Override
        public TypedBulkInsert nullValue(int sqlType) {
            next();
            putInt(-1);
            return this;
        }

        @Override
        void rowEnded() throws SQLException {
            if (at >= FLUSH_AT) send();
            startRow();
        }

        private void send() throws SQLException {
            copy.writeToCopy(buffer, 0, at);
            at = 0;
        }

        @Override
        public long finish() throws SQLException {
            checkNoOpenRow();
            at -= 2; // the field count of the row that was started but never written
            putShort(-1);
            send();
            copy.endCopy();
            return rows;
        }

        @Override
        public void close() throws SQLException {
            if (copy.isActive()) copy.cancelCopy();
        }

        private void ensure(int bytes) {
            if (buffer.length - at < bytes)
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, at + bytes));
        }

        private void putShort(int value) {
            ensure(2);
            buffer[at++] = (byte) (value >>> 8);
            buffer[at++] = (byte) value;
        }

        private void putInt(int value) {
            ensure(4);
            buffer[at++] = (byte) (value >>> 24);
            buffer[at++] = (byte) (value >>> 16);
            buffer[at++] = (byte) (value >>> 8);
            buffer[at++] = (byte) value;
        }
    }

    /** Any other database: a prepared INSERT executed in batches. */
    static final class Batch extends TypedBulkInsert {

        private final InsertBatches batches;
        private final PreparedStatement insert;

        Batch(Connection connection, String table, String[] columns) throws SQLException {
            super(table, columns);
            this.batches = new InsertBatches(connection, table, columns);
            this.insert = batches.insert;
        }

        @Override
        public TypedBulkInsert int8(long value) throws SQLException {
            insert.setLong(next(), value);
            return this;
        }

        @Override
        public TypedBulkInsert int4(int value) throws SQLException {
            insert.setInt(next(), value);
            return this;
        }

        @Override
        public TypedBulkInsert int2(short value) throws SQLException {
            insert.setShort(next(), value);
            return this;
        }

        @Override
        public TypedBulkInsert bool(boolean value) throws SQLException {
            insert.setBoolean(next(), value);
            return this;
        }

        @Override
        public TypedBulkInsert float8(double value) throws SQLException {
            insert.setDouble(next(), value);
            return this;
        }

        @Override
        public TypedBulkInsert decimal4(long tenThousandths) throws SQLException {
            insert.setBigDecimal(next(), BigDecimal.valueOf(tenThousandths, 4));
            return this;
        }

        @Override
        public TypedBulkInsert text(String value) throws SQLException {
            if (value == null) return nullValue(Types.VARCHAR);
            insert.setString(next(), value);
            return this;
        }

        @Override
        public TypedBulkInsert nullValue(int sqlType) throws SQLException {
            insert.setNull(next(), sqlType);
            return this;
        }

        @Override
        void rowEnded() throws SQLException {
            batches.rowDone();
        }

        @Override
        public long finish() throws SQLException {
            checkNoOpenRow();
            batches.flush();
            return rows;
        }

        @Override
        public void close() throws SQLException {
            batches.close();
        }
    }
}
