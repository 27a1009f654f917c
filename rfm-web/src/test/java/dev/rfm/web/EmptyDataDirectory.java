package dev.rfm.web;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives an IT class an empty {@code RFM_DATA_DIR} and leaves it empty behind it. Failsafe runs every IT class
 * against the one data directory that the build wipes before the run, so without this a class would see what the
 * classes before it imported (the CDNOW log can be imported for the first time only once).
 *
 * <p>Usage: register it <em>before</em> {@code ArquillianExtension}, so it runs before Payara Micro boots and after
 * Arquillian stopped it: {@code @ExtendWith(EmptyDataDirectory.class) @ExtendWith(ArquillianExtension.class)}.
 *
 * <p>Arquillian stops Payara Micro with {@code Process.destroy()} and does not wait, so this waits until the H2
 * database file is no longer locked by a server before deleting it.
 */
final class EmptyDataDirectory implements BeforeAllCallback, AfterAllCallback {

    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(90);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        empty();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        empty();
    }

    private static void empty() throws IOException {
        String configured = System.getenv("RFM_DATA_DIR");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("RFM_DATA_DIR is not set: run the ITs through failsafe (mvn verify)");
        }
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        if (!dir.toString().contains("/target/")) {
            throw new IllegalStateException("Refusing to empty " + dir + ": it is not inside a build directory");
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path database = dir.resolve("rfm.mv.db");
        await("a stopped server releasing " + database)
                .atMost(RELEASE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> isUnlocked(database));
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(EmptyDataDirectory::delete);
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
}
