package dev.rfm.analytics.trigger;

import dev.rfm.domain.campaign.Campaigns;
import dev.rfm.domain.source.SecretBox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code segment_trigger} table: the one class that reads and writes it. */
public class SegmentTriggers {

    private static final String LISTED = "id, name, scheme, to_segment, from_segment, webhook_url, file_directory,"
            + " enabled, campaign_id, created_at, created_by, updated_at, updated_by";

    private final DataSource dataSource;
    private final SecretBox secrets;

    /** @param secrets seals the secrets before they are stored (they sign webhooks: never kept in plain text) */
    public SegmentTriggers(DataSource dataSource, SecretBox secrets) {
        this.dataSource = dataSource;
        this.secrets = secrets;
    }

    /** What sending needs beyond the batch: where to, and the key that signs it. */
    public record Target(String webhookUrl, String secret, String fileDirectory) {}

    /**
     * Checks a draft against the rules and the database: whether a secret is stored already (an update may leave it
     * out) and whether its campaign exists. {@code id} is the trigger being updated, null for a new one.
     *
     * @throws InvalidTrigger naming every invalid field
     */
    public TriggerSettings check(TriggerSettings.Draft draft, boolean allowHttp, Long id) throws SQLException {
        boolean hasSecret = id != null && hasSecret(id);
        boolean campaignExists = draft.campaignId() != null
                && new Campaigns(dataSource).find(draft.campaignId()).isPresent();
        return TriggerSettings.of(draft, allowHttp, hasSecret, campaign -> campaignExists);
    }

    public SegmentTrigger create(TriggerSettings s, String by, LocalDateTime now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into segment_trigger (name, scheme, to_segment, from_segment, webhook_url, secret,"
                                + " file_directory, enabled, created_at, created_by, updated_at, updated_by,"
                                + " campaign_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, s);
            insert.setString(6, s.secret() == null ? null : secrets.seal(s.secret()));
            insert.setTimestamp(9, Timestamp.valueOf(now));
            insert.setString(10, by);
            insert.setTimestamp(11, Timestamp.valueOf(now));
            insert.setString(12, by);
            setCampaign(insert, 13, s);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return find(keys.getLong(1)).orElseThrow();
            }
        }
    }

    /** Replaces a trigger's settings; a null secret keeps the stored one. Empty when there is no such trigger. */
    public Optional<SegmentTrigger> update(long id, TriggerSettings s, String by, LocalDateTime now)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "update segment_trigger set name = ?, scheme = ?,"
                                + " to_segment = ?, from_segment = ?, webhook_url = ?, secret = coalesce(?, secret),"
                                + " file_directory = ?, enabled = ?, updated_at = ?, updated_by = ?, campaign_id = ? where id = ?")) {
            bind(update, s);
            update.setString(6, s.secret() == null ? null : secrets.seal(s.secret()));
            update.setTimestamp(9, Timestamp.valueOf(now));
            update.setString(10, by);
            setCampaign(update, 11, s);
            update.setLong(12, id);
            if (update.executeUpdate() != 1) return Optional.empty();
        }
        return find(id);
    }

    /** Deletes a trigger with its evaluations and deliveries (the foreign keys cascade). */
    public boolean delete(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from segment_trigger where id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    public List<SegmentTrigger> all() throws SQLException {
        return list("select " + LISTED + " from segment_trigger order by id", null);
    }

    public List<SegmentTrigger> enabled() throws SQLException {
        return list("select " + LISTED + " from segment_trigger where enabled = true order by id", null);
    }

    public Optional<SegmentTrigger> find(long id) throws SQLException {
        return list("select " + LISTED + " from segment_trigger where id = ?", id).stream()
                .findFirst();
    }

    /** Whether a secret is stored (an update may then leave it out). */
    public boolean hasSecret(long id) throws SQLException {
        return target(id).map(t -> t.secret() != null).orElse(false);
    }

    /** Where a trigger's batches go, with its secret: for the sender only. */
    public Optional<Target> target(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select webhook_url, secret, file_directory from segment_trigger where id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Target(
                                rs.getString(1),
                                rs.getString(2) == null ? null : secrets.open(rs.getString(2)),
                                rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement ps, TriggerSettings s) throws SQLException {
        ps.setString(1, s.name());
        ps.setString(2, s.scheme());
        ps.setString(3, s.toSegment());
        ps.setString(4, s.fromSegment());
        ps.setString(5, s.webhookUrl());
        ps.setString(7, s.fileDirectory());
        ps.setBoolean(8, s.enabled());
    }

    private static void setCampaign(PreparedStatement ps, int index, TriggerSettings s) throws SQLException {
        if (s.campaignId() == null) ps.setNull(index, java.sql.Types.BIGINT);
        else ps.setLong(index, s.campaignId());
    }

    private List<SegmentTrigger> list(String sql, Long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            if (id != null) select.setLong(1, id);
            List<SegmentTrigger> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new SegmentTrigger(
                            rs.getLong("id"),
                            new TriggerSettings(
                                    rs.getString("name"),
                                    rs.getString("scheme"),
                                    rs.getString("to_segment"),
                                    rs.getString("from_segment"),
                                    rs.getString("webhook_url"),
                                    null,
                                    rs.getString("file_directory"),
                                    rs.getBoolean("enabled"),
                                    rs.getObject("campaign_id") == null ? null : rs.getLong("campaign_id")),
                            rs.getTimestamp("created_at").toLocalDateTime(),
                            rs.getString("created_by"),
                            rs.getTimestamp("updated_at").toLocalDateTime(),
                            rs.getString("updated_by")));
                }
            }
            return found;
        }
    }
}
