package dev.rfm.domain.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.domain.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The typed bulk writer stores every value exactly as given, on H2 (JDBC batches) and on PostgreSQL (binary COPY):
 * written rows read back equal, booleans both ways, decimals at their edges (zero, one ten-thousandth, the largest numeric(19,4)), doubles
 * at theirs, text with tabs, newlines, backslashes and Chinese, NULL in every type.
 */
class TypedBulkInsertTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    record Row(long id, Integer count, Short score, Double share, BigDecimal amount, String label, boolean flag) {}

    private static final long[] AMOUNTS = {
        0,
        1,
        -1,
        5,
        10_000,
        -10_000,
        12_345_678,
        100_000_000,
        1_000_000_000_000L,
        999_999_999_999_999_999L,
        -999_999_999_999_999_999L,
        123_400_000,
        9_999
    };
    private static final double[] SHARES = {0.5, -0.0, 1e-300, Double.MAX_VALUE, Double.MIN_VALUE, 1.0 / 3, -2.5e10};
    private static final String[] LABELS = {"", "CHAMPIONS", "重要价值客户", "tab\there", "new\nline", "back\\slash", "x"};

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rowsReadBackExactlyAsWritten(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        List<Row> written = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // more than one COPY buffer and one batch
            boolean nulls = i % 7 == 3;
            written.add(new Row(
                    i,
                    nulls ? null : i - 10_000,
                    nulls ? null : (short) (i % 5 - 2),
                    nulls ? null : SHARES[i % SHARES.length],
                    nulls ? null : BigDecimal.valueOf(AMOUNTS[i % AMOUNTS.length], 4),
                    nulls ? null : LABELS[i % LABELS.length],
                    i % 3 == 1));
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            execute(
                    c,
                    "create table typed_rows (id bigint not null, count integer, score smallint,"
                            + " share double precision, amount numeric(19, 4), label varchar(40),"
                            + " flag boolean not null)");
            try (TypedBulkInsert rows = TypedBulkInsert.into(
                    c, "typed_rows", true, "id", "count", "score", "share", "amount", "label", "flag")) {
                for (Row r : written) {
                    rows.int8(r.id());
                    if (r.count() == null) rows.nullValue(Types.INTEGER);
                    else rows.int4(r.count());
                    if (r.score() == null) rows.nullValue(Types.SMALLINT);
                    else rows.int2(r.score());
                    if (r.share() == null) rows.nullValue(Types.DOUBLE);
                    else rows.float8(r.share());
                    if (r.amount() == null) rows.nullValue(Types.NUMERIC);
                    else rows.decimal4(r.amount().unscaledValue().longValueExact());
                    rows.text(r.label()).bool(r.flag()).endRow();
                }
                assertThat(rows.finish()).isEqualTo(written.size());
            }
            c.commit();
            List<Row> read = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select * from typed_rows order by id")) {
                while (rs.next()) {
                    read.add(new Row(
                            rs.getLong(1),
                            (Integer) rs.getObject(2, Integer.class),
                            rs.getObject(3) == null ? null : rs.getShort(3),
                            (Double) rs.getObject(4, Double.class),
                            rs.getBigDecimal(5),
                            rs.getString(6),
                            rs.getBoolean(7)));
                }
            }
            assertThat(read).hasSameSizeAs(written);
            for (int i = 0; i < written.size(); i++) {
                Row w = written.get(i), r = read.get(i);
                assertThat(r.id()).isEqualTo(w.id());
                assertThat(r.count()).isEqualTo(w.count());
                assertThat(r.score()).isEqualTo(w.score());
                assertThat(
                                r.share() == null
                                        ? w.share() == null
                                        : w.share() != null
                                                && r.share().doubleValue()
                                                        == w.share().doubleValue())
                        .as("share %s read as %s", w.share(), r.share())
                        .isTrue();
                assertThat(r.amount() == null ? null : r.amount().compareTo(w.amount()))
                        .as("amount %s read as %s", w.amount(), r.amount())
                        .isEqualTo(w.amount() == null ? null : 0);
                assertThat(r.label()).isEqualTo(w.label());
                assertThat(r.flag()).isEqualTo(w.flag());
            }
            execute(c, "drop table typed_rows");
            c.commit();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRowWithTooFewOrTooManyValuesIsRefused(TestDatabase database) throws SQLException {
        try (Connection c = DATABASES.get(database).getConnection()) {
            c.setAutoCommit(false);
            execute(c, "create table typed_pairs (a bigint, b bigint)");
            try (TypedBulkInsert rows = TypedBulkInsert.into(c, "typed_pairs", false, "a", "b")) {
                rows.int8(1);
                assertThatThrownBy(rows::endRow).hasMessage("typed_pairs takes 2 values per row, got 1");
                rows.int8(2);
                assertThatThrownBy(() -> rows.int8(3)).hasMessage("typed_pairs takes 2 values per row");
            }
            c.rollback();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
