package dev.rfm.domain.source;

import dev.rfm.domain.ingest.InputProblem;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A pull's rows as the CSV text of an import file, produced row by row as the importer reads: the source's cursor
 * streams (fetch size {@value #FETCH_SIZE}), so memory does not grow with the pull.
 *
 * <p>The header names the import columns the query returns; other columns (the watermark, for one) are left out. Row
 * {@code n} of the result is line {@code n + 1} of the text (line 1 is the header): line breaks inside values become
 * spaces, so the importer's line numbers stay row numbers. Dates and times are written as ISO text; a time with a
 * time zone is converted to the server's zone, as the product stores local times.
 *
 * <p>Any failure of the source (connection lost, query error, timeout) surfaces as an {@link InputProblem} of kind
 * {@code SOURCE_ERROR}: the importer then writes nothing of the pull.
 */
final class SourceRows extends InputStream {

    static final int FETCH_SIZE = 1_000;

    /** The columns an import reads, in the order the header lists them. */
    static final List<String> IMPORT_COLUMNS = List.of(
            "customer_id",
            "order_id",
            "order_date",
            "amount",
            "quantity",
            "channel",
            "customer_name",
            "customer_email");

    private final SourceDefinition source;
    private final String password;
    private final Watermark from;
    private final int queryTimeoutSeconds;
    private final ZoneId zone;

    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private int[] columns;
    private int watermarkColumn;
    private Watermark.Kind watermarkKind;

    private byte[] buffer = new byte[0];
    private int position;
    private boolean finished;
    private long rowsRead;
    private Watermark highest;

    /**
     * @param from the last committed watermark, {@code null} for the first pull (all rows)
     */
    SourceRows(SourceDefinition source, String password, Watermark from, int queryTimeoutSeconds, ZoneId zone) {
        this.source = source;
        this.password = password;
        this.from = from;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.zone = zone;
    }

    /** The highest watermark among the rows read so far, {@code null} before the first. */
    Watermark highest() {
        return highest;
    }

    long rowsRead() {
        return rowsRead;
    }

    /** The SQL a pull runs: the ADMIN's query, filtered from the watermark and ordered by it. */
    static String pullSql(SourceDefinition source, boolean fromWatermark) {
        String column = "src." + source.watermarkColumn();
        return "select * from (" + source.query() + ") src where "
                + (fromWatermark ? column + " >= ?" : column + " is not null") + " order by " + column;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == buffer.length) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    private void fill() throws IOException {
        try {
            StringBuilder text = new StringBuilder(256);
            if (rows == null) {
                start(text);
            }
            for (int i = 0; i < 64 && !finished; i++) {
                if (rows.next()) {
                    appendRow(text);
                } else {
                    finished = true;
                }
            }
            buffer = text.toString().getBytes(StandardCharsets.UTF_8);
            position = 0;
        } catch (SQLException e) {
            finished = true;
            throw InputProblem.sourceFailed("The source " + source.name() + " failed after " + rowsRead + " rows: "
                    + e.getMessage() + " (nothing of this pull was imported)");
        }
    }

    private void start(StringBuilder header) throws SQLException, IOException {
        connection = SourceConnections.open(source.jdbcUrl(), source.user(), password);
        statement = connection.prepareStatement(
                pullSql(source, from != null), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        statement.setQueryTimeout(queryTimeoutSeconds);
        if (from != null) {
            from.bindFrom(statement, 1, source.overlapMinutes());
        }
        rows = statement.executeQuery();
        ResultSetMetaData meta = rows.getMetaData();
        watermarkColumn = indexOf(meta, source.watermarkColumn());
        watermarkKind = watermarkColumn == 0 ? null : Watermark.kindOf(meta, watermarkColumn);
        if (watermarkKind == null) {
            throw InputProblem.sourceFailed("The watermark column " + source.watermarkColumn()
                    + " is not a date, time or number column of the query's result");
        }
        if (from != null && from.kind() != watermarkKind) {
            throw InputProblem.sourceFailed("The watermark column " + source.watermarkColumn() + " is now of kind "
                    + watermarkKind + ", the last pull's was " + from.kind());
        }
        List<Integer> present = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : IMPORT_COLUMNS) {
            int index = indexOf(meta, name);
            if (index > 0) {
                present.add(index);
                names.add(name);
            }
        }
        columns = present.stream().mapToInt(Integer::intValue).toArray();
        header.append(String.join(",", names)).append('\n'); // missing required ones: the importer names them
    }

    private static int indexOf(ResultSetMetaData meta, String name) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return 0;
    }

    private void appendRow(StringBuilder line) throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = text(rows.getObject(columns[i]));
            if (!value.isEmpty()) {
                line.append('"')
                        .append(value.replace("\r\n", " ")
                                .replace('\r', ' ')
                                .replace('\n', ' ')
                                .replace("\"", "\"\""))
                        .append('"');
            }
        }
        line.append('\n');
        rowsRead++;
        Watermark mark = Watermark.read(rows, watermarkColumn, watermarkKind);
        if (mark != null && (highest == null || mark.compareTo(highest) > 0)) {
            highest = mark;
        }
    }

    private String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof OffsetDateTime at) {
            return at.atZoneSameInstant(zone).toLocalDateTime().toString();
        }
        return value.toString();
    }

    @Override
    public void close() {
        // the source is only read: end its transaction without effect, and let go of the cursor and connection
        try (Connection c = connection;
                PreparedStatement s = statement;
                ResultSet r = rows) {
            if (c != null && !c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // nothing was written there; a broken connection is closed all the same
        }
    }
}
