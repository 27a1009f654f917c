package dev.rfm.analytics.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Tells the world how a run is doing: phase and progress in its {@code scoring_run} row (each update its own small
 * transaction, so pages and other servers see it at once), a heartbeat that proves the run is alive, and the cancel
 * request an administrator may have made. Updates are throttled to a few per second.
 */
final class RunProgress {

    private static final long MIN_UPDATE_MILLIS = 500;

    private final DataSource dataSource;
    private final long runId;
    private final Clock clock;
    private final Map<String, Long> phaseMillis = new LinkedHashMap<>();
    private String phase;
    private String lastPhase = "starting";
    private long phaseStarted;
    private long lastUpdate;

    RunProgress(DataSource dataSource, long runId, Clock clock) {
        this.dataSource = dataSource;
        this.runId = runId;
        this.clock = clock;
    }

    /** Enters a phase; its share of the whole run starts at {@code progress}. */
    void phase(String name, double progress) throws SQLException {
        endPhase();
        phase = name;
        lastPhase = name;
        phaseStarted = clock.millis();
        write(progress, true);
    }

    /** The phase the run is in, in words ("reading orders"), or "starting" before the first. */
    String currentPhase() {
        return phase == null ? lastPhase : phase;
    }

    /** Progress within the current phase; written when enough time has passed. */
    void progress(double progress) throws SQLException {
        if (clock.millis() - lastUpdate >= MIN_UPDATE_MILLIS) {
            write(progress, false);
        }
    }

    private void endPhase() {
        if (phase != null) {
            phaseMillis.merge(phase, clock.millis() - phaseStarted, Long::sum);
        }
    }

    /** Milliseconds per phase so far, e.g. {@code reading orders=812ms; scoring=95ms}. */
    String timings() {
        endPhase();
        phase = null;
        return phaseMillis.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue() + "ms")
                .collect(Collectors.joining("; "));
    }

    private void write(double progress, boolean withPhase) throws SQLException {
        lastUpdate = clock.millis();
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update scoring_run set progress = ?, heartbeat_at = ?"
                        + (withPhase ? ", phase = ?" : "") + " where id = ?");
                PreparedStatement cancelled =
                        c.prepareStatement("select cancel_requested from scoring_run where id = ?")) {
            c.setAutoCommit(true);
            update.setDouble(1, Math.max(0, Math.min(1, progress)));
            update.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now(clock)));
            int i = 3;
            if (withPhase) update.setString(i++, phase);
            update.setLong(i, runId);
            update.executeUpdate();
            cancelled.setLong(1, runId);
            try (ResultSet rs = cancelled.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    throw new RunCancelledException();
                }
            }
        }
    }

    /** A run stops at its next progress report once an administrator asked for it. */
    static final class RunCancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunCancelledException() {
            super("Cancelled by an administrator before it finished; the previous snapshot stays current.");
        }
    }
}
