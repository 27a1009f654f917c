package dev.rfm.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rfm.domain.ingest.ImportDatabase.StoredImport;
import dev.rfm.domain.ingest.ImportFailedException.Code;
import dev.rfm.domain.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files that cannot be imported at all: each fails with its code, line and message, writes nothing of the
 * file (not even the good lines before the problem) and leaves one {@code FAILED} record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportFailureTest {

    private static final String HEADER = "customer_id,order_id,order_date,amount\n";
    private static final String GOOD_LINES = "C1,O1,2024-03-01,1\nC2,O2,2024-03-02,2\n";

    private final TestDatabase.PerClass databases = new TestDatabase.PerClass();

    @AfterEach
    void clean() {
        databases.deleteImportedData();
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                broken(
                        "empty body",
                        new byte[0],
                        Code.EMPTY_FILE,
                        0,
                        "The file is empty: expected a header row and order lines"),
                broken(
                        "only a byte order mark and empty lines",
                        concat(bom(), utf8("\n\r\n\n")),
                        Code.EMPTY_FILE,
                        0,
                        "The file holds only empty lines: expected a header row and order lines"),
                broken(
                        "JSON",
                        utf8("{\"customer_id\": \"C1\", \"order_id\": \"O1\"}\n"),
                        Code.NOT_CSV,
                        1,
                        "Line 1 starts with '{': this looks like JSON, but the import takes CSV text with a header"
                                + " row (customer_id, order_id, order_date, amount)"),
                broken(
                        "a data line where the header belongs",
                        utf8(GOOD_LINES),
                        Code.NO_HEADER,
                        1,
                        "Line 1 is not a header row: it names none of the required columns customer_id, order_id,"
                                + " order_date, amount (found: C1,O1,2024-03-01,1)"),
                broken(
                        "a header without some required columns",
                        utf8("customer_id,ORDER_ID,total\nC1,O1,1\n"),
                        Code.MISSING_COLUMNS,
                        1,
                        "The header (line 1) lacks the required columns order_date, amount"),
                broken(
                        "a header naming a column twice",
                        utf8("customer_id,order_id,order_date,amount,Amount\n"),
                        Code.DUPLICATE_COLUMNS,
                        1,
                        "The header (line 1) names the column amount more than once"),
                broken(
                        "Latin-1 text on line 4",
                        concat(utf8(HEADER + GOOD_LINES + "C3,O3,2024-03-03,3,Ren"), new byte[] {(byte) 0xE9, '\n'}),
                        Code.BAD_ENCODING,
                        4,
                        "Line 4 is not valid UTF-8 (0xE9): the file must be saved as UTF-8"),
                broken(
                        "a UTF-8 character cut at the end",
                        concat(utf8(HEADER + GOOD_LINES + "C3,O3,2024-03-03,3"), new byte[] {(byte) 0xE2, (byte) 0x82}),
                        Code.BAD_ENCODING,
                        4,
                        "Line 4 ends in the middle of a UTF-8 character (0xE2 0x82): the file must be saved as UTF-8"),
                broken(
                        "a last line cut off without line break",
                        utf8(HEADER + GOOD_LINES + "C3,O3,2024-0"),
                        Code.TRUNCATED,
                        4,
                        "Line 4, the last one, is incomplete (the line has 3 fields but the header has 4) and has no"
                                + " line break: the upload seems cut off"),
                broken(
                        "a quoted field never closed",
                        utf8(HEADER + GOOD_LINES + "C3,O3,2024-03-03,\"3\nC4,O4,2024-03-04,4\n"),
                        Code.TRUNCATED,
                        4,
                        "The file ends inside the quoted field that starts on line 4: the upload seems cut off (or a"
                                + " closing quote is missing)"),
                broken(
                        "a NUL byte",
                        concat(utf8(HEADER + "C1,O1,2024-03-01,1"), new byte[] {0, '\n'}),
                        Code.NOT_CSV,
                        2,
                        "Line 2 contains a NUL character: this is binary data, not a CSV text file"),
                broken(
                        "a line of more than a million fields",
                        utf8(HEADER + GOOD_LINES + "C3,O3,2024-03-03,3" + ",x".repeat(1_000_000) + "\n"),
                        Code.NOT_CSV,
                        4,
                        "Line 4 holds more than 1000000 fields or a value of more than 16777216 characters: this is"
                                + " not a CSV file of orders"),
                broken(
                        "a PNG image",
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
                        },
                        Code.BAD_ENCODING,
                        1,
                        "Line 1 is not valid UTF-8 (0x89): the file must be saved as UTF-8"));
    }

    private static Arguments broken(String what, byte[] file, Code code, long line, String message) {
        return Arguments.of(what, file, code, line, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void onH2(String what, byte[] file, Code code, long line, String message) throws Exception {
        failsWithoutTrace(TestDatabase.H2, file, code, line, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void onPostgresql(String what, byte[] file, Code code, long line, String message) throws Exception {
        failsWithoutTrace(TestDatabase.POSTGRESQL, file, code, line, message);
    }

    private void failsWithoutTrace(TestDatabase database, byte[] file, Code code, long line, String message)
            throws Exception {
        ImportDatabase db = new ImportDatabase(databases.get(database));

        ImportFailedException failure = catchThrowableOfType(ImportFailedException.class, () -> db.importBytes(file));

        assertThat(failure).as("import failure").isNotNull();
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.code().isInputError()).isTrue();
        assertThat(failure.getMessage()).isEqualTo(message);
        assertThat(failure.line()).isEqualTo(line == 0 ? OptionalLong.empty() : OptionalLong.of(line));
        assertNothingLandedButTheFailedRecord(db, failure, code);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReadErrorMidwayLeavesNothingAndIsTheServersProblem(TestDatabase database) throws Exception {
        ImportDatabase db = new ImportDatabase(databases.get(database));
        byte[] start = utf8(HEADER + GOOD_LINES);
        InputStream breaking = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == start.length) {
                    throw new IOException("connection reset");
                }
                return start[position++];
            }
        };

        ImportFailedException failure = catchThrowableOfType(ImportFailedException.class, () -> db.importer()
                .importCsv(breaking, "broken.csv", "tester", ImportProgress.none()));

        assertThat(failure.code()).isEqualTo(Code.READ_ERROR);
        assertThat(failure.code().isInputError()).isFalse();
        // the exception's own text stays in the log: the user gets words and the id to quote
        assertThat(failure.getMessage())
                .matches("Reading the file failed after " + start.length + " bytes, nothing was imported \\(error id"
                        + " [0-9a-f]{8}; the details are in the server log\\)")
                .doesNotContain("connection reset");
        assertNothingLandedButTheFailedRecord(db, failure, Code.READ_ERROR);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDatabaseFailureShowsNoSqlTextOnlyAnErrorId(TestDatabase database) throws Exception {
        javax.sql.DataSource dataSource = databases.get(database);
        ImportDatabase db = new ImportDatabase(dataSource);
        execute(dataSource, "alter table customer add constraint hidden_customer_rule check (external_id <> 'C2')");
        try {
            ImportFailedException failure =
                    catchThrowableOfType(ImportFailedException.class, () -> db.importText(HEADER + GOOD_LINES));

            assertThat(failure.code()).isEqualTo(Code.DATABASE_ERROR);
            assertThat(failure.getMessage())
                    .matches("The database failed, nothing was imported \\(error id [0-9a-f]{8}; the details are in"
                            + " the server log\\)")
                    .doesNotContainIgnoringCase("hidden_customer_rule")
                    .doesNotContainIgnoringCase("customer")
                    .doesNotContainIgnoringCase("insert");
            assertThat(failure.getCause()).isInstanceOf(java.sql.SQLException.class);
            assertNothingLandedButTheFailedRecord(db, failure, Code.DATABASE_ERROR);
        } finally {
            execute(dataSource, "alter table customer drop constraint hidden_customer_rule");
        }
    }

    private static void execute(javax.sql.DataSource dataSource, String sql) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailureAfterAnEarlierImportKeepsTheEarlierImport(TestDatabase database) throws Exception {
        ImportDatabase db = new ImportDatabase(databases.get(database));
        db.importText(HEADER + GOOD_LINES);

        catchThrowableOfType(
                ImportFailedException.class,
                () -> db.importBytes(concat(utf8(HEADER + "C9,O9,2024-03-09,9\nC3,O3,x"), new byte[] {(byte) 0xFF})));

        assertThat(db.count("customer_order")).isEqualTo(2);
        assertThat(db.count("customer")).isEqualTo(2);
        assertThat(db.imports()).extracting(StoredImport::status).containsExactly("SUCCEEDED", "FAILED");
    }

    private static void assertNothingLandedButTheFailedRecord(
            ImportDatabase db, ImportFailedException failure, Code code) throws Exception {
        assertThat(db.count("customer")).isZero();
        assertThat(db.count("customer_order")).isZero();
        assertThat(db.count("import_rejection")).isZero();
        assertThat(db.workTableRows()).isZero();
        assertThat(db.imports()).hasSize(1);
        StoredImport record = db.imports().get(0);
        assertThat(record.status()).isEqualTo("FAILED");
        assertThat(record.errorCode()).isEqualTo(code.name());
        assertThat(record.errorMessage()).isEqualTo(failure.getMessage());
        assertThat(failure.importId()).hasValue(record.id());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bom() {
        return new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
