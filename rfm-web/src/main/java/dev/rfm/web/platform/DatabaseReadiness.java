package dev.rfm.web.platform;

import dev.rfm.domain.database.Database;
import dev.rfm.domain.database.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the database answers and the schema migrations have run (API-CONTRACT.md "Health"). */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SchemaMigration migration;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        boolean migrated = migration.isMigrated();
        response.withData("migrated", migrated);
        try (Connection connection = dataSource.getConnection()) {
            response.withData("database", connection.getMetaData().getDatabaseProductName());
            return response.status(migrated && connection.isValid(5)).build();
        } catch (SQLException e) {
            return response.withData("error", e.getMessage()).down().build();
        }
    }
}
