package dev.rfm.web.platform;

import dev.rfm.domain.database.Database;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the application's data source portably, with its settings taken from MicroProfile Config at deployment
 * ({@code RFM_DB_URL}, {@code RFM_DB_USER}, {@code RFM_DB_PASSWORD}, {@code RFM_DATA_DIR}). The class name is fixed:
 * {@link dev.rfm.domain.database.RfmDataSource} picks H2 or PostgreSQL from the URL.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "dev.rfm.domain.database.RfmDataSource",
        url = "${MPCONFIG=rfm.db.url}",
        user = "${MPCONFIG=rfm.db.user}",
        password = "${MPCONFIG=rfm.db.password}",
        minPoolSize = 1,
        maxPoolSize = 16,
        properties = {"dataDir=${MPCONFIG=rfm.data.dir}"})
@ApplicationScoped
public class DatabaseResources {}
