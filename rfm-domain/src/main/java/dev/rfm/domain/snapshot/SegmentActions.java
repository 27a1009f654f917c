package dev.rfm.domain.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The recommended actions the marketing team has written for segments, per scheme and code, in English and Chinese
 * (table {@code segment_action}). A segment without one keeps the domain's default, which every run stores in its
 * summary; {@link #of(String)} returns only the edited ones.
 *
 * <p>Usage: {@code actions.of("standard").get("CHAMPIONS")}, {@code actions.save("standard", "CHAMPIONS", en, zh,
 * user, now)}.
 */
public final class SegmentActions {

    /** What one column of {@code segment_action} holds at most. */
    public static final int MAX_LENGTH = 500;

    private final DataSource dataSource;

    /** One edited action. */
    public record SegmentAction(
            String scheme, String code, String actionEn, String actionZh, LocalDateTime updatedAt, String updatedBy) {}

    public SegmentActions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The edited actions of a scheme, by segment code. */
    public Map<String, SegmentAction> of(String scheme) throws SQLException {
        Map<String, SegmentAction> actions = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select code, action_en, action_zh, updated_at, updated_by"
                        + " from segment_action where scheme = ?")) {
            ps.setString(1, scheme);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.put(
                            rs.getString(1),
                            new SegmentAction(
                                    scheme,
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getTimestamp(4).toLocalDateTime(),
                                    rs.getString(5)));
                }
            }
        }
        return actions;
    }

    /**
     * Stores a segment's action in both languages, replacing an earlier edit.
     *
     * @throws IllegalArgumentException when a text is blank or longer than {@value #MAX_LENGTH} characters
     */
    public void save(String scheme, String code, String actionEn, String actionZh, String user, LocalDateTime at)
            throws SQLException {
        check("actionEn", actionEn);
        check("actionZh", actionZh);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement delete =
                        c.prepareStatement("delete from segment_action where scheme = ? and code = ?")) {
                    delete.setString(1, scheme);
                    delete.setString(2, code);
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = c.prepareStatement("insert into segment_action (scheme, code,"
                        + " action_en, action_zh, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, scheme);
                    insert.setString(2, code);
                    insert.setString(3, actionEn.strip());
                    insert.setString(4, actionZh.strip());
                    insert.setTimestamp(5, Timestamp.valueOf(at));
                    insert.setString(6, user);
                    insert.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void check(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (text.strip().length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    field + " is " + text.strip().length() + " characters long, at most " + MAX_LENGTH + " fit");
        }
    }
}
