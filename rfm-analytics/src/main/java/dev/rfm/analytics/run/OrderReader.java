package dev.rfm.analytics.run;

import dev.rfm.analytics.history.CustomerHistories;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Builds the customers' histories in one streaming pass over the orders, grouped by customer: the rows flow into
 * primitive columns, so memory depends on the number of customers, never on the number of orders.
 *
 * <p>On PostgreSQL the rows stream as binary {@code COPY ... TO STDOUT} and are decoded straight into numbers: no
 * cursor round trips, no text to parse, no {@code BigDecimal} or {@code LocalDate} per order. PostgreSQL sorts by
 * customer only (a sequential scan and a sort; one key is a third cheaper than customer and date), and each
 * customer's few orders are put in date order here ({@link CustomerOrders}). The sort is not a walk along the
 * {@code (customer_id, order_date)} index: orders are stored roughly in date order (imports append), so that walk
 * reads the table in random order, twice as slow as scan and sort with the table in memory and worse once it is not
 * (docs/PERFORMANCE.md). The progress total is the planner's row estimate: counting the orders first would cost
 * another scan of the table. Other databases read through a JDBC cursor, sorted by customer and date.
 */
final class OrderReader {

    interface Progress {
        void rows(long read, long total) throws SQLException;
    }

    private final DataSource dataSource;

    OrderReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    CustomerHistories read(LocalDate referenceDate, LocalDate windowStart, Progress progress) throws SQLException {
        CustomerHistories.Builder histories = CustomerHistories.builder(referenceDate, windowStart);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams through a cursor only inside a transaction
            try {
                if (c.isWrapperFor(PGConnection.class)) {
                    histories.expectCustomers(estimatedRows(c, "customer"));
                    copyOrders(c, referenceDate, histories, estimatedRows(c, "customer_order"), progress);
                } else {
                    long customers =
                            countBefore(c, "select count(*) from customer where first_seen < ?", referenceDate);
                    histories.expectCustomers((int) Math.min(Integer.MAX_VALUE - 8, customers));
                    long orders =
                            countBefore(c, "select count(*) from customer_order where order_date < ?", referenceDate);
                    fetchOrders(c, referenceDate, histories, orders, progress);
                }
            } catch (SQLException | RuntimeException | Error e) {
                Cleanup.quietly(e, c::rollback, () -> c.setAutoCommit(autoCommit));
                throw e;
            }
            c.rollback(); // read only: nothing to keep
            c.setAutoCommit(autoCommit);
        }
        return histories.build();
    }

    private static void fetchOrders(
            Connection c, LocalDate referenceDate, CustomerHistories.Builder histories, long total, Progress progress)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select customer_id, order_date, amount"
                + " from customer_order where order_date < ? order by customer_id, order_date")) {
            select.setFetchSize(20_000);
            select.setObject(1, referenceDate);
            try (ResultSet rs = select.executeQuery()) {
                long read = 0;
                while (rs.next()) {
                    histories.add(
                            rs.getLong(1),
                            Math.toIntExact(rs.getObject(2, LocalDate.class).toEpochDay()),
                            tenThousandths(rs.getBigDecimal(3)));
                    if ((++read & 0xFFFF) == 0) progress.rows(read, total);
                }
                progress.rows(read, read);
            }
        }
    }

    private static void copyOrders(
            Connection c,
            LocalDate referenceDate,
            CustomerHistories.Builder histories,
            long estimate,
            Progress progress)
            throws SQLException {
        try (Statement settings = c.createStatement()) {
            settings.execute("set local enable_indexscan = off"); // scan and sort: see the class comment
            settings.execute("set local enable_bitmapscan = off");
        }
        // COPY takes no parameters; a LocalDate prints as an ISO date
        CopyOut copy = c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyOut("copy (select customer_id, order_date - date '1970-01-01', amount from customer_order"
                        + " where order_date < date '" + referenceDate + "' order by customer_id)"
                        + " to stdout (format binary)");
        try {
            BinaryRows rows = new BinaryRows(copy::readFromCopy);
            CustomerOrders customer = new CustomerOrders(histories);
            long read = 0;
            while (rows.next()) {
                customer.add(rows.int8(), rows.int4(), rows.numericTenThousandths());
                if ((++read & 0xFFFF) == 0) progress.rows(read, Math.max(read, estimate));
            }
            customer.flush();
            progress.rows(read, read);
        } catch (SQLException | RuntimeException | Error e) {
            // stopped midway (cancelled, or a value it cannot hold): the COPY is still sending and must be cancelled
            Cleanup.quietly(e, () -> {
                if (copy.isActive()) copy.cancelCopy();
            });
            throw e;
        }
    }

    /**
     * Collects one customer's orders as they come, in any date order, and hands them to the builder sorted by day
     * when the next customer starts. Customers must arrive grouped; days within a customer need not be sorted.
     */
    static final class CustomerOrders {
        private final CustomerHistories.Builder histories;
        private long customerId;
        private int size;
        private long[] keys = new long[64]; // day in the high 32 bits, arrival index in the low 32
        private long[] amounts = new long[64];

        CustomerOrders(CustomerHistories.Builder histories) {
            this.histories = histories;
        }

        void add(long customerId, int epochDay, long amountTenThousandths) {
            if (size > 0 && customerId != this.customerId) flush();
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                amounts = Arrays.copyOf(amounts, size * 2);
            }
            this.customerId = customerId;
            keys[size] = ((long) epochDay << 32) | size;
            amounts[size++] = amountTenThousandths;
        }

        void flush() {
            Arrays.sort(keys, 0, size); // by day, then arrival
            for (int i = 0; i < size; i++) {
                histories.add(customerId, (int) (keys[i] >> 32), amounts[(int) keys[i]]);
            }
            size = 0;
        }
    }

    /** The messages of a COPY; {@code null} after the last. */
    interface CopyMessages {
        byte[] next() throws SQLException;
    }

    /**
     * Decodes PostgreSQL's binary COPY format: a header, then per row a 16-bit field count and per field a 32-bit
     * length and the value in the type's binary form (big-endian); a count of -1 ends the data. Rows here have
     * exactly three fields and no NULLs. PostgreSQL sends a row per message, but nothing here relies on that.
     */
    static final class BinaryRows {
        private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
        private final CopyMessages messages;
        private byte[] buffer = new byte[0];
        private int at;
        private int fieldsLeft;
        private boolean started;

        BinaryRows(CopyMessages messages) {
            this.messages = messages;
        }

        /** Moves to the next row; false at the end of the data. */
        boolean next() throws SQLException {
            if (!started) {
                header();
                started = true;
            }
            if (fieldsLeft != 0) throw malformed("a row was not read to its end");
            if (!available(2)) throw malformed("the data ends without its trailer");
            int fields = int16();
            if (fields == -1) {
                finish();
                return false;
            }
            if (fields != 3) throw malformed("a row has " + fields + " fields, expected 3");
            fieldsLeft = fields;
            return true;
        }

        /**
         * Reads the messages after the trailer to their end, so that the COPY is complete when the last row has been
         * read: a COPY left active would have to be cancelled, and cancelling one that the server has already
         * finished leaves the driver out of step with the transaction (inside a container's pool the connection then
         * fails with "Expected command status BEGIN, got COMMIT").
         */
        private void finish() throws SQLException {
            boolean trailing = at < buffer.length;
            for (byte[] more; (more = messages.next()) != null; ) trailing |= more.length > 0;
            if (trailing) throw malformed("data after the trailer");
        }

        long int8() throws SQLException {
            field(8);
            long value = 0;
            for (int i = 0; i < 8; i++) value = (value << 8) | (buffer[at++] & 0xFF);
            return value;
        }

        int int4() throws SQLException {
            field(4);
            return int32();
        }

        /**
         * A {@code numeric} in ten-thousandths: base-10000 digits, {@code weight} the power of the first. Exact like
         * {@link #tenThousandths(BigDecimal)}.
         *
         * @throws ArithmeticException if it has a non-zero fifth decimal or does not fit a {@code long}
         */
        long numericTenThousandths() throws SQLException {
            int length = field(-1);
            if (length < 8) throw malformed("a numeric of " + length + " bytes");
            int digits = int16();
            int weight = int16();
            int sign = int16() & 0xFFFF;
            int16(); // display scale
            if (length != 8 + 2 * digits)
                throw malformed("a numeric of " + length + " bytes with " + digits + " digits");
            if (sign == 0xC000) throw new ArithmeticException("NaN amount");
            long value = 0;
            for (int i = 0; i < digits; i++) {
                int digit = int16();
                int power = weight - i + 1; // of 10000, in ten-thousandths
                if (power < 0) {
                    if (digit != 0) throw new ArithmeticException("Rounding necessary");
                    continue;
                }
                long term = digit;
                for (int p = 0; p < power; p++) term = Math.multiplyExact(term, 10_000L);
                value = Math.addExact(value, term);
            }
            return sign == 0x4000 ? -value : value;
        }

        /** Starts a field; returns its length, checked against {@code expected} unless that is -1. */
        private int field(int expected) throws SQLException {
            if (fieldsLeft-- <= 0) throw malformed("more fields read than the row has");
            if (!available(4)) throw malformed("a row is cut off");
            int length = int32();
            if (length == -1) throw malformed("a NULL in the order rows");
            if (expected != -1 && length != expected) {
                throw malformed("a field of " + length + " bytes, expected " + expected);
            }
            if (!available(length)) throw malformed("a row is cut off");
            return length;
        }

        private void header() throws SQLException {
            if (!available(SIGNATURE.length + 8)) throw malformed("no header");
            if (!Arrays.equals(buffer, at, at + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw malformed("not PostgreSQL's binary COPY format");
            }
            at += SIGNATURE.length;
            int32(); // flags
            int extension = int32();
            if (!available(extension)) throw malformed("the header is cut off");
            at += extension;
        }

        /** Makes sure {@code n} bytes are buffered, joining messages if need be; false at the end of the data. */
        private boolean available(int n) throws SQLException {
            while (buffer.length - at < n) {
                byte[] more = messages.next();
                if (more == null) return false;
                byte[] joined = new byte[buffer.length - at + more.length];
                System.arraycopy(buffer, at, joined, 0, buffer.length - at);
                System.arraycopy(more, 0, joined, buffer.length - at, more.length);
                buffer = joined;
                at = 0;
            }
            return true;
        }

        private int int16() {
            return (short) (((buffer[at++] & 0xFF) << 8) | (buffer[at++] & 0xFF));
        }

        private int int32() {
            return ((buffer[at++] & 0xFF) << 24)
                    | ((buffer[at++] & 0xFF) << 16)
                    | ((buffer[at++] & 0xFF) << 8)
                    | (buffer[at++] & 0xFF);
        }

        private static IllegalStateException malformed(String what) {
            return new IllegalStateException("Unexpected order rows from PostgreSQL: " + what);
        }
    }

    /** Amounts are stored with four decimals: exact as a long of ten-thousandths. */
    static long tenThousandths(BigDecimal amount) {
        return amount.setScale(4, java.math.RoundingMode.UNNECESSARY)
                .unscaledValue()
                .longValueExact();
    }

    /** The planner's estimate of a table's rows (0 if it has none yet): enough to size columns and show progress. */
    private static int estimatedRows(Connection c, String table) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select greatest(reltuples, 0)::bigint from pg_class where oid = ?::regclass")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? (int) Math.min(Integer.MAX_VALUE - 8, rs.getLong(1)) : 0;
            }
        }
    }

    /** The number a {@code select count(*) ... where <date> < ?} query gives for the reference date. */
    private static long countBefore(Connection c, String sql, LocalDate referenceDate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, referenceDate);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
