package dev.rfm.domain.ingest;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Runs imports against one test database and reads back what they stored. */
final class ImportDatabase {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

    /** A stored order with its customer's external id. */
    record StoredOrder(
            String orderId,
            String customerId,
            LocalDate orderDate,
            LocalDateTime orderedAt,
            BigDecimal amount,
            Integer quantity,
            String channel) {}

    /** A stored customer. */
    record StoredCustomer(String customerId, String name, String email, LocalDate firstSeen) {}

    /** A row of {@code data_import}. */
    record StoredImport(long id, String status, long rowsRead, String errorCode, String errorMessage) {}

    private final DataSource db;

    ImportDatabase(DataSource db) {
        this.db = db;
    }

    OrderImporter importer() {
        return new OrderImporter(db, CLOCK);
    }

    ImportResult importText(String csv) throws ImportFailedException {
        return importBytes(csv.getBytes(StandardCharsets.UTF_8));
    }

    ImportResult importBytes(byte[] bytes) throws ImportFailedException {
        return importer()
                .importCsv(new ByteArrayInputStream(bytes), bytes.length, "test.csv", "tester", ImportProgress.none());
    }

    List<StoredOrder> orders() throws SQLException {
        List<StoredOrder> orders = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select o.external_id, c.external_id, o.order_date, o.ordered_at,"
                        + " o.amount, o.quantity, o.channel from customer_order o join customer c on c.id = o.customer_id"
                        + " order by o.external_id")) {
            while (rs.next()) {
                orders.add(new StoredOrder(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDateTime.class),
                        plain(rs.getBigDecimal(5)),
                        rs.getObject(6, Integer.class),
                        rs.getString(7)));
            }
        }
        return orders;
    }

    /** Without trailing zeros, so that 10.0000 compares equal to {@code new BigDecimal("10")}. */
    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    List<StoredCustomer> customers() throws SQLException {
        List<StoredCustomer> customers = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select external_id, name, email, first_seen from customer order by external_id")) {
            while (rs.next()) {
                customers.add(new StoredCustomer(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class)));
            }
        }
        return customers;
    }

    List<StoredImport> imports() throws SQLException {
        List<StoredImport> imports = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select id, status, rows_read, error_code, error_message from data_import order by id")) {
            while (rs.next()) {
                imports.add(new StoredImport(
                        rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
            }
        }
        return imports;
    }

    long count(String table) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every work table is empty: the import left nothing behind. */
    long workTableRows() throws SQLException {
        return count("import_staging_line") + count("import_staging_order") + count("import_staging_customer");
    }
}
