package dev.rfm.domain.ingest;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;
import dev.rfm.domain.database.EmbeddedDurability;
import dev.rfm.domain.incident.ErrorReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Imports a CSV file of order lines (the format of {@code POST /api/imports}) into {@code customer} and
 * {@code customer_order}.
 *
 * <p>The file: UTF-8 (a byte order mark is fine), a header row naming the columns in any order (trimmed,
 * any case), required {@code customer_id}, {@code order_id}, {@code order_date}, {@code amount}, optional
 * {@code quantity}, {@code channel}, {@code customer_name}, {@code customer_email}; other columns are
 * ignored with a warning. Lines with the same {@code order_id} are the item lines of one order. The rules
 * for single values are in {@link LineChecker}, those for orders, duplicates and clashes in {@link
 * StagedMerge}. A bad line is rejected and stored with its line number and reason; the good lines beside
 * it are imported. Lines that are empty or hold only separators and blanks are skipped and not counted.
 *
 * <p>A file that cannot be read as such CSV (empty, no header, missing columns, binary, not UTF-8, cut
 * off) fails as a whole with {@link ImportFailedException}: nothing of it is written, and the attempt is
 * recorded as {@code FAILED} in {@code data_import} in a transaction of its own.
 *
 * <p>How: one pass over the stream with FastCSV; good lines are staged in the database in bulk ({@code
 * COPY FROM STDIN} on PostgreSQL, JDBC batches elsewhere), then set-based SQL adds up item lines, finds
 * duplicates and clashes and inserts the new customers and orders. Memory use does not grow with the file
 * on PostgreSQL (H2 groups the file's customers in memory). The whole import is one transaction on one
 * connection, holding the {@code app_lock} row {@code 'import'} ({@code SELECT ... FOR UPDATE}), so imports
 * run one at a time across all servers and nobody sees half an import; a second import waits up to the lock
 * wait (default {@link #DEFAULT_LOCK_WAIT}), then fails as {@code BUSY}.
 *
 * <p>Usage (the importer manages its own transaction: call it outside any JTA transaction, e.g. from an
 * EJB method with {@code @TransactionAttribute(NOT_SUPPORTED)} or bean-managed transactions):
 *
 * <pre>{@code
 * OrderImporter importer = new OrderImporter(dataSource, Clock.systemUTC()); // timestamps are stored as UTC
 * try {
 *     ImportResult result = importer.importCsv(body, contentLength, "orders.csv", user, ImportProgress.none());
 * } catch (ImportFailedException e) {
 *     // e.code().isInputError() ? 400 : BUSY ? 409 : 500; e.getMessage() names line, field and reason
 * }
 * }</pre>
 *
 * <p>Thread-safe: every call works on its own connection.
 */
public final class OrderImporter {

    private static final System.Logger LOG = System.getLogger(OrderImporter.class.getName());
    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;
    /**
     * How many possibly repeated order ids the merge checks exactly (one {@code = any (?)} count); above that
     * it adds up item lines in the database. PostgreSQL hashes the list; H2 compares row by row.
     */
    private static final int MAX_SUSPECTS_COPY = 100_000;

    private static final int MAX_SUSPECTS_BATCH = 2_000;

    /**
     * Fields a line may have before the file counts as not CSV (FastCSV's default, 16,384, made one line of 33 kB fail
     * the whole file); a line with more fields than the header but fewer than this is rejected like any other.
     */
    static final int MAX_FIELDS = 1_000_000;

    /** The longest value FastCSV reads (its default), in characters; a longer one makes the file not CSV. */
    static final int MAX_FIELD_SIZE = 16_777_216;

    private static final Pattern PARSE_LINE = Pattern.compile("line (\\d+)");

    /** How long an import waits for another one to finish by default. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration lockWait;

    /**
     * @param dataSource where customers and orders live (migrated schema)
     * @param clock gives the import's start and end times
     */
    public OrderImporter(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_LOCK_WAIT);
    }

    /**
     * @param dataSource where customers and orders live (migrated schema)
     * @param clock gives the import's start and end times
     * @param lockWait how long to wait for an import running elsewhere before failing with {@link
     *     ImportFailedException.Code#BUSY}
     */
    public OrderImporter(DataSource dataSource, Clock clock, Duration lockWait) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
    }

    /**
     * Imports a CSV file of unknown size. See {@link #importCsv(InputStream, long, String, String,
     * ImportProgress)}.
     */
    public ImportResult importCsv(InputStream body, String fileName, String startedBy, ImportProgress progress)
            throws ImportFailedException {
        return importCsv(body, -1, fileName, startedBy, progress);
    }

    /**
     * Imports a CSV file: reads {@code body} to its end (without closing it) and commits the new customers and
     * orders, or nothing.
     *
     * @param body the file's bytes
     * @param sizeBytes the file's size for progress reports, {@code -1} when not known
     * @param fileName stored with the import (may be {@code null})
     * @param startedBy the user, stored with the import (may be {@code null})
     * @param progress receives progress reports
     * @return what was imported, duplicate and rejected
     * @throws ImportFailedException when the file as a whole cannot be imported (nothing was written; the
     *     attempt is recorded as {@code FAILED})
     */
    public ImportResult importCsv(
            InputStream body, long sizeBytes, String fileName, String startedBy, ImportProgress progress)
            throws ImportFailedException {
        return importCsv(body, sizeBytes, fileName, startedBy, progress, 0, SameTransaction.NOTHING);
    }

    /**
     * Imports a CSV file as {@link #importCsv(InputStream, long, String, String, ImportProgress)} does, into an
     * import record reserved beforehand, and runs {@code alsoCommit} in the import's transaction just before it
     * commits: a pull from a source system stores its new watermark this way, so the watermark moves if and only if
     * the orders it covers are stored.
     *
     * @param reservedImportId an id from {@link #reserve}, or 0 to record the import under a new id
     * @param alsoCommit work that commits or rolls back with the import
     */
    public ImportResult importCsv(
            InputStream body,
            long sizeBytes,
            String fileName,
            String startedBy,
            ImportProgress progress,
            long reservedImportId,
            SameTransaction alsoCommit)
            throws ImportFailedException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(alsoCommit, "alsoCommit");
        Attempt attempt =
                new Attempt(body, sizeBytes, fileName, startedBy, progress == null ? ImportProgress.none() : progress);
        attempt.reservedId = reservedImportId;
        attempt.alsoCommit = alsoCommit;
        try {
            return attempt.run();
        } catch (ImportFailedException failure) {
            throw recordFailure(attempt, failure);
        }
    }

    /**
     * Records an import that will start soon as {@code QUEUED}, committed at once, so that its id can be answered
     * before the work begins (a pull answers {@code 202 {"importId"}}). Pass the id to {@link #importCsv(InputStream,
     * long, String, String, ImportProgress, long, SameTransaction)}; a reserved import that never starts (the server
     * stopped) stays {@code QUEUED}.
     *
     * @param sourceId the data source a pull reads, {@code null} for a file
     */
    public long reserve(String fileName, String startedBy, Long sourceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into data_import (file_name, status, started_by, started_at, source_id)"
                                + " values (?, 'QUEUED', ?, ?, ?)",
                        new String[] {"id"})) {
            connection.setAutoCommit(true);
            insert.setString(1, clip(fileName, 255));
            insert.setString(2, clip(startedBy, 64));
            insert.setObject(3, LocalDateTime.now(clock));
            insert.setObject(4, sourceId);
            insert.executeUpdate();
            return generatedId(insert);
        }
    }

    /** Work that joins an import's transaction: it commits with the imported orders or not at all. */
    @FunctionalInterface
    public interface SameTransaction {

        SameTransaction NOTHING = (connection, result) -> {};

        /**
         * Runs on the import's connection after the orders were merged, before the commit; an exception rolls the
         * whole import back.
         */
        void run(Connection connection, ImportResult result) throws SQLException;
    }

    private ImportFailedException recordFailure(Attempt attempt, ImportFailedException failure) {
        LOG.log(Level.INFO, "Import of {0} failed ({1}): {2}", attempt.fileName, failure.code(), failure.getMessage());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (attempt.reservedId > 0) {
                try (PreparedStatement update = connection.prepareStatement("update data_import set status = 'FAILED',"
                        + " finished_at = ?, rows_read = ?, error_code = ?, error_message = ? where id = ?")) {
                    update.setObject(1, LocalDateTime.now(clock));
                    update.setLong(2, attempt.rowsRead);
                    update.setString(3, failure.code().name());
                    update.setString(4, clip(failure.getMessage(), 2000));
                    update.setLong(5, attempt.reservedId);
                    update.executeUpdate();
                }
                connection.commit();
                return failure.recordedAs(attempt.reservedId);
            }
            long id;
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into data_import (file_name, status, started_by, started_at, finished_at, rows_read,"
                            + " error_code, error_message) values (?, 'FAILED', ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                insert.setString(1, clip(attempt.fileName, 255));
                insert.setString(2, clip(attempt.startedBy, 64));
                insert.setObject(3, attempt.startedAt);
                insert.setObject(4, LocalDateTime.now(clock));
                insert.setLong(5, attempt.rowsRead);
                insert.setString(6, failure.code().name());
                insert.setString(7, clip(failure.getMessage(), 2000));
                insert.executeUpdate();
                id = generatedId(insert);
            }
            connection.commit();
            return failure.recordedAs(id);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the failed import of " + attempt.fileName, e);
            failure.addSuppressed(e);
            return failure;
        }
    }

    private static long generatedId(Statement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no id generated for data_import");
            }
            return keys.getLong(1);
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** One call of {@link #importCsv}: its state and steps. */
    private final class Attempt {

        private final InputStream body;
        private final long sizeBytes;
        private final String fileName;
        private final String startedBy;
        private final ImportProgress progress;
        private final LocalDateTime startedAt = LocalDateTime.now(clock);

        private long reservedId;
        private SameTransaction alsoCommit = SameTransaction.NOTHING;
        private CheckedCsvText text;
        private long rowsRead;
        private ImportPhase phase = ImportPhase.WAITING;
        private long lastReport = System.nanoTime();
        private boolean progressBroken;

        Attempt(InputStream body, long sizeBytes, String fileName, String startedBy, ImportProgress progress) {
            this.body = body;
            this.sizeBytes = sizeBytes;
            this.fileName = fileName;
            this.startedBy = startedBy;
            this.progress = progress;
        }

        ImportResult run() throws ImportFailedException {
            report(ImportPhase.WAITING);
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    ImportResult result = importInTransaction(connection);
                    alsoCommit.run(connection, result);
                    connection.commit();
                    EmbeddedDurability.flush(connection); // answered as imported: must survive a crash
                    report(ImportPhase.DONE);
                    LOG.log(Level.INFO, "Imported {0}: {1}", fileName, result);
                    return result;
                } catch (ImportFailedException | SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                } finally {
                    restoreAutoCommit(connection, autoCommit);
                }
            } catch (SQLException e) {
                // the SQL text names tables, constraints and data: it goes to the log, the user gets the id
                ErrorReference reference = ErrorReference.log(LOG, "The database failed importing " + fileName, e);
                throw new ImportFailedException(
                        ImportFailedException.Code.DATABASE_ERROR,
                        0,
                        "The database failed, nothing was imported" + reference.sentence(),
                        e);
            } catch (RuntimeException e) {
                ErrorReference reference = ErrorReference.log(LOG, "Internal error importing " + fileName, e);
                throw new ImportFailedException(
                        ImportFailedException.Code.INTERNAL_ERROR,
                        0,
                        "The import failed on an internal error, nothing was imported" + reference.sentence(),
                        e);
            }
        }

        private ImportResult importInTransaction(Connection connection) throws ImportFailedException, SQLException {
            StagedMerge.Dialect dialect = dialect(connection);
            ImportLock.acquire(connection, dialect, isH2(connection), lockWait);
            long importId = insertRunningImport(connection);
            report(ImportPhase.READING);

            text = new CheckedCsvText(body);
            CsvReader<CsvRecord> csv = CsvReader.builder()
                    .allowMissingFields(true)
                    .allowExtraFields(true)
                    .allowExtraCharsAfterClosingQuote(true)
                    .skipEmptyLines(true)
                    .detectBomHeader(false) // CheckedCsvText drops it
                    .build(
                            CsvRecordHandler.builder()
                                    .maxFields(MAX_FIELDS)
                                    .maxFieldSize(MAX_FIELD_SIZE)
                                    .build(),
                            text);
            try (CloseableIterator<CsvRecord> records = csv.iterator()) {
                CsvRecord headerRecord = nextNonBlank(records);
                if (headerRecord == null) {
                    throw new ImportFailedException(
                            ImportFailedException.Code.EMPTY_FILE,
                            0,
                            text.anyText()
                                    ? "The file holds only empty lines: expected a header row and order lines"
                                    : "The file is empty: expected a header row and order lines",
                            null);
                }
                HeaderLayout layout = HeaderLayout.of(headerRecord.getFields(), headerRecord.getStartingLineNumber());
                StagedMerge merge = StagedMerge.prepare(connection, dialect, importId, layout);
                boolean copy = dialect == StagedMerge.Dialect.POSTGRESQL && connection.isWrapperFor(PGConnection.class);
                ItemLineMerger stager = new ItemLineMerger(
                        copy
                                ? new CopyStager(connection, merge.linesTable())
                                : new BatchStager(connection, merge.linesTable()),
                        sizeBytes,
                        copy ? MAX_SUSPECTS_COPY : MAX_SUSPECTS_BATCH);
                RejectionSink rejections = new RejectionSink(connection, importId, stager);
                LineChecker checker = new LineChecker(layout, OrderTotals.remaining(connection));
                long stagedLines;
                try {
                    readLines(records, checker, stager, rejections);
                    stagedLines = stager.finish();
                    rejections.flush();
                } catch (ImportFailedException | SQLException | RuntimeException e) {
                    stager.abort();
                    throw e;
                }

                report(ImportPhase.CHECKING);
                StagedMerge.Outcome outcome = merge.run(
                        stagedLines,
                        stager.runs(),
                        stager.possiblyRepeatedOrders(),
                        rejections.count(),
                        checker.sumsMayOverflow(),
                        startedAt,
                        () -> report(ImportPhase.MERGING));
                List<String> warnings = new ArrayList<>(layout.warnings());
                if (rowsRead == 0) {
                    warnings.add("The file has a header but no order lines");
                }
                ImportResult result = new ImportResult(
                        importId,
                        rowsRead,
                        outcome.rowsImported(),
                        outcome.rowsDuplicate(),
                        outcome.rowsRejected(),
                        outcome.ordersCreated(),
                        outcome.customersCreated(),
                        firstRejections(connection, importId),
                        warnings);
                finishImport(connection, result);
                return result;
            } catch (UncheckedIOException e) {
                throw readFailure(e.getCause());
            } catch (CsvParseException e) {
                // FastCSV's own words (an "Exception when reading record ...") are not for the uploader
                long line = parseErrorLine(e);
                throw new ImportFailedException(
                        ImportFailedException.Code.NOT_CSV,
                        line,
                        (line > 0 ? "Line " + line : "A line") + " holds more than " + MAX_FIELDS
                                + " fields or a value of more than " + MAX_FIELD_SIZE
                                + " characters: this is not a CSV file of orders",
                        e);
            } catch (IOException e) {
                throw readFailure(e);
            }
        }

        private ImportFailedException readFailure(IOException e) {
            if (e instanceof InputProblem problem) {
                return problem.toFailure();
            }
            long bytesRead = text == null ? 0 : text.bytesRead();
            ErrorReference reference =
                    ErrorReference.log(LOG, "Reading " + fileName + " failed after " + bytesRead + " bytes", e);
            return new ImportFailedException(
                    ImportFailedException.Code.READ_ERROR,
                    0,
                    "Reading the file failed after " + bytesRead + " bytes, nothing was imported"
                            + reference.sentence(),
                    e);
        }

        private void readLines(
                CloseableIterator<CsvRecord> records, LineChecker checker, LineStager stager, RejectionSink rejections)
                throws ImportFailedException, SQLException {
            OrderLine line = new OrderLine();
            // A short line is rejected, but if it is the last one and the file does not end with a line break,
            // the upload was cut off: so its verdict waits for the next line.
            RowRejection shortLine = null;
            CsvRecord record;
            while ((record = nextNonBlank(records)) != null) {
                if (shortLine != null) {
                    rejections.add(shortLine);
                    shortLine = null;
                }
                rowsRead++;
                RowRejection rejection = checker.check(record, line);
                if (rejection == null) {
                    stager.add(line);
                } else if (record.getFieldCount() < checker.fieldCount()) {
                    shortLine = rejection;
                } else {
                    rejections.add(rejection);
                }
                if ((rowsRead & 1023) == 0) {
                    reportThrottled();
                }
            }
            if (text.endsInsideQuotedField()) {
                long quoteLine = text.openQuotedFieldLine();
                throw new ImportFailedException(
                        ImportFailedException.Code.TRUNCATED,
                        quoteLine,
                        "The file ends inside the quoted field that starts on line " + quoteLine
                                + ": the upload seems cut off (or a closing quote is missing)",
                        null);
            }
            if (shortLine != null) {
                if (!text.endsWithLineBreak()) {
                    throw new ImportFailedException(
                            ImportFailedException.Code.TRUNCATED,
                            shortLine.line(),
                            "Line " + shortLine.line() + ", the last one, is incomplete (" + shortLine.message()
                                    + ") and has no line break: the upload seems cut off",
                            null);
                }
                rejections.add(shortLine);
            }
            report(ImportPhase.READING);
        }

        private CsvRecord nextNonBlank(CloseableIterator<CsvRecord> records) {
            while (records.hasNext()) {
                CsvRecord record = records.next();
                if (!LineChecker.isBlank(record)) {
                    return record;
                }
            }
            return null;
        }

        private long insertRunningImport(Connection connection) throws SQLException {
            if (reservedId > 0) {
                try (PreparedStatement update = connection.prepareStatement(
                        "update data_import set status = 'RUNNING', started_at = ? where id = ? and status = 'QUEUED'")) {
                    update.setObject(1, startedAt);
                    update.setLong(2, reservedId);
                    if (update.executeUpdate() != 1) {
                        throw new SQLException("import " + reservedId + " is not a queued import");
                    }
                }
                return reservedId;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into data_import (file_name, status, started_by, started_at) values (?, 'RUNNING', ?, ?)",
                    new String[] {"id"})) {
                insert.setString(1, clip(fileName, 255));
                insert.setString(2, clip(startedBy, 64));
                insert.setObject(3, startedAt);
                insert.executeUpdate();
                return generatedId(insert);
            }
        }

        private void finishImport(Connection connection, ImportResult result) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement("update data_import set status = 'SUCCEEDED',"
                    + " finished_at = ?, rows_read = ?, rows_imported = ?, rows_duplicate = ?, rows_rejected = ?,"
                    + " orders_created = ?, customers_created = ? where id = ?")) {
                update.setObject(1, LocalDateTime.now(clock));
                update.setLong(2, result.rowsRead());
                update.setLong(3, result.rowsImported());
                update.setLong(4, result.rowsDuplicate());
                update.setLong(5, result.rowsRejected());
                update.setLong(6, result.ordersCreated());
                update.setLong(7, result.customersCreated());
                update.setLong(8, result.importId());
                update.executeUpdate();
            }
        }

        private List<RowRejection> firstRejections(Connection connection, long importId) throws SQLException {
            List<RowRejection> errors = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "select line_no, column_name, message from import_rejection where import_id = ?"
                            + " order by line_no fetch first " + ImportResult.MAX_ERRORS + " rows only")) {
                query.setLong(1, importId);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        errors.add(new RowRejection(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return errors;
        }

        private void reportThrottled() {
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_INTERVAL_NANOS) {
                report(phase);
            }
        }

        private void report(ImportPhase newPhase) {
            phase = newPhase;
            lastReport = System.nanoTime();
            if (progressBroken) {
                return;
            }
            try {
                progress.update(phase, text == null ? 0 : text.bytesRead(), sizeBytes, rowsRead);
            } catch (RuntimeException e) {
                // a broken progress bar must not break the import
                progressBroken = true;
                LOG.log(Level.WARNING, "Import progress receiver failed; no more reports for this import", e);
            }
        }
    }

    /** The line FastCSV names in a parse error (its record's first line), 0 when it names none. */
    static long parseErrorLine(CsvParseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = PARSE_LINE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                try {
                    return Long.parseLong(m.group(1));
                } catch (NumberFormatException tooLong) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static StagedMerge.Dialect dialect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgresql")
                ? StagedMerge.Dialect.POSTGRESQL
                : StagedMerge.Dialect.GENERIC;
    }

    private static boolean isH2(Connection connection) throws SQLException {
        return "H2".equals(connection.getMetaData().getDatabaseProductName());
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "Could not restore auto-commit", e);
        }
    }
}
