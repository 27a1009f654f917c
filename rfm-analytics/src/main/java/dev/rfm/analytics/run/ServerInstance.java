package dev.rfm.analytics.run;

import dev.rfm.domain.database.Database;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server as the other servers on the database see it: a row of {@code server_instance} with a fresh id per
 * start and a heartbeat every {@value #BEAT_SECONDS} seconds in the database's clock. A run carries the id of the
 * server working on it, so a run whose server stopped beating is known to be dead (decision 0008). Each beat also
 * looks for such runs, so another server's dead run is failed and its guard freed within {@link #DEAD_AFTER}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ServerInstance {

    private static final Logger LOG = Logger.getLogger(ServerInstance.class.getName());

    static final int BEAT_SECONDS = 5;

    /** Six missed beats: long enough for a garbage collection or a slow database, short enough to matter. */
    static final Duration DEAD_AFTER = Duration.ofSeconds(6 * BEAT_SECONDS);

    /**
     * A server of the same name silent this long is an earlier start of this very server that died: its runs fail at
     * once instead of after {@link #DEAD_AFTER}. Two beats, so a live server that was misconfigured with the same
     * name is never taken for dead.
     */
    static final Duration EARLIER_START_SILENT = Duration.ofSeconds(2 * BEAT_SECONDS);

    private final String id = UUID.randomUUID().toString();

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    ScoringRuns runs;

    @Inject
    @ConfigProperty(name = "rfm.instance.name")
    Optional<String> configuredName;

    @Inject
    @ConfigProperty(name = "rfm.data.dir", defaultValue = "./rfm-data")
    String dataDir;

    private volatile String name;

    @PostConstruct
    void register() {
        name = configuredName.filter(n -> !n.isBlank()).orElseGet(this::defaultName);
        try (Connection c = dataSource.getConnection()) {
            register(c);
            runs.recoverInterruptedRuns(true);
        } catch (SQLException e) {
            // readiness reports the database; the next beat registers and recovers again
            LOG.log(Level.WARNING, "Could not register this server on the database", e);
        }
        LOG.info(() -> "This server is '" + name + "' (instance " + id + ")");
    }

    @Schedule(second = "*/" + BEAT_SECONDS, minute = "*", hour = "*", persistent = false, info = "server heartbeat")
    void beat() {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update =
                    c.prepareStatement("update server_instance set heartbeat_at = localtimestamp where id = ?")) {
                update.setString(1, id);
                if (update.executeUpdate() == 0) {
                    register(c); // the row went missing, e.g. registration failed at start
                }
            }
            try (PreparedStatement forget = c.prepareStatement(
                    "delete from server_instance where heartbeat_at < ? and id not in (select server_instance"
                            + " from scoring_run where server_instance is not null and status in ('QUEUED',"
                            + " 'RUNNING'))")) {
                forget.setTimestamp(1, Timestamp.valueOf(databaseNow(c).minusDays(1)));
                forget.executeUpdate();
            }
            runs.recoverInterruptedRuns(false);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Heartbeat of this server failed", e);
        }
    }

    private void register(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into server_instance (id, name, started_at,"
                + " heartbeat_at) values (?, ?, localtimestamp, localtimestamp)")) {
            insert.setString(1, id);
            insert.setString(2, name.length() > 300 ? name.substring(0, 300) : name);
            insert.executeUpdate();
        }
    }

    /** This start's id, recorded with every run this server works on. */
    public String id() {
        return id;
    }

    /** {@code RFM_INSTANCE_NAME}, or the host name and data directory: unique per server, stable across restarts. */
    public String name() {
        return name;
    }

    private String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + Path.of(dataDir).toAbsolutePath().normalize();
    }

    static java.time.LocalDateTime databaseNow(Connection c) throws SQLException {
        try (var select = c.createStatement();
                var rs = select.executeQuery("select localtimestamp")) {
            rs.next();
            return rs.getTimestamp(1).toLocalDateTime();
        }
    }
}
