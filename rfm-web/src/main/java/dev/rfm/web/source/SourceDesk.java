package dev.rfm.web.source;

import dev.rfm.analytics.run.ServerInstance;
import dev.rfm.domain.database.Database;
import dev.rfm.domain.demo.DemoShop;
import dev.rfm.domain.ingest.ImportFailedException;
import dev.rfm.domain.ingest.OrderImporter;
import dev.rfm.domain.source.DataSources;
import dev.rfm.domain.source.SecretBox;
import dev.rfm.domain.source.SourceDefinition;
import dev.rfm.domain.source.SourcePreview;
import dev.rfm.domain.source.SourcePull;
import dev.rfm.domain.source.StoredSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The container's entry to data sources: stores them, previews them and starts pulls in the background, by hand or
 * when their schedule is due. No JTA transaction here: a pull runs in the importer's own local transaction.
 */
@ApplicationScoped
public class SourceDesk {

    private static final Logger LOG = Logger.getLogger(SourceDesk.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    ServerInstance server;

    @Inject
    SecretBox secrets;

    @Inject
    DemoShopSales demoShopSales;

    @Inject
    @ConfigProperty(
            name = "rfm.source.url-prefixes",
            defaultValue = "jdbc:postgresql:,jdbc:mysql:,jdbc:mariadb:,jdbc:sqlserver:,jdbc:oracle:")
    String urlPrefixes;

    @Inject
    @ConfigProperty(name = "rfm.source.pull-timeout-seconds", defaultValue = "3600")
    int pullTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "rfm.source.preview-timeout-seconds", defaultValue = "30")
    int previewTimeoutSeconds;

    private DataSources sources;
    private SourcePull pull;

    @PostConstruct
    void init() {
        sources = new DataSources(dataSource, secrets, Clock.systemUTC());
        pull = new SourcePull(
                sources, new OrderImporter(dataSource, Clock.systemUTC()), pullTimeoutSeconds, ZoneId.systemDefault());
    }

    /** The URL prefixes a source may have ({@code RFM_SOURCE_URL_PREFIXES}). */
    public List<String> urlPrefixes() {
        return Arrays.stream(urlPrefixes.split(","))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
    }

    public DataSources sources() {
        return sources;
    }

    public SourcePreview.Result preview(StoredSource source) throws SQLException {
        return SourcePreview.of(sources, source, previewTimeoutSeconds);
    }

    /** Runs an unsaved definition's query with the password given. */
    public SourcePreview.Result preview(SourceDefinition definition, String password) throws SQLException {
        return SourcePreview.of(definition, password, previewTimeoutSeconds);
    }

    /** Checks a definition from a request; {@code InvalidSourceException} names every invalid field. */
    public SourceDefinition definition(SourceFields fields) {
        return SourceDefinition.of(
                fields.name(),
                fields.jdbcUrl(),
                fields.user(),
                fields.query(),
                fields.watermarkColumn(),
                fields.schedule(),
                fields.overlapMinutes(),
                fields.enabled() == null || fields.enabled(),
                urlPrefixes(),
                demoShopSales.shop().map(DemoShop::url).stream().toList());
    }

    /** The demo shop's database, when the product runs one ({@code RFM_DEMO_SHOP}). */
    public Optional<DemoShop> demoShop() {
        return demoShopSales.shop();
    }

    /** Starts a pull in the background; its import id, empty when there is no such source. */
    public Optional<Long> startPull(long sourceId, String user) throws SQLException {
        Optional<Long> importId = pull.reserve(sourceId, user);
        importId.ifPresent(id -> executor.submit(() -> run(sourceId, id, user)));
        return importId;
    }

    private void run(long sourceId, long importId, String user) {
        try {
            pull.run(sourceId, importId, user);
        } catch (ImportFailedException e) {
            LOG.info(() -> "Pull " + importId + " of source " + sourceId + " failed: " + e.getMessage());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Pull " + importId + " of source " + sourceId + " failed", e);
        }
    }

    /**
     * Starts the pulls due in {@code minute} whose slot this server claims first: with several servers on one
     * database each scheduled pull runs once.
     */
    public void pullDue(LocalDateTime minute) throws SQLException {
        for (StoredSource source : sources.all()) {
            if (source.definition().enabled()
                    && source.definition().schedule().isDueAt(minute)
                    && sources.claimScheduledPull(source.id(), minute, server.id())) {
                startPull(source.id(), "scheduler");
            }
        }
    }
}
