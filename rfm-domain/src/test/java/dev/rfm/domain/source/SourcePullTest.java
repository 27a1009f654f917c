package dev.rfm.domain.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rfm.domain.ingest.ImportFailedException;
import dev.rfm.domain.ingest.ImportRecord;
import dev.rfm.domain.ingest.ImportRecords;
import dev.rfm.domain.ingest.ImportResult;
import dev.rfm.domain.ingest.OrderImporter;
import dev.rfm.domain.testing.TestDatabase;
import dev.rfm.domain.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pulls from a real shop database (a PostgreSQL of its own) into the product database, H2 and PostgreSQL: all rows
 * first, then only new ones; a failure in the middle of a pull keeps the watermark and loses nothing; late rows are
 * read again, never twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourcePullTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 3, 1, 9, 0);
    private static final SecretBox SECRETS =
            SecretBox.ofBase64(Base64.getEncoder().encodeToString(new byte[32]));

    private final TestDatabase.PerClass databases = new TestDatabase.PerClass();
    private final ShopDatabase shop = new ShopDatabase();

    @AfterEach
    void clean() throws SQLException {
        databases.deleteImportedData();
        for (TestDatabase database : TestDatabase.values()) {
            if (databases.started(database)) {
                try (Connection c = databases.get(database).getConnection();
                        Statement s = c.createStatement()) {
                    s.executeUpdate("delete from data_source");
                }
            }
        }
    }

    @AfterAll
    void stopShop() throws Exception {
        shop.close();
    }

    /** The product side of one test: its database, the stored source and a pull. */
    private record Product(DataSource db, DataSources sources, SourcePull puller, long sourceId) {

        ImportResult pull() throws Exception {
            return puller.pullNow(sourceId, "tester");
        }

        Watermark watermark() throws SQLException {
            return sources.find(sourceId).orElseThrow().watermark();
        }

        long orders() {
            return TestDatabases.count(db, "select count(*) from customer_order");
        }

        long distinctOrders() {
            return TestDatabases.count(db, "select count(distinct external_id) from customer_order");
        }

        void query(String query) throws SQLException {
            SourceDefinition d = sources.find(sourceId).orElseThrow().definition();
            sources.update(
                    sourceId,
                    new SourceDefinition(
                            d.name(),
                            d.jdbcUrl(),
                            d.user(),
                            query,
                            d.watermarkColumn(),
                            d.schedule(),
                            d.overlapMinutes(),
                            d.enabled()),
                    null);
        }
    }

    private Product product(TestDatabase database, int overlapMinutes) throws Exception {
        shop.fresh();
        DataSource db = databases.get(database);
        DataSources sources = new DataSources(db, SECRETS, CLOCK);
        SourcePull pull = new SourcePull(sources, new OrderImporter(db, CLOCK), 60, ZoneId.of("UTC"));
        StoredSource stored = sources.create(
                new SourceDefinition(
                        "shop",
                        shop.url(),
                        "postgres",
                        ShopDatabase.QUERY,
                        "updated_at",
                        new PullSchedule("every 15 minutes"),
                        overlapMinutes,
                        true),
                "postgres");
        return new Product(db, sources, pull, stored.id());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theFirstPullImportsEveryRowAndTheNextOnlyNewOnes(TestDatabase database) throws Exception {
        Product product = product(database, 5);
        shop.customer(1, "Ada Lovelace");
        shop.customer(2, "Li Wei");
        shop.order(1, 1, T0, "10.50", T0.plusMinutes(1));
        shop.order(2, 2, T0.plusHours(1), "20.00", T0.plusHours(1).plusMinutes(1));
        shop.order(3, 1, T0.plusHours(2), "-5.25", T0.plusHours(2).plusMinutes(1));

        ImportResult first = product.pull();

        assertThat(first.rowsRead()).isEqualTo(3);
        assertThat(first.rowsImported()).isEqualTo(3);
        assertThat(first.customersCreated()).isEqualTo(2);
        assertThat(first.errors()).isEmpty();
        assertThat(first.warnings()).isEmpty();
        assertThat(product.watermark()).isEqualTo(new Watermark(Watermark.Kind.TIMESTAMP, "2024-03-01T11:01"));
        assertThat(TestDatabases.count(
                        product.db(),
                        "select count(*) from customer_order where external_id = 'O3'"
                                + " and amount = -5.25 and ordered_at = timestamp '2024-03-01 11:00:00'"))
                .isEqualTo(1);

        // between pulls: one new order, and order 2 changed in the shop (amount and updated_at)
        shop.order(4, 2, T0.plusHours(5), "7.00", T0.plusHours(5).plusMinutes(1));
        shop.update("update shop_order set total = 99, updated_at = timestamp '2024-03-01 14:30' where id = 2");

        ImportResult second = product.pull();

        // read: order 3 again (inside the 5 minute overlap), order 2 (updated) and the new order 4
        assertThat(second.rowsRead()).isEqualTo(3);
        assertThat(second.rowsImported()).isEqualTo(1);
        assertThat(second.rowsDuplicate()).isEqualTo(2);
        assertThat(product.orders()).isEqualTo(4);
        assertThat(product.distinctOrders()).isEqualTo(4);
        // an order once stored stays as it was: the import skips order ids it has
        assertThat(TestDatabases.count(product.db(), "select count(*) from customer_order where amount = 20"))
                .isEqualTo(1);
        assertThat(product.watermark().value()).isEqualTo("2024-03-01T14:30");

        ImportResult third = product.pull();
        assertThat(third.rowsImported()).isZero();
        assertThat(product.orders()).isEqualTo(4);

        List<ImportRecord> history = new ImportRecords(product.db()).recent(10);
        assertThat(history).hasSize(3).allSatisfy(r -> {
            assertThat(r.fileName()).isEqualTo("source: shop");
            assertThat(r.status()).isEqualTo("SUCCEEDED");
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aPullThatFailsAfterThousandsOfRowsKeepsTheWatermarkAndTheNextOneCompletes(TestDatabase database)
            throws Exception {
        Product product = product(database, 0);
        for (int c = 1; c <= 7; c++) {
            shop.customer(c, "Customer " + c);
        }
        shop.manyOrders(1, 1_000, T0);
        product.pull();
        Watermark afterFirst = product.watermark();
        assertThat(product.orders()).isEqualTo(1_000);

        shop.manyOrders(1_001, 3_500, T0);
        shop.update("update shop_order set divisor = 0 where id = 3200"); // the source fails at this row

        ImportFailedException failure = catchThrowableOfType(ImportFailedException.class, product::pull);

        assertThat(failure.code()).isEqualTo(ImportFailedException.Code.SOURCE_ERROR);
        // the importer had staged 2,000 rows when the source broke: they were rolled back with the rest
        assertThat(failure.getMessage()).startsWith("The source shop failed after 2000 rows: ");
        assertThat(product.orders()).isEqualTo(1_000);
        assertThat(product.watermark()).isEqualTo(afterFirst);
        ImportRecord failed = new ImportRecords(product.db())
                .find(failure.importId().getAsLong())
                .orElseThrow();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.errorCode()).isEqualTo("SOURCE_ERROR");

        shop.update("update shop_order set divisor = 1 where id = 3200");
        ImportResult retry = product.pull();

        assertThat(retry.rowsImported()).isEqualTo(2_500);
        assertThat(retry.rowsDuplicate()).isEqualTo(1); // the tie at the watermark: order 1000 read again
        assertThat(product.orders()).isEqualTo(3_500);
        assertThat(product.distinctOrders()).isEqualTo(3_500);
        assertThat(product.watermark().value())
                .isEqualTo(T0.plusHours(3_500).plusMinutes(1).toString());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSourceConnectionKilledMidwayLosesNothing(TestDatabase database) throws Exception {
        Product product = product(database, 0);
        for (int c = 1; c <= 7; c++) {
            shop.customer(c, "Customer " + c);
        }
        shop.manyOrders(1, 2_500, T0);
        // the source's server ends the pull's session when it reaches order 2200, as a restart or a network cut would
        // (declared immutable so that PostgreSQL still streams the rows by the index instead of sorting them first)
        shop.update("create function cut_at(n int) returns int language plpgsql immutable as $$ begin if n = 2200 then"
                + " perform pg_terminate_backend(pg_backend_pid()); end if; return 0; end $$");
        product.query(ShopDatabase.QUERY.replace("0 * (1 / o.divisor)", "cut_at(o.id)"));

        ImportFailedException failure = catchThrowableOfType(ImportFailedException.class, product::pull);

        assertThat(failure.code()).isEqualTo(ImportFailedException.Code.SOURCE_ERROR);
        assertThat(failure.getMessage()).startsWith("The source shop failed after 2000 rows: ");
        assertThat(product.orders()).isZero();
        assertThat(product.watermark()).isNull();

        product.query(ShopDatabase.QUERY);
        ImportResult retry = product.pull();

        assertThat(retry.rowsImported()).isEqualTo(2_500);
        assertThat(product.distinctOrders()).isEqualTo(2_500);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void whenTheProductDatabaseFailsAtTheWatermarkNeitherOrdersNorWatermarkAreCommitted(TestDatabase database)
            throws Exception {
        Product product = product(database, 0);
        shop.customer(1, "Ada Lovelace");
        shop.order(1, 1, T0, "10", T0);
        shop.order(2, 1, T0, "20", T0.plusMinutes(1));
        String catalog;
        try (Connection c = product.db().getConnection()) {
            catalog = c.getCatalog();
        }
        if (database == TestDatabase.POSTGRESQL) {
            // H2 gives up waiting for a lock after a second or two by default; PostgreSQL would wait for ever
            execute(product.db(), "alter database " + catalog + " set lock_timeout = '2s'");
        }
        try (Connection holder = product.db().getConnection()) {
            // someone holds the source's row (an ADMIN's change that is slow to commit): storing the watermark
            // fails after the orders were merged, just before the commit
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("select id from data_source where id = " + product.sourceId() + " for update")
                        .close();
            }

            ImportFailedException failure = catchThrowableOfType(ImportFailedException.class, product::pull);

            assertThat(failure.code()).isEqualTo(ImportFailedException.Code.DATABASE_ERROR);
            holder.rollback();
        } finally {
            if (database == TestDatabase.POSTGRESQL) {
                execute(product.db(), "alter database " + catalog + " reset lock_timeout");
            }
        }
        assertThat(product.orders()).isZero();
        assertThat(product.watermark()).isNull();

        ImportResult retry = product.pull();

        assertThat(retry.rowsImported()).isEqualTo(2);
        assertThat(product.watermark().value()).isEqualTo(T0.plusMinutes(1).toString());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachScheduledMinuteOfASourceIsClaimedByOneServer(TestDatabase database) throws Exception {
        Product product = product(database, 0);
        LocalDateTime minute = LocalDateTime.of(2024, 3, 1, 9, 15);

        assertThat(product.sources().claimScheduledPull(product.sourceId(), minute, "server-a"))
                .isTrue();
        assertThat(product.sources().claimScheduledPull(product.sourceId(), minute, "server-b"))
                .isFalse();
        assertThat(product.sources().claimScheduledPull(product.sourceId(), minute.plusMinutes(15), "server-b"))
                .isTrue();
        assertThat(product.sources().claimScheduledPull(product.sourceId() + 1, minute, "server-b"))
                .isTrue();
        execute(product.db(), "delete from schedule_slot");
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void lateRowsAtTheWatermarkOrInsideTheOverlapAreNotMissed(TestDatabase database) throws Exception {
        Product product = product(database, 5);
        shop.customer(1, "Ada Lovelace");
        LocalDateTime last = T0.plusHours(2);
        shop.order(1, 1, T0, "10", T0);
        shop.order(2, 1, T0.plusHours(1), "11", last);
        product.pull();
        assertThat(product.watermark().value()).isEqualTo(last.toString());

        // committed after the pull with the very same updated_at (a tie), and one 4 minutes older (a slow transaction)
        shop.order(3, 1, T0.plusHours(1), "12", last);
        shop.order(4, 1, T0.plusHours(1), "13", last.minusMinutes(4));
        // older than the overlap: a pull cannot know of it (decision 0016: choose the overlap to cover late commits)
        shop.order(5, 1, T0.plusHours(1), "14", last.minusMinutes(6));

        ImportResult next = product.pull();

        assertThat(next.rowsImported()).isEqualTo(2);
        assertThat(next.rowsDuplicate()).isEqualTo(1);
        assertThat(TestDatabases.count(
                        product.db(),
                        "select count(*) from customer_order where external_id in" + " ('O1', 'O2', 'O3', 'O4')"))
                .isEqualTo(4);
        assertThat(product.orders()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void watermarksWithATimeZoneDatesAndNumbersWork(TestDatabase database) throws Exception {
        Product product = product(database, 5);
        shop.customer(1, "Ada Lovelace");
        shop.order(1, 1, T0, "10", T0);
        shop.order(2, 1, T0, "20", T0.plusDays(1));
        shop.update("alter table shop_order add column changed_at timestamptz, add column changed_on date,"
                + " add column change_no bigint");
        shop.update("update shop_order set changed_at = updated_at at time zone 'Asia/Shanghai',"
                + " changed_on = updated_at::date, change_no = id * 10");
        List<String> expected = List.of("2024-03-02T01:00Z", "2024-03-02", "20");
        List<String> columns = List.of("changed_at", "changed_on", "change_no");
        for (int i = 0; i < columns.size(); i++) {
            SourceDefinition d =
                    product.sources().find(product.sourceId()).orElseThrow().definition();
            product.sources()
                    .update(
                            product.sourceId(),
                            new SourceDefinition(
                                    d.name(),
                                    d.jdbcUrl(),
                                    d.user(),
                                    ShopDatabase.QUERY.replace("o.updated_at", "o." + columns.get(i)),
                                    columns.get(i),
                                    d.schedule(),
                                    d.overlapMinutes(),
                                    d.enabled()),
                            null);
            assertThat(product.watermark())
                    .as("a new watermark column starts afresh")
                    .isNull();

            ImportResult pulled = product.pull();

            assertThat(pulled.rowsRead()).isEqualTo(2);
            assertThat(product.watermark().value()).isEqualTo(expected.get(i));
            ImportResult again = product.pull();
            // the tie is read again; the day before is inside a date watermark's whole-day overlap
            assertThat(again.rowsRead()).isEqualTo(i == 1 ? 2 : 1);
            assertThat(again.rowsImported()).isZero();
        }
        assertThat(product.orders()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void badRowsAreRejectedWithTheirRowNumberAndTheGoodOnesImported(TestDatabase database) throws Exception {
        Product product = product(database, 0);
        shop.customer(1, "Ada\nLovelace"); // a line break inside a value keeps the row on one line
        shop.order(1, 1, T0, "10", T0);
        shop.order(2, 1, T0, "10.12345", T0.plusMinutes(1)); // more decimals than an amount may have
        shop.order(3, 1, T0, "30", T0.plusMinutes(2));
        shop.update("alter table shop_order alter column total type numeric(14, 5)");
        shop.update("update shop_order set total = 10.12345 where id = 2");

        ImportResult result = product.pull();

        assertThat(result.rowsImported()).isEqualTo(2);
        assertThat(result.rowsRejected()).isEqualTo(1);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3); // row 2 of the result; line 1 is the header
            assertThat(e.column()).isEqualTo("amount");
        });
        assertThat(TestDatabases.count(product.db(), "select count(*) from customer where name = 'Ada Lovelace'"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void thePreviewShowsAtMostTwentyRowsAndWhatTheQueryLacks(TestDatabase database) throws Exception {
        Product product = product(database, 5);
        for (int c = 1; c <= 7; c++) {
            shop.customer(c, "Customer " + c);
        }
        shop.manyOrders(1, 500, T0);
        StoredSource stored = product.sources().find(product.sourceId()).orElseThrow();

        SourcePreview.Result preview = SourcePreview.of(product.sources(), stored, 10);

        assertThat(preview.rows()).hasSize(20);
        assertThat(preview.columns())
                .containsExactly(
                        "customer_id",
                        "order_id",
                        "order_date",
                        "amount",
                        "customer_name",
                        "customer_email",
                        "updated_at");
        assertThat(preview.watermarkKind()).isEqualTo("TIMESTAMP");
        assertThat(preview.ready()).isTrue();

        SourceDefinition lacking = new SourceDefinition(
                "x",
                shop.url(),
                "postgres",
                "select id as order_id, total from shop_order",
                "changed_at",
                new PullSchedule(""),
                0,
                true);
        SourcePreview.Result bad = SourcePreview.of(lacking, "postgres", 10);
        assertThat(bad.missingColumns()).containsExactly("customer_id", "order_date", "amount");
        assertThat(bad.problems())
                .containsExactly(
                        "The query lacks the import columns customer_id, order_date, amount",
                        "The watermark column changed_at is not a column of the query");
    }
}
