package dev.rfm.domain.testing;

import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The databases the product supports, for tests that must pass on each: {@code @ParameterizedTest
 * @EnumSource(TestDatabase.class) void test(TestDatabase database)}.
 *
 * <p>Usage, with one database of each kind per test class:
 *
 * <pre>{@code
 * class RepositoryTest {
 *     final TestDatabase.PerClass databases = new TestDatabase.PerClass(); // with @TestInstance(PER_CLASS)
 *
 *     @ParameterizedTest
 *     @EnumSource(TestDatabase.class)
 *     void storesThings(TestDatabase database) {
 *         DataSource db = databases.get(database);
 *     }
 * }
 * }</pre>
 */
public enum TestDatabase {
    H2 {
        @Override
        public DataSource create() {
            return TestDatabases.h2();
        }
    },
    POSTGRESQL {
        @Override
        public DataSource create() {
            return TestDatabases.postgres();
        }
    };

    /** A new migrated database of this kind. */
    public abstract DataSource create();

    /** One database of each kind, created on first use: keep one per test class. */
    public static final class PerClass {

        private final Map<TestDatabase, DataSource> created = new EnumMap<>(TestDatabase.class);

        public synchronized DataSource get(TestDatabase database) {
            return created.computeIfAbsent(database, TestDatabase::create);
        }

        /** True once {@link #get} created the database. */
        public synchronized boolean started(TestDatabase database) {
            return created.containsKey(database);
        }

        /** {@link TestDatabases#deleteImportedData} on every database created so far. */
        public synchronized void deleteImportedData() {
            created.values().forEach(TestDatabases::deleteImportedData);
        }
    }
}
