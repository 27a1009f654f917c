package dev.rfm.domain.source;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shop's own database, the source system of the tests: a real PostgreSQL of its own (not the product's), with
 * customers and orders that carry {@code updated_at}. Orders have a {@code divisor} of 1 that a test sets to 0 to make
 * the source fail at that row (the query divides by it).
 */
final class ShopDatabase implements AutoCloseable {

    /** The shop's query of the import columns, as an ADMIN would write it. */
    static final String QUERY = "select 'C' || c.id as customer_id, 'O' || o.id as order_id, o.placed_at as order_date,"
            + " o.total + 0 * (1 / o.divisor) as amount, c.name as customer_name, c.email as customer_email,"
            + " o.updated_at from shop_order o join shop_customer c on c.id = o.customer_id";

    private static final AtomicInteger SHOPS = new AtomicInteger();

    private final EmbeddedPostgres server;
    private String url;

    ShopDatabase() {
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the shop's PostgreSQL", e);
        }
    }

    /** A new, empty shop database; its JDBC URL is {@link #url()}. */
    void fresh() throws SQLException {
        String name = "shop_" + SHOPS.incrementAndGet();
        try (Connection admin = server.getPostgresDatabase().getConnection()) {
            execute(admin, "create database " + name);
        }
        url = server.getJdbcUrl("postgres", name);
        try (Connection c = connection()) {
            execute(c, "create table shop_customer (id int primary key, name text, email text)");
            execute(
                    c,
                    "create table shop_order (id int primary key, customer_id int not null references shop_customer,"
                            + " placed_at timestamp not null, total numeric(12, 2) not null,"
                            + " divisor int not null default 1, updated_at timestamp not null)");
            execute(c, "create index shop_order_updated on shop_order (updated_at)");
        }
    }

    String url() {
        return url;
    }

    Connection connection() throws SQLException {
        return java.sql.DriverManager.getConnection(url, "postgres", "postgres");
    }

    void customer(int id, String name) throws SQLException {
        try (Connection c = connection();
                PreparedStatement insert = c.prepareStatement("insert into shop_customer values (?, ?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, name);
            insert.setString(3, name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@shop.test");
            insert.executeUpdate();
        }
    }

    void order(int id, int customer, LocalDateTime placedAt, String total, LocalDateTime updatedAt)
            throws SQLException {
        try (Connection c = connection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into shop_order (id, customer_id, placed_at, total, updated_at) values (?, ?, ?, ?, ?)")) {
            insert.setInt(1, id);
            insert.setInt(2, customer);
            insert.setObject(3, placedAt);
            insert.setBigDecimal(4, new java.math.BigDecimal(total));
            insert.setObject(5, updatedAt);
            insert.executeUpdate();
        }
    }

    /** Orders {@code from..to} of customers 1 to 7, placed an hour apart from {@code first}, updated a minute later. */
    void manyOrders(int from, int to, LocalDateTime first) throws SQLException {
        try (Connection c = connection()) {
            execute(
                    c,
                    "insert into shop_order (id, customer_id, placed_at, total, updated_at) select n, 1 + n % 7,"
                            + " timestamp '" + first + "' + n * interval '1 hour', 10 + n % 90,"
                            + " timestamp '" + first + "' + n * interval '1 hour' + interval '1 minute'"
                            + " from generate_series(" + from + ", " + to + ") n");
            // statistics as a live shop has them: rows in updated_at order, so the source streams them by its index
            // instead of sorting all first, and a failure at a row comes when that row is fetched
            execute(c, "analyze shop_order");
            execute(c, "analyze shop_customer");
        }
    }

    void update(String sql) throws SQLException {
        try (Connection c = connection()) {
            execute(c, sql);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
