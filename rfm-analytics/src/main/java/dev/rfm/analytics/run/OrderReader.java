package dev.rfm.analytics.run;

import dev.rfm.analytics.history.CustomerHistories;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Builds the customers' histories in one streaming pass over the orders, sorted by customer and date: the database
 * sorts along its {@code (customer_id, order_date)} index and the rows flow into primitive columns, so memory depends
 * on the number of customers, never on the number of orders.
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
                try (PreparedStatement select = c.prepareStatement("select customer_id, order_date, amount"
                        + " from customer_order where order_date < ? order by customer_id, order_date")) {
                    select.setFetchSize(20_000);
                    select.setObject(1, referenceDate);
                    try (ResultSet rs = select.executeQuery()) {
                        long read = 0;
                        while (rs.next()) {
                            histories.add(
                                    rs.getLong(1),
                                    Math.toIntExact(
                                            rs.getObject(2, LocalDate.class).toEpochDay()),
                                    tenThousandths(rs.getBigDecimal(3)));
                            if ((++read & 0xFFFF) == 0) progress.rows(read, total);
                        }
                        progress.rows(read, total);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
        return histories.build();
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
