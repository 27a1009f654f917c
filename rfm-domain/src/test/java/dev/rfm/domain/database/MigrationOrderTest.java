package dev.rfm.domain.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A database that a delivered version migrated must upgrade: Flyway refuses to start when a migration numbered
 * below the newest applied one appears later ("resolved migration not applied"). So every migration added after a
 * delivery is numbered above all delivered ones. {@link #DELIVERED} lists the versions of the last delivered commit;
 * add the new ones to it when a version is delivered.
 */
class MigrationOrderTest {

    /** Versions every database of the previous delivery has applied (common and per-vendor locations). */
    static final Set<String> DELIVERED = Set.of("1", "2", "3", "4", "4.1", "5", "6", "8", "9", "10", "10.1");

    private static final Path MIGRATIONS = Path.of(System.getProperty("basedir", "."), "src/main/resources/db");

    @Test
    void newMigrationsComeAfterEveryDeliveredOne() throws IOException {
        List<String> versions = versions();
        assertThat(versions).containsAll(DELIVERED);
        BigDecimal newestDelivered = DELIVERED.stream()
                .map(BigDecimal::new)
                .max(BigDecimal::compareTo)
                .orElseThrow();
        assertThat(versions.stream().filter(v -> !DELIVERED.contains(v)).map(BigDecimal::new))
                .as("versions added since the last delivery")
                .allSatisfy(v -> assertThat(v).isGreaterThan(newestDelivered));
    }

    /** The versions of all locations: V4_1__x.sql is 4.1. */
    private static List<String> versions() throws IOException {
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .distinct()
                    .toList();
        }
    }
}
