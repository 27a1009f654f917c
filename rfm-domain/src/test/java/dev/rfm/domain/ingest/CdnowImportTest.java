package dev.rfm.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rfm.domain.testing.TestDatabase;
import dev.rfm.domain.testing.TestDatabases;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real CDNOW master log ({@code ../shared/data/cdnow/cdnow_orders.csv}: 69,659 transactions of the
 * 23,570 customers of the cohort, one row per source line, each with its own order id).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowImportTest {

    private final TestDatabase.PerClass databases = new TestDatabase.PerClass();
    private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void clean() {
        databases.deleteImportedData();
    }

    static Path cdnowOrders() {
        String shared = System.getProperty("rfm.shared.dir");
        assumeTrue(shared != null, "system property rfm.shared.dir not set");
        Path file = Path.of(shared, "data", "cdnow", "cdnow_orders.csv");
        assumeTrue(Files.isReadable(file), "CDNOW data not found at " + file);
        return file;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void importsTheWholeCohortOnceAndNothingOnTheSecondRun(TestDatabase database) throws Exception {
        Path file = cdnowOrders();
        DataSource db = databases.get(database);
        OrderImporter importer = new OrderImporter(db, clock);

        ImportResult first;
        try (InputStream in = Files.newInputStream(file)) {
            first = importer.importCsv(in, Files.size(file), "cdnow_orders.csv", "test", ImportProgress.none());
        }

        // 69,660 lines = header + 69,659 transactions, every one with its own order id
        assertThat(first.rowsRead()).isEqualTo(69_659);
        assertThat(first.rowsImported()).isEqualTo(69_659);
        assertThat(first.rowsRejected()).isZero();
        assertThat(first.rowsDuplicate()).isZero();
        assertThat(first.ordersCreated()).isEqualTo(69_659);
        assertThat(first.customersCreated()).isEqualTo(23_570);
        assertThat(TestDatabases.count(db, "select count(*) from customer")).isEqualTo(23_570);
        assertThat(TestDatabases.count(db, "select count(*) from customer_order"))
                .isEqualTo(69_659);
        // every customer of the cohort made the first purchase in Q1 1997
        assertThat(
                        TestDatabases.count(
                                db,
                                "select count(*) from customer where first_seen between date '1997-01-01' and date '1997-03-31'"))
                .isEqualTo(23_570);
        // customer 2's two transactions of 1997-01-12 (source lines 2 and 3): 1 x 12.00 and 5 x 77.00
        assertThat(decimal(
                        db,
                        "select sum(o.amount) from customer_order o join customer c on c.id = o.customer_id"
                                + " where c.external_id = '2'"))
                .isEqualByComparingTo("89.00");

        ImportResult second;
        try (InputStream in = Files.newInputStream(file)) {
            second = importer.importCsv(in, "cdnow_orders.csv", "test", ImportProgress.none());
        }
        assertThat(second.rowsRead()).isEqualTo(69_659);
        assertThat(second.rowsDuplicate()).isEqualTo(69_659);
        assertThat(second.rowsImported()).isZero();
        assertThat(second.ordersCreated()).isZero();
        assertThat(second.customersCreated()).isZero();
        assertThat(TestDatabases.count(db, "select count(*) from customer_order"))
                .isEqualTo(69_659);
    }

    private static BigDecimal decimal(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }
}
