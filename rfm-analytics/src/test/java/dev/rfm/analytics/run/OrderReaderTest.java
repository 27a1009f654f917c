package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.domain.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order reader builds, on each database, exactly the histories that the histories builder builds from the same
 * orders sorted in memory: the reference here is {@link CustomerHistories.Builder} itself, fed by a plain Java sort.
 * The orders are drawn to hit the edges of reading: refunds, free orders, several orders on one day, amounts with 0 to
 * 4 decimals and up to 10 integer digits, dates before 1970 (negative epoch days) and on or after the reference date.
 */
class OrderReaderTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();
    private static final LocalDate REFERENCE = LocalDate.of(2025, 1, 1);

    record Order(long customerId, LocalDate date, BigDecimal amount) {}

    @AfterEach
    void clean() {
        DATABASES.deleteImportedData();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void readsTheHistoriesTheBuilderMakesOfTheSameOrdersSortedInMemory(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        List<Order> orders = orders(11, 400);
        store(ds, orders);
        for (LocalDate windowStart : new LocalDate[] {null, LocalDate.of(2024, 1, 1)}) {
            long[] lastProgress = {-1, -1};
            CustomerHistories read = new OrderReader(ds).read(REFERENCE, windowStart, (rows, total) -> {
                lastProgress[0] = rows;
                lastProgress[1] = total;
            });
            CustomerHistories expected = inMemory(orders, windowStart);
            assertSame(read, expected);
            long counted =
                    orders.stream().filter(o -> o.date().isBefore(REFERENCE)).count();
            assertThat(lastProgress).containsExactly(counted, counted);
        }
    }

    @Test
    void copyRowsParseExactlyAsTheDecimalConversionDoes() {
        var row = new OrderReader.CopyRow();
        for (String amount :
                new String[] {"0.0000", "-12.3400", "5", "5.1", "-0.0001", "99999999999999.9999", "7.123400", "-3."}) {
            row.reset(("42\t-1\t" + amount + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(row.integer()).isEqualTo(42);
            assertThat(row.integer()).isEqualTo(-1); // 1969-12-31
            assertThat(row.tenThousandths()).as(amount).isEqualTo(OrderReader.tenThousandths(new BigDecimal(amount)));
        }
        row.reset("1\t2\t0.00001\n".getBytes(StandardCharsets.US_ASCII));
        row.integer();
        row.integer();
        assertThatThrownBy(row::tenThousandths).isInstanceOf(ArithmeticException.class);
        row.reset("\\N\t2\t1.0\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(row::integer).hasMessageContaining("not a number in the order rows: \\N");
    }

    /** Customers 1..n with 0 to 30 orders each, some of them only after the reference date. */
    static List<Order> orders(long seed, int customers) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Order> orders = new ArrayList<>();
        LocalDate first = LocalDate.of(1968, 6, 1);
        int span = (int) (REFERENCE.plusDays(40).toEpochDay() - first.toEpochDay());
        for (long c = 1; c <= customers; c++) {
            int n = random.nextInt(31);
            LocalDate previous = null;
            for (int k = 0; k < n; k++) {
                LocalDate date = previous != null && random.nextInt(5) == 0
                        ? previous // another order on the same day
                        : first.plusDays(random.nextInt(span));
                previous = date;
                orders.add(new Order(c, date, amount(random)));
            }
        }
        return orders;
    }

    private static BigDecimal amount(SplittableRandom random) {
        int kind = random.nextInt(10);
        int scale = random.nextInt(5);
        long unscaled =
                switch (kind) {
                    case 0 -> 0; // free goods
                    case 1 -> -random.nextLong(1, 5_000_000); // refund
                    case 2 -> random.nextLong(1, 99_999_999_999_999L); // 10 integer digits at scale 4
                    default -> random.nextLong(1, 50_000_000);
                };
        return BigDecimal.valueOf(unscaled, kind == 2 ? 4 : scale);
    }

    private static void store(DataSource ds, List<Order> orders) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long customers = orders.stream().mapToLong(Order::customerId).max().orElse(0);
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into customer (id, external_id, first_seen, created_at) values (?, ?, ?, ?)")) {
                for (long id = 1; id <= customers; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "C" + id);
                    insert.setObject(3, LocalDate.of(1968, 6, 1));
                    insert.setObject(4, LocalDate.of(1968, 6, 1).atStartOfDay());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into customer_order"
                    + " (external_id, customer_id, order_date, ordered_at, amount) values (?, ?, ?, ?, ?)")) {
                int i = 0;
                for (Order o : orders) {
                    insert.setString(1, "O" + i++);
                    insert.setLong(2, o.customerId());
                    insert.setObject(3, o.date());
                    insert.setObject(4, o.date().atTime(12, 0));
                    insert.setBigDecimal(5, o.amount());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    private static CustomerHistories inMemory(List<Order> orders, LocalDate windowStart) {
        CustomerHistories.Builder builder = CustomerHistories.builder(REFERENCE, windowStart);
        orders.stream()
                .filter(o -> o.date().isBefore(REFERENCE))
                .sorted(Comparator.comparingLong(Order::customerId).thenComparing(Order::date))
                .forEach(o -> builder.add(
                        o.customerId(),
                        (int) o.date().toEpochDay(),
                        o.amount().movePointRight(4).longValueExact()));
        return builder.build();
    }

    private static void assertSame(CustomerHistories read, CustomerHistories expected) {
        assertThat(read.size()).isEqualTo(expected.size());
        assertThat(read.windowStart()).isEqualTo(expected.windowStart());
        for (int i = 0; i < expected.size(); i++) {
            String customer = "customer " + expected.customerId(i);
            assertThat(read.customerId(i)).as(customer).isEqualTo(expected.customerId(i));
            assertThat(read.hasPurchase(i)).as(customer).isEqualTo(expected.hasPurchase(i));
            assertThat(read.firstPurchaseDay(i)).as(customer).isEqualTo(expected.firstPurchaseDay(i));
            assertThat(read.lastPurchaseDay(i)).as(customer).isEqualTo(expected.lastPurchaseDay(i));
            assertThat(read.frequency(i)).as(customer).isEqualTo(expected.frequency(i));
            assertThat(read.windowNetTenThousandths(i)).as(customer).isEqualTo(expected.windowNetTenThousandths(i));
            assertThat(read.historicalNetTenThousandths(i))
                    .as(customer)
                    .isEqualTo(expected.historicalNetTenThousandths(i));
            assertThat(read.repeatTransactions(i)).as(customer).isEqualTo(expected.repeatTransactions(i));
            assertThat(read.repeatNetTenThousandths(i)).as(customer).isEqualTo(expected.repeatNetTenThousandths(i));
        }
    }
}
