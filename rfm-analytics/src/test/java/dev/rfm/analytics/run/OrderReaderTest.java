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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

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
    void binaryCopyRowsDecodeExactlyAsTheDecimalConversionDoes() throws SQLException {
        String[] amounts = {
            "0",
            "0.0000",
            "-12.3400",
            "5",
            "5.1",
            "-0.0001",
            "99999999999999.9999",
            "-99999999999999.9999",
            "7.1234",
            "10000",
            "100000000",
            "0.5",
            "123456789.0001",
            "-3"
        };
        byte[] data = copyBinary("select 42::int8, -1, x from unnest(array['" + String.join("','", amounts)
                + "']::numeric[]) with ordinality as a(x, i) order by i");
        for (int chunk : new int[] {data.length, 1, 7}) { // PostgreSQL's messages, or any other split
            var rows = new OrderReader.BinaryRows(chunks(data, chunk));
            for (String amount : amounts) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.int8()).isEqualTo(42);
                assertThat(rows.int4()).isEqualTo(-1); // 1969-12-31
                assertThat(rows.numericTenThousandths())
                        .as(amount)
                        .isEqualTo(OrderReader.tenThousandths(new BigDecimal(amount).setScale(4)));
            }
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void binaryCopyRowsRefuseWhatTheyCannotRepresentExactly() throws SQLException {
        var fifthDecimal = new OrderReader.BinaryRows(chunks(copyBinary("select 1::int8, 2, 0.00001::numeric"), 5));
        assertThat(fifthDecimal.next()).isTrue();
        fifthDecimal.int8();
        fifthDecimal.int4();
        assertThatThrownBy(fifthDecimal::numericTenThousandths).isInstanceOf(ArithmeticException.class);
        var tooLarge = new OrderReader.BinaryRows(chunks(copyBinary("select 1::int8, 2, 1e15::numeric"), 64));
        tooLarge.next();
        tooLarge.int8();
        tooLarge.int4();
        assertThatThrownBy(tooLarge::numericTenThousandths).isInstanceOf(ArithmeticException.class);
        var missing = new OrderReader.BinaryRows(chunks(copyBinary("select null::int8, 2, 1::numeric"), 64));
        missing.next();
        assertThatThrownBy(missing::int8).hasMessageContaining("a NULL in the order rows");
        var twoFields = new OrderReader.BinaryRows(chunks(copyBinary("select 1::int8, 2"), 64));
        assertThatThrownBy(twoFields::next).hasMessageContaining("a row has 2 fields, expected 3");
        byte[] whole = copyBinary("select 1::int8, 2, 3::numeric");
        var cut = new OrderReader.BinaryRows(chunks(Arrays.copyOf(whole, whole.length - 6), 64));
        assertThatThrownBy(() -> {
                    cut.next();
                    cut.int8();
                    cut.int4();
                    cut.numericTenThousandths();
                })
                .hasMessageContaining("cut off");
        var text = new OrderReader.BinaryRows(chunks("1\t2\t3\n".getBytes(StandardCharsets.US_ASCII), 64));
        assertThatThrownBy(text::next).hasMessageContaining("no header");
    }

    /**
     * Reading the last row finishes the COPY: a COPY still active afterwards had to be cancelled although the server
     * had finished it, which in a container's connection pool broke every run on PostgreSQL.
     */
    @Test
    void theCopyIsCompleteOnceTheLastRowIsReadAndTheTransactionGoesOn() throws SQLException {
        try (Connection c = DATABASES.get(TestDatabase.POSTGRESQL).getConnection()) {
            c.setAutoCommit(false);
            CopyOut copy = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyOut("copy (select g::int8, g, g::numeric from generate_series(1, 1000) g)"
                            + " to stdout (format binary)");
            var rows = new OrderReader.BinaryRows(copy::readFromCopy);
            int read = 0;
            while (rows.next()) {
                rows.int8();
                rows.int4();
                rows.numericTenThousandths();
                read++;
            }
            assertThat(read).isEqualTo(1000);
            assertThat(copy.isActive())
                    .as("COPY still active after its trailer")
                    .isFalse();
            try (var select = c.createStatement();
                    var rs = select.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
            c.commit();
        }
    }

    /** A failing clean-up (the rollback after a failed read) is added to the failure, never put in its place. */
    @Test
    void aFailureOfTheCleanUpNeverHidesTheFailureOfTheRead() {
        DataSource h2 = DATABASES.get(TestDatabase.H2);
        DataSource failing = (DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (ds, method, args) -> {
                    if (!method.getName().equals("getConnection")) return method.invoke(h2, args);
                    Connection real = h2.getConnection();
                    return java.lang.reflect.Proxy.newProxyInstance(
                            getClass().getClassLoader(), new Class<?>[] {Connection.class}, (c, m, a) -> {
                                switch (m.getName()) {
                                    case "prepareStatement" -> throw new SQLException("the read failed");
                                    case "rollback" -> throw new SQLException("the rollback failed too");
                                    default -> {
                                        try {
                                            return m.invoke(real, a);
                                        } catch (java.lang.reflect.InvocationTargetException e) {
                                            throw e.getCause();
                                        }
                                    }
                                }
                            });
                });
        assertThatThrownBy(() -> new OrderReader(failing).read(REFERENCE, null, (rows, total) -> {}))
                .hasMessage("the read failed")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .extracting(Throwable::getMessage)
                        .containsExactly("the rollback failed too"));
    }

    @Test
    void dataAfterTheTrailerIsRefused() throws SQLException {
        byte[] whole = copyBinary("select 1::int8, 2, 3::numeric");
        byte[] extended = Arrays.copyOf(whole, whole.length + 2);
        var rows = new OrderReader.BinaryRows(chunks(extended, 64));
        assertThat(rows.next()).isTrue();
        rows.int8();
        rows.int4();
        rows.numericTenThousandths();
        assertThatThrownBy(rows::next).hasMessageContaining("data after the trailer");
    }

    @Test
    void customerOrdersReachTheBuilderInDateOrderWhateverOrderTheyCameIn() {
        List<Order> orders = orders(5, 300);
        CustomerHistories.Builder builder = CustomerHistories.builder(REFERENCE, null);
        var customer = new OrderReader.CustomerOrders(builder);
        SplittableRandom random = new SplittableRandom(3);
        List<Order> shuffled = new ArrayList<>(orders);
        for (int i = shuffled.size() - 1; i > 0; i--) java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
        shuffled.sort(Comparator.comparingLong(Order::customerId)); // grouped by customer, days in any order
        for (Order o : shuffled) {
            customer.add(
                    o.customerId(),
                    (int) o.date().toEpochDay(),
                    o.amount().movePointRight(4).longValueExact());
        }
        customer.flush();
        assertSame(builder.build(), inMemory(orders, null));
    }

    private static byte[] copyBinary(String query) throws SQLException {
        try (Connection c = DATABASES.get(TestDatabase.POSTGRESQL).getConnection()) {
            CopyOut copy =
                    c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + query + ") to stdout (format binary)");
            var bytes = new java.io.ByteArrayOutputStream();
            for (byte[] message; (message = copy.readFromCopy()) != null; ) bytes.writeBytes(message);
            return bytes.toByteArray();
        }
    }

    /** The bytes as messages of at most {@code size} bytes. */
    private static OrderReader.CopyMessages chunks(byte[] data, int size) {
        int[] at = {0};
        return () -> {
            if (at[0] >= data.length) return null;
            byte[] chunk = Arrays.copyOfRange(data, at[0], Math.min(data.length, at[0] + size));
            at[0] += chunk.length;
            return chunk;
        };
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

    static void store(DataSource ds, List<Order> orders) throws SQLException {
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
