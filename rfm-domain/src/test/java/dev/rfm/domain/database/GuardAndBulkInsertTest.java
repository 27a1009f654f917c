package dev.rfm.domain.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.domain.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The scoring-run guard and the bulk writer, on H2 and on a real PostgreSQL. */
class GuardAndBulkInsertTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 23, 2, 0);

    @AfterAll
    static void clean() {
        DATABASES.deleteImportedData();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void onlyOneHolderAtATimeAndOnlyTheHolderReleases(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        NamedLock guard = new NamedLock(NamedLock.SCORING_RUN);
        try (Connection c = ds.getConnection()) {
            assertThat(guard.tryAcquire(c, "41", NOW)).isTrue();
            assertThat(guard.tryAcquire(c, "42", NOW)).isFalse();
            assertThat(guard.holder(c)).contains("41");
            guard.release(c, "42"); // not the holder: nothing happens
            assertThat(guard.holder(c)).contains("41");
            assertThat(guard.takeOver(c, "40", "43", NOW)).isFalse(); // 40 is not the holder
            assertThat(guard.takeOver(c, "41", "43", NOW)).isTrue();
            guard.release(c, "43");
            assertThat(guard.holder(c)).isEmpty();
            assertThat(guard.tryAcquire(c, "44", NOW)).isTrue();
            guard.release(c, "44");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void bulkInsertWritesEveryRowWithItsTypesAndEscapes(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (BulkInsert rows =
                    BulkInsert.into(c, "segment_migration", "run_id", "scheme", "from_code", "to_code", "customers")) {
                for (int i = 0; i < 12_345; i++) {
                    rows.row(7L, "standard", "A\\B\t" + i, "C\nD", (long) i);
                }
                rows.row(7L, "cn8", "重要价值客户", "NONE", 1L);
                assertThat(rows.finish()).isEqualTo(12_346);
            }
            c.commit();
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("select count(*), sum(customers) from segment_migration where run_id = 7")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(12_346);
                assertThat(rs.getLong(2)).isEqualTo(12_344L * 12_345 / 2 + 1);
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select from_code, to_code from segment_migration"
                            + " where run_id = 7 and customers = 5 and scheme = 'standard'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("A\\B\t5");
                assertThat(rs.getString(2)).isEqualTo("C\nD");
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "select from_code from segment_migration where scheme = 'cn8' and run_id = 7")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("重要价值客户");
            }
            try (BulkInsert rows = BulkInsert.into(c, "current_snapshot", "id", "run_id")) {
                assertThatThrownBy(() -> rows.row(1)).hasMessageContaining("takes 2 values per row, got 1");
            }
            c.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void bulkInsertWritesNullsDatesAndDecimals(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (BulkInsert rows = BulkInsert.into(
                    c,
                    "scoring_run",
                    "id",
                    "status",
                    "progress",
                    "reference_date",
                    "trigger_source",
                    "queued_at",
                    "bgnbd_converged",
                    "bgnbd_r")) {
                rows.row(
                        900L, "SUCCEEDED", 1.0, LocalDate.of(1997, 10, 1), "MANUAL", "2026-11-23 02:00:00", true, null);
                rows.finish();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "select reference_date, bgnbd_converged, bgnbd_r from scoring_run where id = 900")) {
                rs.next();
                assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(1997, 10, 1));
                assertThat(rs.getBoolean(2)).isTrue();
                rs.getDouble(3);
                assertThat(rs.wasNull()).isTrue();
            }
            c.rollback();
        }
    }
}
