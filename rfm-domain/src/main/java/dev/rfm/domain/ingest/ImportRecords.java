package dev.rfm.domain.ingest;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the import history and the rejected lines of an import, e.g. for the download "rejected rows as
 * CSV".
 *
 * <p>Usage, in a JAX-RS resource: {@code records.find(id)} for a 404, then {@code StreamingOutput out ->
 * records.writeRejectionsCsv(id, out)}.
 */
public final class ImportRecords {

    private static final String[] REJECTIONS_CSV_HEADER = {"line", "column", "message"};

    private static final int FETCH_SIZE = 2_000;

    private final DataSource dataSource;

    public ImportRecords(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    private static final String RECORD_COLUMNS = "select id, file_name, status, started_by, started_at, finished_at,"
            + " rows_read, rows_imported, rows_duplicate, rows_rejected, orders_created, customers_created,"
            + " error_code, error_message from data_import";

    /** The import with this id, if there is one. */
    public Optional<ImportRecord> find(long importId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(RECORD_COLUMNS + " where id = ?")) {
            query.setLong(1, importId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(toRecord(rs)) : Optional.empty();
            }
        }
    }

    /** The most recent imports, newest first, failed ones included: the import history. */
    public List<ImportRecord> recent(int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        RECORD_COLUMNS + " order by id desc fetch first " + Math.max(1, limit) + " rows only");
                ResultSet rs = query.executeQuery()) {
            List<ImportRecord> records = new ArrayList<>();
            while (rs.next()) {
                records.add(toRecord(rs));
            }
            return records;
        }
    }

    /** The latest import of each data source (its pulls, decision 0016), by source id. */
    public Map<Long, ImportRecord> lastPullOfEachSource() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        RECORD_COLUMNS.replace(" from data_import", ", source_id from data_import")
                                + " where id in (select max(id) from data_import where source_id is not null"
                                + " group by source_id)");
                ResultSet rs = query.executeQuery()) {
            Map<Long, ImportRecord> last = new HashMap<>();
            while (rs.next()) {
                last.put(rs.getLong(15), toRecord(rs));
            }
            return last;
        }
    }

    private static ImportRecord toRecord(ResultSet rs) throws SQLException {
        return new ImportRecord(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, LocalDateTime.class),
                rs.getObject(6, LocalDateTime.class),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getString(13),
                rs.getString(14));
    }

    /**
     * Writes every rejected line of an import as UTF-8 CSV with the header {@code line,column,message}, in
     * line order, streaming (rows are fetched in pages, never all held in memory). An unknown id gives just
     * the header. Does not close {@code out}.
     *
     * @return how many rejections were written
     */
    public long writeRejectionsCsv(long importId, OutputStream out) throws IOException, SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL streams with a cursor only outside auto-commit
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement(
                    "select line_no, column_name, message from import_rejection where import_id = ? order by line_no")) {
                query.setFetchSize(FETCH_SIZE);
                query.setLong(1, importId);
                CsvWriter csv =
                        CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(new NonClosingOutputStream(out));
                long count = 0;
                try (ResultSet rs = query.executeQuery()) {
                    csv.writeRecord(REJECTIONS_CSV_HEADER);
                    while (rs.next()) {
                        String column = rs.getString(2);
                        csv.writeRecord(Long.toString(rs.getLong(1)), column == null ? "" : column, rs.getString(3));
                        count++;
                    }
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                csv.close();
                return count;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Lets the CSV writer flush and close without closing the caller's stream. */
    private static final class NonClosingOutputStream extends OutputStream {

        private final OutputStream out;

        NonClosingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
