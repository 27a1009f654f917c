package dev.rfm.domain.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date when the application deploys, before anything else touches the database. Beans that
 * need the tables at start-up declare {@code @DependsOn("SchemaMigration")}.
 *
 * <p>Bean-managed transactions, because Flyway commits each migration itself.
 */
@Singleton(name = "SchemaMigration")
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    private volatile boolean migrated;

    @PostConstruct
    void migrate() {
        MigrateResult result = applyTo(dataSource);
        migrated = true;
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    /** Applies the product's migrations to any data source: used at deployment and by tests and tools. */
    public static MigrateResult applyTo(DataSource dataSource) {
        return flyway(dataSource).migrate();
    }

    /**
     * Flyway set up for the product's migrations: the common scripts in {@code db/migration}, plus those written for
     * one database only in {@code db/migration-postgresql} or {@code db/migration-h2} (a version number is used by
     * both or by one of the common scripts, never twice).
     */
    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/migration-" + vendor(dataSource))
                .load();
    }

    private static String vendor(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().equals("PostgreSQL") ? "postgresql" : "h2";
        } catch (SQLException e) {
            throw new IllegalStateException("The database cannot be reached to migrate its schema", e);
        }
    }

    /** True once the schema is current; readiness depends on it. */
    public boolean isMigrated() {
        return migrated;
    }
}
