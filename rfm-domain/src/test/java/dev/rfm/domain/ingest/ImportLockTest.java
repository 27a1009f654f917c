package dev.rfm.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.rfm.domain.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Imports run one at a time across servers: each holds the {@code app_lock} row 'import' until it commits. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportLockTest {

    private final TestDatabase.PerClass databases = new TestDatabase.PerClass();
    private final ExecutorService otherServer = Executors.newSingleThreadExecutor();

    @AfterEach
    void clean() {
        databases.deleteImportedData();
    }

    @AfterAll
    void stop() {
        otherServer.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anImportWaitsWhileAnotherHoldsTheImportLock(TestDatabase database) throws Exception {
        DataSource db = databases.get(database);
        byte[] file = "customer_id,order_id,order_date,amount\nC1,O1,2024-03-01,1\n".getBytes(StandardCharsets.UTF_8);
        AtomicReference<ImportPhase> phase = new AtomicReference<>();
        Future<ImportResult> waiting;

        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement();
                    ResultSet rs = s.executeQuery("select name from app_lock where name = 'import' for update")) {
                assertThat(rs.next()).isTrue();
            }
            waiting = otherServer.submit(() -> new OrderImporter(db, ImportDatabase.CLOCK)
                    .importCsv(new ByteArrayInputStream(file), "x.csv", "other", (p, b, t, r) -> phase.set(p)));

            Thread.sleep(700);
            assertThat(waiting).isNotDone();
            assertThat(phase.get()).isEqualTo(ImportPhase.WAITING);
            assertThat(new ImportDatabase(db).count("data_import")).isZero();
            holder.rollback();
        }

        ImportResult result = waiting.get(60, TimeUnit.SECONDS);
        assertThat(result.rowsImported()).isEqualTo(1);
        assertThat(phase.get()).isEqualTo(ImportPhase.DONE);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anImportThatWaitsTooLongFailsAsBusyAndTheSessionKeepsItsLockTimeout(TestDatabase database) throws Exception {
        DataSource db = databases.get(database);
        byte[] file = "customer_id,order_id,order_date,amount\nC1,O1,2024-03-01,1\n".getBytes(StandardCharsets.UTF_8);

        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement();
                    ResultSet rs = s.executeQuery("select name from app_lock where name = 'import' for update")) {
                assertThat(rs.next()).isTrue();
            }
            OrderImporter impatient = new OrderImporter(db, ImportDatabase.CLOCK, Duration.ofMillis(500));

            ImportFailedException failure = catchThrowableOfType(
                    ImportFailedException.class,
                    () -> impatient.importCsv(new ByteArrayInputStream(file), "x.csv", "other", ImportProgress.none()));

            assertThat(failure.code()).isEqualTo(ImportFailedException.Code.BUSY);
            assertThat(failure.getMessage())
                    .isEqualTo("Another import is running and did not finish within 500 ms: try again when it is done");
            holder.rollback();
        }
        assertThat(new ImportDatabase(db).imports())
                .extracting(ImportDatabase.StoredImport::status, ImportDatabase.StoredImport::errorCode)
                .containsExactly(tuple("FAILED", "BUSY"));
    }
}
