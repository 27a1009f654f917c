package dev.rfm.domain.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.domain.ingest.ImportResult;
import dev.rfm.domain.ingest.OrderImporter;
import dev.rfm.domain.source.DataSources;
import dev.rfm.domain.source.PullSchedule;
import dev.rfm.domain.source.SecretBox;
import dev.rfm.domain.source.SourceDefinition;
import dev.rfm.domain.source.SourcePull;
import dev.rfm.domain.testing.TestDatabase;
import dev.rfm.domain.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo shop as a data source: its opening orders are pulled, then only what it sold since, into H2 and
 * PostgreSQL; a data source's user can read the orders and nothing else (no writing, no server files).
 */
class DemoShopTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);
    private static final LocalDateTime OPENING = LocalDateTime.of(2026, 11, 30, 9, 0);
    private static final SecretBox SECRETS =
            SecretBox.ofBase64(Base64.getEncoder().encodeToString(new byte[32]));
    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    @TempDir
    Path dataDir;

    @AfterAll
    static void clean() {
        DATABASES.deleteImportedData();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pullsTheOpeningOrdersThenOnlyTheNewOnes(TestDatabase database) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        DemoShop shop = DemoShop.openOrCreate(dataDir, OPENING, random);
        assertThat(shop.orders()).isEqualTo(DemoShop.OPENING_ORDERS);
        DataSource db = DATABASES.get(database);
        DataSources sources = new DataSources(db, SECRETS, CLOCK);
        long id = sources.create(
                        new SourceDefinition(
                                "Demo shop " + database,
                                shop.url(),
                                DemoShop.READER,
                                DemoShop.QUERY,
                                DemoShop.WATERMARK,
                                new PullSchedule("every 5 minutes"),
                                0,
                                true),
                        DemoShop.READER_PASSWORD)
                .id();
        SourcePull pull = new SourcePull(sources, new OrderImporter(db, CLOCK), 60, ZoneId.of("UTC"));

        ImportResult first = pull.pullNow(id, "tester");
        assertThat(first.rowsImported()).isEqualTo(DemoShop.OPENING_ORDERS);
        assertThat(first.errors()).isEmpty();

        int sold = 0;
        for (int minute = 1; sold == 0; minute++) sold += shop.sell(OPENING.plusMinutes(minute), random);
        ImportResult second = pull.pullNow(id, "tester");
        // the orders at the last watermark are read again (ties) and counted as duplicates, never imported twice
        assertThat(second.rowsImported()).isEqualTo(sold);
        assertThat(TestDatabases.count(db, "select count(*) from customer_order where external_id like 'S%'"))
                .isEqualTo(DemoShop.OPENING_ORDERS + sold);
    }

    @Test
    void reopeningKeepsTheOrdersAndTheOwnerPassword() throws Exception {
        DemoShop shop = DemoShop.openOrCreate(dataDir, OPENING, new SplittableRandom(1));
        shop.sell(OPENING.plusMinutes(1), new SplittableRandom(2));
        long orders = shop.orders();
        assertThat(DemoShop.openOrCreate(dataDir, OPENING, new SplittableRandom(3))
                        .orders())
                .isEqualTo(orders);
    }

    @Test
    void aDataSourcesUserReadsOrdersAndNothingElse() throws Exception {
        DemoShop shop = DemoShop.openOrCreate(dataDir, OPENING, new SplittableRandom(1));
        try (Connection reader = DriverManager.getConnection(shop.url(), DemoShop.READER, DemoShop.READER_PASSWORD);
                Statement s = reader.createStatement()) {
            assertThat(s.executeQuery(DemoShop.QUERY).next()).isTrue();
            assertThatThrownBy(() -> s.executeUpdate("delete from shop_order")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeQuery("select file_read('" + dataDir.resolve("demo-shop.owner") + "')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Admin rights are required");
        }
        // the URL never creates a database: a mistyped path fails instead of making an empty one with a new owner
        assertThatThrownBy(() -> DriverManager.getConnection(
                        shop.url().replace("demo-shop", "other-shop"), DemoShop.READER, DemoShop.READER_PASSWORD))
                .isInstanceOf(SQLException.class);
    }
}
