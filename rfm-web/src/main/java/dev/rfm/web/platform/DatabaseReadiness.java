package dev.rfm.web.platform;

import dev.rfm.domain.database.Database;
import dev.rfm.domain.database.SchemaMigration;
import dev.rfm.domain.incident.ErrorReference;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the database answers and the schema migrations have run (API-CONTRACT.md "Health").
 *
 * <p>The bean is created when the application starts, so its data source is looked up then, on a thread with the
 * application's naming context. A server may call health checks on a thread of its own where {@code java:app} names
 * cannot be looked up (WildFly does); the check itself never looks anything up.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final System.Logger LOG = System.getLogger(DatabaseReadiness.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SchemaMigration migration;

    /** Creates this bean (and so resolves its injections) at application start. */
    void resolveAtStartup(@Observes Startup startup) {
        // nothing else to do: observing the event is what makes the container create the bean now
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        boolean migrated = migration.isMigrated();
        response.withData("migrated", migrated);
        try (Connection connection = dataSource.getConnection()) {
            response.withData("database", connection.getMetaData().getDatabaseProductName());
            return response.status(migrated && connection.isValid(5)).build();
        } catch (SQLException e) {
            // the health check is public: the driver's text (host names, users, paths) goes to the log only
            ErrorReference reference = ErrorReference.log(LOG, "The readiness check cannot reach the database", e);
            return response.withData("error", "The database cannot be reached" + reference.sentence())
                    .down()
                    .build();
        }
    }
}
