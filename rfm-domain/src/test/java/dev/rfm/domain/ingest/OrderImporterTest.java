package dev.rfm.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rfm.domain.ingest.ImportDatabase.StoredCustomer;
import dev.rfm.domain.ingest.ImportDatabase.StoredOrder;
import dev.rfm.domain.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The import rules of {@code POST /api/imports}, on H2 and on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderImporterTest {

    private final TestDatabase.PerClass databases = new TestDatabase.PerClass();

    @AfterEach
    void clean() {
        databases.deleteImportedData();
    }

    private ImportDatabase on(TestDatabase database) {
        return new ImportDatabase(databases.get(database));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void itemLinesOfOneOrderAreAddedUpAndKeepTheEarliestDate(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount,quantity,channel
                C1,O1,2024-03-02,10.50,1,web
                C1,O1,2024-03-01T10:15,2.25,2,
                C1,O1,2024-03-03,-1,,store
                C2,O2,2024-03-05,7,3,app
                """);

        assertThat(result.rowsRead()).isEqualTo(4);
        assertThat(result.rowsImported()).isEqualTo(4);
        assertThat(result.ordersCreated()).isEqualTo(2);
        assertThat(result.customersCreated()).isEqualTo(2);
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(db.orders())
                .containsExactly(
                        new StoredOrder(
                                "O1",
                                "C1",
                                LocalDate.of(2024, 3, 1),
                                LocalDateTime.of(2024, 3, 1, 10, 15),
                                new BigDecimal("11.75"),
                                3,
                                "web"),
                        new StoredOrder(
                                "O2",
                                "C2",
                                LocalDate.of(2024, 3, 5),
                                LocalDateTime.of(2024, 3, 5, 0, 0),
                                new BigDecimal("7"),
                                3,
                                "app"));
        assertThat(db.workTableRows()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void itemLinesFarApartInTheFileAreStillOneOrder(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount
                C1,O1,2024-03-02,1
                C2,O2,2024-03-02,2
                C1,O1,2024-03-02,3
                """);

        assertThat(result.ordersCreated()).isEqualTo(2);
        assertThat(db.orders())
                .extracting(StoredOrder::orderId, StoredOrder::amount, StoredOrder::quantity, StoredOrder::channel)
                .containsExactly(
                        tuple("O1", new BigDecimal("4"), null, null), tuple("O2", new BigDecimal("2"), null, null));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void columnsAreFoundByTrimmedCaseInsensitiveNameInAnyOrderAndUnknownOnesAreIgnored(TestDatabase database)
            throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText(
                """
                 Amount ,note,ORDER_ID,Order_Date,customer_id
                12.5,hello,O1,2024-01-31,C1
                """);

        assertThat(result.rowsImported()).isEqualTo(1);
        assertThat(result.warnings()).containsExactly("Unknown column 'note' was ignored");
        assertThat(db.orders())
                .extracting(StoredOrder::orderId, StoredOrder::customerId, StoredOrder::orderDate, StoredOrder::amount)
                .containsExactly(tuple("O1", "C1", LocalDate.of(2024, 1, 31), new BigDecimal("12.5")));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void importingTheSameFileAgainChangesNothingAndCountsDuplicates(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        String file =
                """
                customer_id,order_id,order_date,amount,quantity
                C1,O1,2024-03-01,10,1
                C1,O1,2024-03-01,5,1
                C2,O2,2024-03-02,-3,1
                """;
        db.importText(file);
        List<StoredOrder> ordersBefore = db.orders();
        List<StoredCustomer> customersBefore = db.customers();

        ImportResult again = db.importText(file);

        assertThat(again.rowsRead()).isEqualTo(3);
        assertThat(again.rowsDuplicate()).isEqualTo(3);
        assertThat(again.rowsImported()).isZero();
        assertThat(again.rowsRejected()).isZero();
        assertThat(again.ordersCreated()).isZero();
        assertThat(again.customersCreated()).isZero();
        assertThat(db.orders()).isEqualTo(ordersBefore);
        assertThat(db.customers()).isEqualTo(customersBefore);
        assertThat(db.imports())
                .extracting(ImportDatabase.StoredImport::status)
                .containsExactly("SUCCEEDED", "SUCCEEDED");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFileOverlappingStoredOrdersAddsOnlyTheNewOnes(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        db.importText(
                """
                customer_id,order_id,order_date,amount
                C1,O1,2024-03-01,10
                """);

        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount
                C1,O1,2024-03-01,10
                C1,O2,2024-03-04,20
                """);

        assertThat(result.rowsDuplicate()).isEqualTo(1);
        assertThat(result.rowsImported()).isEqualTo(1);
        assertThat(result.ordersCreated()).isEqualTo(1);
        assertThat(result.customersCreated()).isZero();
        assertThat(db.orders()).extracting(StoredOrder::orderId).containsExactly("O1", "O2");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void refundsAreNegativeAmountsWithUpToFourDecimals(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        db.importText(
                """
                customer_id,order_id,order_date,amount
                C1,R1,2024-03-01,-19.99
                C1,R2,2024-03-01,-.5
                C1,R3,2024-03-01,+0.1234
                C1,R4,2024-03-01,3.10000
                """);

        assertThat(db.orders())
                .extracting(StoredOrder::amount)
                .containsExactly(
                        new BigDecimal("-19.99"),
                        new BigDecimal("-0.5"),
                        new BigDecimal("0.1234"),
                        new BigDecimal("3.1"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void dateTimesKeepTheLocalTimeAndPlainDatesGetMidnight(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        db.importText(
                """
                customer_id,order_id,order_date,amount
                C1,T1,2024-03-01T14:30:15.123456789+02:00,1
                C1,T2,2024-03-02 08:05,1
                C1,T3,2024-03-03T23:59:59Z,1
                C1,T4,2024-03-04,1
                """);

        assertThat(db.orders())
                .extracting(StoredOrder::orderId, StoredOrder::orderDate, StoredOrder::orderedAt)
                .containsExactly(
                        tuple("T1", LocalDate.of(2024, 3, 1), LocalDateTime.of(2024, 3, 1, 14, 30, 15, 123_456_000)),
                        tuple("T2", LocalDate.of(2024, 3, 2), LocalDateTime.of(2024, 3, 2, 8, 5)),
                        tuple("T3", LocalDate.of(2024, 3, 3), LocalDateTime.of(2024, 3, 3, 23, 59, 59)),
                        tuple("T4", LocalDate.of(2024, 3, 4), LocalDateTime.of(2024, 3, 4, 0, 0)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aByteOrderMarkIsAcceptedAndCrLfLineBreaksToo(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        byte[] text = "customer_id,order_id,order_date,amount\r\nC1,O1,2024-03-01,1\r\nC2,O2,2024-03-01,2\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        ImportResult result = db.importBytes(withBom);

        assertThat(result.rowsImported()).isEqualTo(2);
        assertThat(result.warnings()).isEmpty();
        assertThat(db.customers()).extracting(StoredCustomer::customerId).containsExactly("C1", "C2");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount,customer_name,customer_email
                "C,1",O1,2024-03-01,"1.5","Smith, John ""JJ""\",john@example.com
                C2,O2,2024-03-01,2,"Ann
                Lee",
                C3,O3,2024-03-01,x,,
                """);

        assertThat(result.rowsRead()).isEqualTo(3);
        assertThat(result.rowsImported()).isEqualTo(2);
        // the quoted line break makes O3 physical line 5
        assertThat(result.errors())
                .containsExactly(new RowRejection(
                        5,
                        "amount",
                        "'x' is not a decimal number: use a point as decimal separator and no thousands separators"));
        assertThat(db.customers())
                .containsExactly(
                        new StoredCustomer("C,1", "Smith, John \"JJ\"", "john@example.com", LocalDate.of(2024, 3, 1)),
                        new StoredCustomer("C2", "Ann\nLee", null, LocalDate.of(2024, 3, 1)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void badLinesAreRejectedWithLineColumnAndReasonWhileGoodLinesBesideThemLand(TestDatabase database)
            throws Exception {
        ImportDatabase db = on(database);
        String tooLong = "X".repeat(65);
        ImportResult result = db.importText("customer_id,order_id,order_date,amount,quantity,channel\n"
                + "C1,G1,2024-03-01,1,1,web\n" // 2 good
                + ",B3,2024-03-01,1,1,web\n" // 3
                + "C1,,2024-03-01,1,1,web\n" // 4
                + "C1,B5,2024-13-01,1,1,web\n" // 5
                + "C1,B6,01/03/2024,1,1,web\n" // 6
                + "C1,B7,2024-03-01,\"12,50\",1,web\n" // 7
                + "C1,B8,2024-03-01,1.23456,1,web\n" // 8
                + "C1,B9,2024-03-01,1e5,1,web\n" // 9
                + tooLong + ",B10,2024-03-01,1,1,web\n" // 10
                + "C1,B11,2024-03-01,1,2.5,web\n" // 11
                + "C1,B12,2024-03-01,1,1\n" // 12
                + "C1,B13,2024-03-01,1,1,web,extra\n" // 13
                + "C1,B14,2024-03-01,1,99999999999,web\n" // 14
                + "C1,B15,2024-03-01,1234567890123456,1,web\n" // 15
                + "C1,B16,2024-03-01,,1,web\n" // 16
                + "C1,B17,2024-03-01,1,1," + "c".repeat(41) + "\n" // 17
                + "C2,G18,2024-03-02,2,1,store\n"); // 18 good

        assertThat(result.rowsRead()).isEqualTo(17);
        assertThat(result.rowsImported()).isEqualTo(2);
        assertThat(result.rowsRejected()).isEqualTo(15);
        assertThat(result.rowsDuplicate()).isZero();
        assertThat(result.errors())
                .containsExactly(
                        new RowRejection(3, "customer_id", "value is missing"),
                        new RowRejection(4, "order_id", "value is missing"),
                        new RowRejection(5, "order_date", "'2024-13-01' is not a valid calendar date"),
                        new RowRejection(
                                6,
                                "order_date",
                                "'01/03/2024' is not a date: use yyyy-MM-dd or an ISO date-time such as"
                                        + " 2024-03-01T14:30:00"),
                        new RowRejection(
                                7,
                                "amount",
                                "'12,50' is not a decimal number: use a point as decimal separator and no thousands"
                                        + " separators"),
                        new RowRejection(8, "amount", "'1.23456' has 5 decimal places, at most 4 are allowed"),
                        new RowRejection(
                                9,
                                "amount",
                                "'1e5' is not a decimal number: use a point as decimal separator and no thousands"
                                        + " separators"),
                        new RowRejection(
                                10,
                                "customer_id",
                                "'" + "X".repeat(39) + "…' is 65 characters long, at most 64 are allowed"),
                        new RowRejection(11, "quantity", "'2.5' is not a whole number"),
                        new RowRejection(12, null, "the line has 5 fields but the header has 6"),
                        new RowRejection(
                                13,
                                null,
                                "the line has 7 fields but the header has 6 (a value with a comma must be in double"
                                        + " quotes)"),
                        new RowRejection(14, "quantity", "'99999999999' is out of range for a quantity"),
                        new RowRejection(
                                15,
                                "amount",
                                "'1234567890123456' is too large: at most 15 digits before the decimal point"),
                        new RowRejection(16, "amount", "value is missing"),
                        new RowRejection(
                                17,
                                "channel",
                                "'" + "c".repeat(39) + "…' is 41 characters long, at most 40 are allowed"));
        assertThat(db.orders()).extracting(StoredOrder::orderId).containsExactly("G1", "G18");
        assertThat(db.count("import_rejection")).isEqualTo(15);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anOrderIdGivenWithAnotherCustomerInTheFileKeepsTheFirstLinesCustomer(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount,channel
                A,O1,2024-03-01,10,
                B,O1,2024-02-01,100,web
                A,O1,2024-03-02,5,store
                B,O2,2024-03-03,1,web
                C,O3,2024-03-04,1,
                C,O1,2024-03-04,1,app
                """);

        assertThat(result.rowsRead()).isEqualTo(6);
        assertThat(result.rowsImported()).isEqualTo(4);
        assertThat(result.rowsRejected()).isEqualTo(2);
        assertThat(result.errors())
                .containsExactly(
                        new RowRejection(3, "customer_id", "order_id 'O1' was given for customer_id 'A' on line 2"),
                        new RowRejection(7, "customer_id", "order_id 'O1' was given for customer_id 'A' on line 2"));
        // O1 is the sum of A's lines only, with their earliest date and first channel
        assertThat(db.orders())
                .extracting(
                        StoredOrder::orderId,
                        StoredOrder::customerId,
                        StoredOrder::orderDate,
                        StoredOrder::amount,
                        StoredOrder::channel)
                .containsExactly(
                        tuple("O1", "A", LocalDate.of(2024, 3, 1), new BigDecimal("15"), "store"),
                        tuple("O2", "B", LocalDate.of(2024, 3, 3), new BigDecimal("1"), "web"),
                        tuple("O3", "C", LocalDate.of(2024, 3, 4), new BigDecimal("1"), null));
        // B's rejected line does not count for B's first order date
        assertThat(db.customers())
                .extracting(StoredCustomer::customerId, StoredCustomer::firstSeen)
                .containsExactly(
                        tuple("A", LocalDate.of(2024, 3, 1)),
                        tuple("B", LocalDate.of(2024, 3, 3)),
                        tuple("C", LocalDate.of(2024, 3, 4)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anOrderIdStoredForAnotherCustomerIsRejectedAndTheSameCustomersLinesAreDuplicates(TestDatabase database)
            throws Exception {
        ImportDatabase db = on(database);
        db.importText(
                """
                customer_id,order_id,order_date,amount
                A,O1,2024-03-01,10
                """);

        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount
                B,O1,2024-03-05,99
                A,O1,2024-03-01,10
                B,O2,2024-03-05,1
                """);

        assertThat(result.rowsRejected()).isEqualTo(1);
        assertThat(result.rowsDuplicate()).isEqualTo(1);
        assertThat(result.rowsImported()).isEqualTo(1);
        assertThat(result.errors())
                .containsExactly(
                        new RowRejection(2, "customer_id", "order_id 'O1' is already stored for customer_id 'A'"));
        assertThat(db.orders())
                .extracting(StoredOrder::orderId, StoredOrder::customerId, StoredOrder::amount)
                .containsExactly(tuple("O1", "A", new BigDecimal("10")), tuple("O2", "B", new BigDecimal("1")));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void adjacentItemLinesOfAStoredOrderAreJudgedLineByLine(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        db.importText(
                """
                customer_id,order_id,order_date,amount
                A,O1,2024-03-01,10
                """);

        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount,quantity
                B,O1,2024-03-05,1,1
                B,O1,2024-03-05,2,1
                B,O1,2024-03-06,3,1
                A,O1,2024-03-01,10,1
                A,O1,2024-03-01,5,1
                B,O2,2024-03-06,1.25,2
                B,O2,2024-03-05,-0.0001,3
                B,O2,2024-03-07,100,
                """);

        assertThat(result.rowsRejected()).isEqualTo(3);
        assertThat(result.rowsDuplicate()).isEqualTo(2);
        assertThat(result.rowsImported()).isEqualTo(3);
        assertThat(result.errors()).extracting(RowRejection::line).containsExactly(2L, 3L, 4L);
        assertThat(db.orders())
                .extracting(StoredOrder::orderId, StoredOrder::customerId, StoredOrder::amount)
                .containsExactly(tuple("O1", "A", new BigDecimal("10")), tuple("O2", "B", new BigDecimal("101.2499")));
        assertThat(db.orders().get(1).orderDate()).isEqualTo(LocalDate.of(2024, 3, 5));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void newCustomersGetTheirFirstOrderDateAndTheFirstNameAndEmailGivenKnownOnesKeepTheirs(TestDatabase database)
            throws Exception {
        ImportDatabase db = on(database);
        db.importText(
                """
                customer_id,order_id,order_date,amount,customer_name
                K,K1,2024-03-10,1,Known Name
                """);

        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount,customer_name,customer_email
                N,N1,2024-03-05,1,,
                N,N2,2024-03-01,1,Nora,
                N,N3,2024-02-20,1,Nora N.,nora@example.com
                K,K2,2024-03-01,1,Other Name,k@example.com
                """);

        assertThat(result.customersCreated()).isEqualTo(1);
        assertThat(db.customers())
                .containsExactly(
                        // existing: name and e-mail kept, first_seen moves back to its earlier order
                        new StoredCustomer("K", "Known Name", null, LocalDate.of(2024, 3, 1)),
                        new StoredCustomer("N", "Nora", "nora@example.com", LocalDate.of(2024, 2, 20)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void itemLinesAddingUpBeyondTheColumnRangeRejectTheWholeOrder(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount,quantity
                C1,MANY,2024-03-01,1,2000000000
                C1,MANY,2024-03-01,1,2000000000
                C1,OK,2024-03-01,1,2000000000
                """);

        assertThat(result.rowsImported()).isEqualTo(1);
        assertThat(result.rowsRejected()).isEqualTo(2);
        assertThat(result.errors())
                .containsExactly(
                        new RowRejection(
                                2,
                                "quantity",
                                "the item lines of order_id 'MANY' add up to a quantity too large to store"),
                        new RowRejection(
                                3,
                                "quantity",
                                "the item lines of order_id 'MANY' add up to a quantity too large to store"));
        assertThat(db.orders()).extracting(StoredOrder::orderId).containsExactly("OK");
    }

    /**
     * H2 measures a column in UTF-16 units, so 150 emoji (300 units) used to pass the check (150 code points) and
     * then fail the whole import with H2's SQL message. The line is rejected instead, naming the field.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void textsAreMeasuredAsTheDatabaseMeasuresThemSoEmojiCannotFailAnImport(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        String emoji = "\uD83D\uDE00".repeat(150);
        ImportResult result = db.importText("customer_id,order_id,order_date,amount,customer_name\n"
                + "C1,O1,2024-01-01,5," + emoji + "\n"
                + "C2,O2,2024-01-01,5," + "\uD83D\uDE00".repeat(100) + "\n");

        assertThat(result.rowsImported()).isEqualTo(1);
        assertThat(result.errors()).hasSize(1);
        RowRejection rejection = result.errors().get(0);
        assertThat(rejection.line()).isEqualTo(2);
        assertThat(rejection.column()).isEqualTo("customer_name");
        assertThat(rejection.message())
                .endsWith("is 300 characters long, at most 200 are allowed (emoji and other rare characters count"
                        + " as two)");
    }

    /**
     * A scoring run adds up amounts in ten-thousandths on 64-bit integers: one row of 15 digits used to be accepted
     * and made every later run fail. The line that would take the absolute amounts of all orders beyond what a run
     * adds up exactly is rejected, in this file and in later ones; the good lines beside it land.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void amountsAreBoundedSoThatEveryLaterRunCanAddThemUp(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult first = db.importText(
                """
                customer_id,order_id,order_date,amount
                C1,O1,2024-01-01,999999999999999
                C1,O2,2024-01-02,500000000000000
                C1,O3,2024-01-03,-399999999999999.9999
                C1,O4,2024-01-04,0.0001
                C2,O5,2024-01-05,10.50
                """);

        assertThat(first.rowsImported()).isEqualTo(3);
        assertThat(first.errors())
                .containsExactly(
                        new RowRejection(
                                2,
                                "amount",
                                "'999999999999999' is too large: amounts may add up to at most 900,000,000,000,000"
                                        + " in total (what a scoring run adds up exactly)"),
                        new RowRejection(
                                6,
                                "amount",
                                "'10.50' would bring the amounts of all orders together (refunds counted as"
                                        + " positive) beyond 900,000,000,000,000, the most a scoring run adds up"
                                        + " exactly"));

        ImportResult later = db.importText(
                """
                customer_id,order_id,order_date,amount
                C3,O6,2024-02-01,0.0001
                C3,O7,2024-02-01,0
                """);
        assertThat(later.rowsImported()).isEqualTo(1);
        assertThat(later.errors()).extracting(RowRejection::line).containsExactly(2L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void emptyAndSeparatorOnlyLinesAreSkippedWithoutCountingButKeepLineNumbers(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText(
                """

                customer_id,order_id,order_date,amount

                C1,O1,2024-03-01,1
                ,,,
                C1,O2,2024-03-01,oops
                """);

        assertThat(result.rowsRead()).isEqualTo(2);
        assertThat(result.errors()).extracting(RowRejection::line).containsExactly(6L);
    }

    /** FastCSV's default limit of 16,384 fields per record made one such line fail the whole file (found by fuzzing). */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aLineOfFiftyThousandFieldsIsRejectedWhileTheGoodLinesBesideItLand(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText("customer_id,order_id,order_date,amount\n"
                + "C1,W1,2024-03-01,1\n"
                + "C1,W2,2024-03-01,1" + ",x".repeat(50_000) + "\n"
                + "C2,W3,2024-03-02,2\n");

        assertThat(result.rowsRead()).isEqualTo(3);
        assertThat(result.rowsImported()).isEqualTo(2);
        assertThat(result.errors())
                .containsExactly(new RowRejection(
                        3,
                        null,
                        "the line has 50004 fields but the header has 4 (a value with a comma must be in double"
                                + " quotes)"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aHeaderWithoutLinesImportsNothingAndSaysSo(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText("customer_id,order_id,order_date,amount\n");

        assertThat(result.rowsRead()).isZero();
        assertThat(result.warnings()).containsExactly("The file has a header but no order lines");
        assertThat(db.imports()).extracting(ImportDatabase.StoredImport::status).containsExactly("SUCCEEDED");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theResultListsTheFirstThousandErrorsAndTheDatabaseKeepsAll(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        StringBuilder file = new StringBuilder("customer_id,order_id,order_date,amount\n");
        for (int i = 0; i < 1_500; i++) {
            file.append("C").append(i).append(",O").append(i).append(",2024-03-01,bad\n");
        }
        for (int i = 0; i < 10; i++) {
            file.append("C").append(i).append(",G").append(i).append(",2024-03-01,1\n");
        }

        ImportResult result = db.importText(file.toString());

        assertThat(result.rowsRead()).isEqualTo(1_510);
        assertThat(result.rowsRejected()).isEqualTo(1_500);
        assertThat(result.rowsImported()).isEqualTo(10);
        assertThat(result.errors()).hasSize(ImportResult.MAX_ERRORS);
        assertThat(result.errors().get(0).line()).isEqualTo(2);
        assertThat(result.errors().get(999).line()).isEqualTo(1_001);
        assertThat(db.count("import_rejection")).isEqualTo(1_500);

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        long written = new ImportRecords(databases.get(database)).writeRejectionsCsv(result.importId(), csv);
        assertThat(written).isEqualTo(1_500);
        String[] csvLines = csv.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(csvLines).hasSize(1_501);
        assertThat(csvLines[1500])
                .isEqualTo("1501,amount,'bad' is not a decimal number: use a point as decimal separator and no"
                        + " thousands separators");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theRejectedRowsCsvHasEveryRejectionInLineOrder(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        ImportResult result = db.importText(
                """
                customer_id,order_id,order_date,amount
                A,O1,2024-03-01,1
                B,O1,2024-03-01,1
                C,O2,2024-03-01,"1,5"
                C,O3
                """);
        ImportRecords records = new ImportRecords(databases.get(database));

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        long written = records.writeRejectionsCsv(result.importId(), csv);

        assertThat(written).isEqualTo(3);
        assertThat(csv.toString(StandardCharsets.UTF_8))
                .isEqualTo("line,column,message\r\n"
                        + "3,customer_id,order_id 'O1' was given for customer_id 'A' on line 2\r\n"
                        + "4,amount,\"'1,5' is not a decimal number: use a point as decimal separator and no"
                        + " thousands separators\"\r\n"
                        + "5,,the line has 2 fields but the header has 4\r\n");
        assertThat(records.find(result.importId())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo("SUCCEEDED");
            assertThat(r.rowsRejected()).isEqualTo(3);
            assertThat(r.fileName()).isEqualTo("test.csv");
            assertThat(r.startedBy()).isEqualTo("tester");
            assertThat(r.startedAt()).isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 0));
        });

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertThat(records.writeRejectionsCsv(result.importId() + 1000, none)).isZero();
        assertThat(none.toString(StandardCharsets.UTF_8)).isEqualTo("line,column,message\r\n");
        assertThat(records.find(result.importId() + 1000)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void progressIsReportedByPhaseWithBytesAndRows(TestDatabase database) throws Exception {
        ImportDatabase db = on(database);
        byte[] file = "customer_id,order_id,order_date,amount\nC1,O1,2024-03-01,1\nC1,O2,2024-03-02,2\n"
                .getBytes(StandardCharsets.UTF_8);
        List<String> reports = new ArrayList<>();

        db.importer()
                .importCsv(
                        new java.io.ByteArrayInputStream(file),
                        file.length,
                        "p.csv",
                        "tester",
                        (phase, bytes, total, rows) ->
                                reports.add(phase.label() + " " + bytes + "/" + total + " " + rows));

        assertThat(reports)
                .containsExactly(
                        "waiting 0/" + file.length + " 0",
                        "reading 0/" + file.length + " 0",
                        "reading " + file.length + "/" + file.length + " 2",
                        "checking " + file.length + "/" + file.length + " 2",
                        "merging " + file.length + "/" + file.length + " 2",
                        "done " + file.length + "/" + file.length + " 2");
    }
}
