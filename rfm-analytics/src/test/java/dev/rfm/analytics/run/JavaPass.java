package dev.rfm.analytics.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * For scale: the SQL baseline's work done by a plain Java pass over the orders already in memory (primitive arrays in
 * table order): per-customer recency, count and sum, three NTILE(5) by sorting, and the same CASE. Only the pass is
 * timed, not fetching the orders.
 */
final class JavaPass {

    record Result(double fetchMillis, double passMillis, long orders, int customers, long champions) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "Plain Java pass over %,d orders in memory (aggregate + 3 x NTILE(5) + CASE): %.2f s"
                            + " (fetching them into arrays first, not timed: %.1f s); %,d customers, %,d Champions",
                    orders,
                    passMillis / 1000,
                    fetchMillis / 1000,
                    customers,
                    champions);
        }
    }

    private JavaPass() {}

    static Result measure(DataSource ds, LocalDate referenceDate, int expectedCustomers) throws SQLException {
        BenchmarkLog.line("plain Java pass: fetching the orders into arrays");
        long t0 = System.nanoTime();
        int capacity = 1 << 20;
        long[] customer = new long[capacity];
        int[] day = new int[capacity];
        long[] amount = new long[capacity];
        int n = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement("select customer_id, order_date - date '1970-01-01',"
                    + " (amount * 10000)::bigint from customer_order where order_date < ?")) {
                select.setFetchSize(50_000);
                select.setObject(1, referenceDate);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        if (n == customer.length) {
                            capacity = capacity * 2;
                            customer = Arrays.copyOf(customer, capacity);
                            day = Arrays.copyOf(day, capacity);
                            amount = Arrays.copyOf(amount, capacity);
                        }
                        customer[n] = rs.getLong(1);
                        day[n] = rs.getInt(2);
                        amount[n] = rs.getLong(3);
                        n++;
                    }
                }
            }
            c.rollback();
        }
        long t1 = System.nanoTime();
        BenchmarkLog.line(String.format("  fetched %,d orders in %.1f s; timing the pass", n, (t1 - t0) / 1e9));
        double best = Double.MAX_VALUE;
        long champions = 0;
        int customers = 0;
        for (int repeat = 0; repeat < 3; repeat++) {
            long s = System.nanoTime();
            long[] result = pass(customer, day, amount, n, (int) referenceDate.toEpochDay());
            best = Math.min(best, (System.nanoTime() - s) / 1e6);
            customers = (int) result[0];
            champions = result[1];
        }
        if (customers != expectedCustomers) {
            throw new IllegalStateException("Java pass found " + customers + " customers");
        }
        return new Result((t1 - t0) / 1e6, best, n, customers, champions);
    }

    /** Returns {customers, champions}. Customer ids are 1..N (dense), so they index the arrays directly. */
    static long[] pass(long[] customer, int[] day, long[] amount, int n, int referenceDay) {
        long maxId = 0;
        for (int i = 0; i < n; i++) maxId = Math.max(maxId, customer[i]);
        int size = (int) maxId + 1;
        int[] last = new int[size];
        Arrays.fill(last, Integer.MIN_VALUE);
        int[] count = new int[size];
        long[] sum = new long[size];
        for (int i = 0; i < n; i++) {
            int c = (int) customer[i];
            if (day[i] > last[c]) last[c] = day[i];
            count[c]++;
            sum[c] += amount[i];
        }
        int k = 0;
        for (int c = 0; c < size; c++) if (count[c] > 0) k++;
        long[] recency = new long[k];
        long[] frequency = new long[k];
        long[] monetary = new long[k];
        for (int c = 0, j = 0; c < size; c++) {
            if (count[c] > 0) {
                recency[j] = -(referenceDay - last[c]); // reversed: most recent scores 5
                frequency[j] = count[c];
                monetary[j] = sum[c];
                j++;
            }
        }
        byte[] r = ntile5(recency);
        byte[] f = ntile5(frequency);
        byte[] m = ntile5(monetary);
        long champions = 0;
        byte[] segment = new byte[k];
        for (int j = 0; j < k; j++) {
            segment[j] = (byte)
                    (r[j] >= 4 && f[j] >= 4 && m[j] >= 4
                            ? 0
                            : r[j] >= 3 && f[j] >= 3 ? 1 : r[j] >= 4 ? 2 : f[j] >= 3 ? 3 : r[j] >= 3 ? 4 : 5);
            if (segment[j] == 0) champions++;
        }
        return new long[] {k, champions};
    }

    /** NTILE(5) over ascending values, as PostgreSQL numbers its buckets (the first N mod 5 get one more row). */
    static byte[] ntile5(long[] values) {
        int k = values.length;
        long[] keys = new long[k];
        long min = Long.MAX_VALUE;
        for (long v : values) min = Math.min(min, v);
        for (int j = 0; j < k; j++) {
            long offset = Math.subtractExact(values[j], min);
            if (offset >= 1L << 39 || k > 1 << 24) throw new ArithmeticException("values too wide to pack");
            keys[j] = (offset << 24) | j;
        }
        Arrays.sort(keys);
        byte[] tile = new byte[k];
        int q = k / 5;
        int rest = k % 5;
        int big = (q + 1) * rest;
        for (int rank = 0; rank < k; rank++) {
            int j = (int) (keys[rank] & 0xFF_FFFF);
            tile[j] = (byte) (1 + (rank < big ? rank / (q + 1) : rest + (rank - big) / Math.max(1, q)));
        }
        return tile;
    }
}
