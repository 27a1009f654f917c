package dev.rfm.web.platform;

import dev.rfm.domain.database.Database;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the application's data source portably: only standard attributes, no server-specific expressions.
 * {@link dev.rfm.domain.database.RfmDataSource} reads its settings itself from MicroProfile Config ({@code
 * RFM_DB_URL}, {@code RFM_DB_USER}, {@code RFM_DB_PASSWORD}, {@code RFM_DATA_DIR}) and picks H2 or PostgreSQL from
 * the URL; see docs/decisions/0007-portable-war.md.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "dev.rfm.domain.database.RfmDataSource",
        minPoolSize = 1,
        maxPoolSize = 16,
        // the prefix of the settings' keys; also, WildFly refuses a data source class without any property
        properties = {"settings=rfm"})
@ApplicationScoped
public class DatabaseResources {}
