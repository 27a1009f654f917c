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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Registers this server in {@code server_instance} at start, then updates its heartbeat every
 * {@value ServerInstance#BEAT_SECONDS} seconds (the database's clock). At start and at every beat it fails the runs
 * whose server is dead ({@link ScoringRuns#recoverInterruptedRuns}), so another server's dead run is noticed within
 * {@link ServerInstance#DEAD_AFTER} and this server's own, from before a crash, at once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ServerHeartbeat {

    private static final Logger LOG = Logger.getLogger(ServerHeartbeat.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    ServerInstance server;

    @Inject
    ScoringRuns runs;

    @PostConstruct
    void start() {
        try (Connection c = dataSource.getConnection()) {
            register(c);
            runs.recoverInterruptedRuns(true);
        } catch (SQLException | RuntimeException e) {
            // readiness reports the database; the next beat registers and recovers again
            LOG.log(Level.WARNING, "Could not register this server on the database", e);
        }
        LOG.info(() -> "This server is '" + server.name() + "' (instance " + server.id() + ")");
    }

    @Schedule(
            second = "*/" + ServerInstance.BEAT_SECONDS,
            minute = "*",
            hour = "*",
            persistent = false,
            info = "server heartbeat")
    void beat() {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update =
                    c.prepareStatement("update server_instance set heartbeat_at = localtimestamp where id = ?")) {
                update.setString(1, server.id());
                if (update.executeUpdate() == 0) {
                    register(c); // the row went missing, e.g. registration failed at start
                }
            }
            try (PreparedStatement forget = c.prepareStatement(
                    "delete from server_instance where heartbeat_at < ? and id not in (select server_instance"
                            + " from scoring_run where server_instance is not null and status in ('QUEUED',"
                            + " 'RUNNING'))")) {
                forget.setTimestamp(
                        1, Timestamp.valueOf(ServerInstance.databaseNow(c).minusDays(1)));
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
            insert.setString(1, server.id());
            insert.setString(2, server.name());
            insert.executeUpdate();
        }
    }
}
