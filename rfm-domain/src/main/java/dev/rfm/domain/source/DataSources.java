package dev.rfm.domain.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The stored data sources ({@code data_source}), the one owner of that table. Passwords go in sealed by the {@link
 * SecretBox} and come out only to connect ({@link #password}).
 *
 * <p>Changing a source's JDBC URL or watermark column forgets its watermark (the next pull reads everything again;
 * orders already stored are skipped as duplicates); other changes keep it.
 */
public final class DataSources {

    private static final String COLUMNS = "select id, name, jdbc_url, db_user, source_query, watermark_column,"
            + " pull_schedule, overlap_minutes, enabled, password_secret, watermark_kind, watermark_value, created_at,"
            + " updated_at from data_source";

    private final DataSource db;
    private final SecretBox secrets;
    private final Clock clock;

    public DataSources(DataSource db, SecretBox secrets, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<StoredSource> all() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement query = c.prepareStatement(COLUMNS + " order by name");
                ResultSet rs = query.executeQuery()) {
            List<StoredSource> sources = new ArrayList<>();
            while (rs.next()) {
                sources.add(toSource(rs));
            }
            return sources;
        }
    }

    public Optional<StoredSource> find(long id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement query = c.prepareStatement(COLUMNS + " where id = ?")) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(toSource(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Stores a new source.
     *
     * @param password {@code null} or blank for none
     * @throws InvalidSourceException when another source has the name
     */
    public StoredSource create(SourceDefinition definition, String password) throws SQLException {
        LocalDateTime now = LocalDateTime.now(clock);
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into data_source (name, jdbc_url, db_user, source_query, watermark_column,"
                                + " pull_schedule, overlap_minutes, enabled, password_secret, created_at, updated_at)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        new String[] {"id"})) {
            bindDefinition(insert, definition);
            insert.setString(9, password == null || password.isEmpty() ? null : secrets.seal(password));
            insert.setObject(10, now);
            insert.setObject(11, now);
            executeNamed(insert, definition);
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return find(keys.getLong(1)).orElseThrow();
            }
        }
    }

    /**
     * Changes a source.
     *
     * @param password {@code null} keeps the stored one, empty removes it, anything else replaces it
     * @return the changed source, empty when there is none with the id
     */
    public Optional<StoredSource> update(long id, SourceDefinition definition, String password) throws SQLException {
        Optional<StoredSource> before = find(id);
        if (before.isEmpty()) {
            return before;
        }
        SourceDefinition old = before.get().definition();
        boolean forgetWatermark = !old.jdbcUrl().equals(definition.jdbcUrl())
                || !old.watermarkColumn().equalsIgnoreCase(definition.watermarkColumn());
        try (Connection c = db.getConnection();
                PreparedStatement update = c.prepareStatement("update data_source set name = ?, jdbc_url = ?,"
                        + " db_user = ?, source_query = ?, watermark_column = ?, pull_schedule = ?,"
                        + " overlap_minutes = ?, enabled = ?, updated_at = ?"
                        + (password == null ? "" : ", password_secret = ?")
                        + (forgetWatermark ? ", watermark_kind = null, watermark_value = null" : "")
                        + " where id = ?")) {
            bindDefinition(update, definition);
            update.setObject(9, LocalDateTime.now(clock));
            int next = 10;
            if (password != null) {
                update.setString(next++, password.isEmpty() ? null : secrets.seal(password));
            }
            update.setLong(next, id);
            executeNamed(update, definition);
        }
        return find(id);
    }

    /** Removes a source; its pulls stay in the import history. */
    public boolean delete(long id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from data_source where id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    /**
     * Claims the scheduled pull of a source in one minute for this server ({@code schedule_slot}, job {@code
     * pull-<id>}): true for the first server to ask, false for every other, so with several servers a scheduled pull
     * runs once. Claims older than two days are forgotten.
     */
    public boolean claimScheduledPull(long id, LocalDateTime minute, String server) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement forget =
                    c.prepareStatement("delete from schedule_slot where job like 'pull-%' and slot < ?")) {
                forget.setObject(1, minute.minusDays(2));
                forget.executeUpdate();
            }
            try (PreparedStatement claim = c.prepareStatement("insert into schedule_slot (job, slot, claimed_by,"
                    + " claimed_at) values (?, ?, ?, localtimestamp)")) {
                claim.setString(1, "pull-" + id);
                claim.setObject(2, minute);
                claim.setString(3, server);
                claim.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false; // another server claimed it
                }
                throw e;
            }
        }
    }

    /** The decrypted password of a source, {@code null} when it has none. */
    String password(long id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement query = c.prepareStatement("select password_secret from data_source where id = ?")) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
                String sealed = rs.next() ? rs.getString(1) : null;
                return sealed == null ? null : secrets.open(sealed);
            }
        }
    }

    /**
     * Moves a source's watermark forward to {@code reached}, on the connection (and so in the transaction) of the
     * pull's import. Never backwards: a slower pull that read less commits after a faster one without undoing it.
     */
    static void advanceWatermark(Connection c, long id, Watermark reached) throws SQLException {
        Watermark stored = null;
        try (PreparedStatement query =
                c.prepareStatement("select watermark_kind, watermark_value from data_source where id = ? for update")) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return; // deleted while pulling: its orders stay, there is no watermark to keep
                }
                stored = watermark(rs.getString(1), rs.getString(2));
            }
        }
        if (stored != null && stored.kind() == reached.kind() && stored.compareTo(reached) >= 0) {
            return;
        }
        try (PreparedStatement update =
                c.prepareStatement("update data_source set watermark_kind = ?, watermark_value = ? where id = ?")) {
            update.setString(1, reached.kind().name());
            update.setString(2, reached.value());
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    private static void bindDefinition(PreparedStatement statement, SourceDefinition d) throws SQLException {
        statement.setString(1, d.name());
        statement.setString(2, d.jdbcUrl());
        statement.setString(3, d.user());
        statement.setString(4, d.query());
        statement.setString(5, d.watermarkColumn());
        statement.setString(6, d.schedule().text());
        statement.setInt(7, d.overlapMinutes());
        statement.setBoolean(8, d.enabled());
    }

    private static void executeNamed(PreparedStatement statement, SourceDefinition d) throws SQLException {
        try {
            statement.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new InvalidSourceException(Map.of("name", "is used by another data source: '" + d.name() + "'"));
            }
            throw e;
        }
    }

    private static StoredSource toSource(ResultSet rs) throws SQLException {
        SourceDefinition definition = new SourceDefinition(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                new PullSchedule(rs.getString(7)),
                rs.getInt(8),
                rs.getBoolean(9));
        return new StoredSource(
                rs.getLong(1),
                definition,
                rs.getString(10) != null,
                watermark(rs.getString(11), rs.getString(12)),
                rs.getObject(13, LocalDateTime.class),
                rs.getObject(14, LocalDateTime.class));
    }

    private static Watermark watermark(String kind, String value) {
        return kind == null || value == null ? null : new Watermark(Watermark.Kind.valueOf(kind), value);
    }
}
