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
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Builds the customers' histories in one streaming pass over the orders, sorted by customer and date: the rows flow
 * into primitive columns, so memory depends on the number of customers, never on the number of orders.
 *
 * <p>On PostgreSQL the rows stream as {@code COPY ... TO STDOUT} text and are parsed straight into numbers: no cursor
 * round trips, no {@code BigDecimal} or {@code LocalDate} per order. The sort is a sequential scan and a sort, not a
 * walk along the {@code (customer_id, order_date)} index: orders are stored roughly in date order (imports append),
 * so walking that index over all of them reads the table in random order, which the scoring benchmark measured at
 * twice the time of scan and sort with the table in memory (docs/PERFORMANCE.md), and worse once it is not. Other
 * databases read through a JDBC cursor.
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
                long total = count(c, referenceDate);
                histories.expectCustomers((int) Math.min(Integer.MAX_VALUE - 8, customers(c, referenceDate)));
                if (c.isWrapperFor(PGConnection.class)) {
                    copyOrders(c, referenceDate, histories, total, progress);
                } else {
                    fetchOrders(c, referenceDate, histories, total, progress);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
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
                progress.rows(read, total);
            }
        }
    }

    private static void copyOrders(
            Connection c, LocalDate referenceDate, CustomerHistories.Builder histories, long total, Progress progress)
            throws SQLException {
        try (Statement settings = c.createStatement()) {
            settings.execute("set local enable_indexscan = off"); // scan and sort: see the class comment
            settings.execute("set local enable_bitmapscan = off");
        }
        // COPY takes no parameters; a LocalDate prints as an ISO date
        CopyOut copy = c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyOut("copy (select customer_id, order_date - date '1970-01-01', amount from customer_order"
                        + " where order_date < date '" + referenceDate + "' order by customer_id, order_date)"
                        + " to stdout");
        try {
            CopyRow row = new CopyRow();
            long read = 0;
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                row.reset(line);
                histories.add(row.integer(), Math.toIntExact(row.integer()), row.tenThousandths());
                if ((++read & 0xFFFF) == 0) progress.rows(read, total);
            }
            progress.rows(read, total);
        } finally {
            if (copy.isActive()) copy.cancelCopy();
        }
    }

    /**
     * Reads the fields of one row of COPY text (PostgreSQL sends one row per message): tab-separated, ending in a
     * newline; here only integers and decimals, never NULL.
     */
    static final class CopyRow {
        private byte[] bytes;
        private int at;

        void reset(byte[] line) {
            bytes = line;
            at = 0;
        }

        /** The next field as an integer. */
        long integer() {
            boolean negative = bytes[at] == '-';
            if (negative) at++;
            long value = 0;
            int digits = 0;
            for (byte b; at < bytes.length && (b = bytes[at]) != '\t' && b != '\n'; at++, digits++) {
                value = Math.addExact(Math.multiplyExact(value, 10), digit(b));
            }
            at++;
            if (digits == 0) throw notANumber();
            return negative ? -value : value;
        }

        /**
         * The next field, a decimal, in ten-thousandths; exact like {@link #tenThousandths(BigDecimal)}.
         *
         * @throws ArithmeticException if it has a non-zero fifth decimal or does not fit a {@code long}
         */
        long tenThousandths() {
            boolean negative = bytes[at] == '-';
            if (negative) at++;
            long value = 0;
            int digits = 0;
            int decimals = -1; // before the point
            for (byte b; at < bytes.length && (b = bytes[at]) != '\t' && b != '\n'; at++) {
                if (b == '.' && decimals < 0) {
                    decimals = 0;
                    continue;
                }
                int digit = digit(b);
                digits++;
                if (decimals == 4) {
                    if (digit != 0) throw new ArithmeticException("Rounding necessary");
                    continue;
                }
                if (decimals >= 0) decimals++;
                value = Math.addExact(Math.multiplyExact(value, 10), digit);
            }
            at++;
            if (digits == 0) throw notANumber();
            for (int d = Math.max(decimals, 0); d < 4; d++) value = Math.multiplyExact(value, 10);
            return negative ? -value : value;
        }

        private int digit(byte b) {
            if (b < '0' || b > '9') throw notANumber();
            return b - '0';
        }

        private IllegalStateException notANumber() {
            return new IllegalStateException(
                    "not a number in the order rows: " + new String(bytes, StandardCharsets.US_ASCII).trim());
        }
    }

    /** Amounts are stored with four decimals: exact as a long of ten-thousandths. */
    static long tenThousandths(BigDecimal amount) {
        return amount.setScale(4, java.math.RoundingMode.UNNECESSARY)
                .unscaledValue()
                .longValueExact();
    }

    private static long count(Connection c, LocalDate referenceDate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from customer_order where order_date < ?")) {
            ps.setObject(1, referenceDate);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long customers(Connection c, LocalDate referenceDate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from customer where first_seen < ?")) {
            ps.setObject(1, referenceDate);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
