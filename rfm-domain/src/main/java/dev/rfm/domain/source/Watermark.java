package dev.rfm.domain.source;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;

/**
 * The highest value of a source's watermark column that a committed pull has read, with the column's kind, so the
 * next pull can bind it back as the same SQL type. Stored as text ({@code data_source.watermark_value}).
 *
 * <p>Pulls read rows with {@code watermark >= this - overlap} ({@link #bindFrom}): {@code >=}, not {@code >}, so
 * rows that share the last value but committed after the pull are read too (ties); the overlap reaches further back
 * for rows that commit late. A number watermark (a change sequence) has no overlap beyond the tie.
 */
public record Watermark(Kind kind, String value) implements Comparable<Watermark> {

    /** The SQL types a watermark column may have. */
    public enum Kind {
        TIMESTAMP,
        TIMESTAMPTZ,
        DATE,
        NUMBER
    }

    public Watermark {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        parse(kind, value); // rejects text that does not fit the kind
    }

    /** The kind of a result set column, or {@code null} when it cannot serve as a watermark. */
    static Kind kindOf(ResultSetMetaData meta, int column) throws SQLException {
        String typeName = String.valueOf(meta.getColumnTypeName(column)).toLowerCase(Locale.ROOT);
        return switch (meta.getColumnType(column)) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMPTZ;
            // PostgreSQL's driver reports timestamptz as TIMESTAMP and names it
            case Types.TIMESTAMP ->
                typeName.contains("tz") || typeName.contains("time zone") ? Kind.TIMESTAMPTZ : Kind.TIMESTAMP;
            case Types.DATE -> Kind.DATE;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL ->
                Kind.NUMBER;
            default -> null;
        };
    }

    /** The watermark of the current row's column, or {@code null} when the value is null. */
    static Watermark read(ResultSet rs, int column, Kind kind) throws SQLException {
        Object value =
                switch (kind) {
                    case TIMESTAMP -> rs.getObject(column, LocalDateTime.class);
                    case TIMESTAMPTZ -> rs.getObject(column, OffsetDateTime.class);
                    case DATE -> rs.getObject(column, LocalDate.class);
                    case NUMBER -> rs.getBigDecimal(column);
                };
        if (value == null) {
            return null;
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
        return new Watermark(kind, text);
    }

    /** Binds the lowest value the next pull reads: this one minus the overlap (none for numbers). */
    void bindFrom(PreparedStatement statement, int parameter, int overlapMinutes) throws SQLException {
        Object from =
                switch (kind) {
                    case TIMESTAMP -> LocalDateTime.parse(value).minusMinutes(overlapMinutes);
                    case TIMESTAMPTZ -> OffsetDateTime.parse(value).minusMinutes(overlapMinutes);
                    // a date holds a whole day: any overlap at all reaches back to whole earlier days
                    case DATE -> LocalDate.parse(value).minusDays((overlapMinutes + 1439) / 1440);
                    case NUMBER -> new BigDecimal(value);
                };
        statement.setObject(parameter, from);
    }

    @Override
    public int compareTo(Watermark other) {
        if (kind != other.kind) {
            throw new IllegalArgumentException(
                    "watermarks of kinds " + kind + " and " + other.kind + " do not compare");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        int order = ((Comparable) parse(kind, value)).compareTo(parse(kind, other.value));
        return order;
    }

    private static Object parse(Kind kind, String value) {
        return switch (kind) {
            case TIMESTAMP -> LocalDateTime.parse(value);
            case TIMESTAMPTZ -> OffsetDateTime.parse(value).toInstant();
            case DATE -> LocalDate.parse(value);
            case NUMBER -> new BigDecimal(value);
        };
    }
}
