package dev.rfm.domain.source;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * "Test connection": connects to a source, runs its query and returns the first {@value #MAX_ROWS} rows, never more
 * (the driver is told the row limit, so a large table is not read), within a statement timeout; and says which import
 * columns the query lacks and whether the watermark column can serve.
 */
public final class SourcePreview {

    /** Rows a preview shows at most. */
    public static final int MAX_ROWS = 20;

    /** What a preview found. {@code watermarkKind} is {@code null} when the watermark column cannot serve. */
    public record Result(
            List<String> columns,
            List<List<String>> rows,
            List<String> missingColumns,
            String watermarkKind,
            List<String> problems) {

        public Result {
            columns = List.copyOf(columns);
            rows = rows.stream()
                    .map(r -> Collections.unmodifiableList(new ArrayList<>(r)))
                    .toList(); // nulls kept
            missingColumns = List.copyOf(missingColumns);
            problems = List.copyOf(problems);
        }

        /** Whether a pull can run as the source is defined. */
        public boolean ready() {
            return problems.isEmpty();
        }
    }

    private static final List<String> REQUIRED = SourceRows.IMPORT_COLUMNS.subList(0, 4);

    private SourcePreview() {}

    /** Runs the query of a stored source with its stored password. */
    public static Result of(DataSources sources, StoredSource source, int timeoutSeconds) throws SQLException {
        return of(source.definition(), sources.password(source.id()), timeoutSeconds);
    }

    /**
     * Runs the query of {@code source}.
     *
     * @throws SQLException when the source cannot be reached or the query fails (its message says why)
     */
    public static Result of(SourceDefinition source, String password, int timeoutSeconds) throws SQLException {
        try (Connection c = SourceConnections.open(source.jdbcUrl(), source.user(), password)) {
            try (PreparedStatement query = c.prepareStatement("select * from (" + source.query() + ") src")) {
                query.setMaxRows(MAX_ROWS);
                query.setFetchSize(MAX_ROWS);
                query.setQueryTimeout(timeoutSeconds);
                try (ResultSet rs = query.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    int watermark = 0;
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String label = meta.getColumnLabel(i);
                        columns.add(label);
                        if (label.equalsIgnoreCase(source.watermarkColumn())) {
                            watermark = i;
                        }
                    }
                    List<List<String>> rows = new ArrayList<>();
                    while (rows.size() < MAX_ROWS && rs.next()) {
                        List<String> row = new ArrayList<>(columns.size());
                        for (int i = 1; i <= columns.size(); i++) {
                            Object value = rs.getObject(i);
                            row.add(
                                    value == null
                                            ? null
                                            : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
                        }
                        rows.add(row);
                    }
                    Watermark.Kind kind = watermark == 0 ? null : Watermark.kindOf(meta, watermark);
                    List<String> lower = columns.stream()
                            .map(s -> s.toLowerCase(Locale.ROOT))
                            .toList();
                    List<String> missing =
                            REQUIRED.stream().filter(r -> !lower.contains(r)).toList();
                    List<String> problems = new ArrayList<>();
                    if (!missing.isEmpty()) {
                        problems.add("The query lacks the import columns " + String.join(", ", missing));
                    }
                    if (kind == null) {
                        problems.add("The watermark column " + source.watermarkColumn()
                                + (watermark == 0
                                        ? " is not a column of the query"
                                        : " is not a date, time or number"));
                    }
                    return new Result(columns, rows, missing, kind == null ? null : kind.name(), problems);
                }
            } finally {
                c.rollback();
            }
        }
    }
}
