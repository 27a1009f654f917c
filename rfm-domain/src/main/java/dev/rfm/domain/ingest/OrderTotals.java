package dev.rfm.domain.ingest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bound that keeps every later scoring run exact: a run adds up amounts in ten-thousandths on {@code long}
 * (per customer, per segment, in total), so the absolute amounts of all stored orders together must stay below
 * {@link #LIMIT}. Every partial sum a run forms is at most that total. The {@code order_totals} row keeps the
 * total; imports read it and add to it while they hold the import lock.
 */
final class OrderTotals {

    /** 900 trillion in ten-thousandths: below {@code Long.MAX_VALUE} (about 922 trillion) with room to spare. */
    static final long LIMIT = 9_000_000_000_000_000_000L;

    /** {@link #LIMIT} as people read it. */
    static final String LIMIT_TEXT = "900,000,000,000,000";

    private OrderTotals() {}

    /** What new orders may still add, in ten-thousandths of absolute amount (0 when the bound is reached). */
    static long remaining(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select abs_amount_sum from order_totals where id = 1")) {
            if (!rs.next()) {
                throw new SQLException("order_totals has no row 1 (migration V6 inserts it)");
            }
            BigDecimal used = rs.getBigDecimal(1).movePointRight(4);
            return Math.max(0, BigDecimal.valueOf(LIMIT).subtract(used).longValue());
        }
    }

    /** Adds the absolute amounts of the orders about to be inserted from {@code ordersTable} (verdict null). */
    static void addNewOrders(Connection connection, String ordersTable) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("update order_totals set abs_amount_sum = abs_amount_sum + (select coalesce(sum(abs("
                    + "amount)), 0) from " + ordersTable + " where verdict is null) where id = 1");
        }
    }

    /**
     * The absolute value of a checked amount text (a plain decimal, at most 4 decimals) in ten-thousandths, or
     * {@code Long.MAX_VALUE} when it does not fit a {@code long}.
     */
    static long absTenThousandths(String amount) {
        long value = 0;
        int decimals = -1;
        for (int i = 0; i < amount.length(); i++) {
            char c = amount.charAt(i);
            if (c == '.') {
                decimals = 0;
            } else if (c >= '0' && c <= '9') {
                if (decimals >= 4) {
                    continue; // checked: digits after the fourth decimal are trailing zeros
                }
                if (decimals >= 0) {
                    decimals++;
                }
                if (value > (Long.MAX_VALUE - 9) / 10) {
                    return Long.MAX_VALUE;
                }
                value = value * 10 + (c - '0');
            }
        }
        for (int d = Math.max(decimals, 0); d < 4; d++) {
            if (value > Long.MAX_VALUE / 10) {
                return Long.MAX_VALUE;
            }
            value *= 10;
        }
        return value;
    }
}
