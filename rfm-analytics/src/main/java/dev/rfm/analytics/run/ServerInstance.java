package dev.rfm.analytics.run;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server as the other servers on the database know it: a fresh id per start, recorded with every run it works
 * on, and a name that stays the same across restarts. {@link ServerHeartbeat} registers it and keeps it alive; a run
 * whose server stopped beating is dead (decision 0008).
 */
@ApplicationScoped
public class ServerInstance {

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

    @Inject
    @ConfigProperty(name = "rfm.instance.name")
    Optional<String> configuredName;

    @Inject
    @ConfigProperty(name = "rfm.data.dir", defaultValue = "./rfm-data")
    String dataDir;

    private String name;

    @PostConstruct
    void chooseName() {
        String chosen = configuredName.filter(n -> !n.isBlank()).orElseGet(this::defaultName);
        name = chosen.length() > 300 ? chosen.substring(0, 300) : chosen;
    }

    /** This start's id. */
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

    /** The database's clock: heartbeats are compared in it, so the servers' own clocks need not agree. */
    static LocalDateTime databaseNow(Connection c) throws SQLException {
        try (var select = c.createStatement();
                var rs = select.executeQuery("select localtimestamp")) {
            rs.next();
            return rs.getTimestamp(1).toLocalDateTime();
        }
    }
}
