package dev.rfm.analytics.run;

import dev.rfm.analytics.profile.Preset;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.profile.ScoringProfileText;
import dev.rfm.domain.database.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The stored scoring profiles and which one runs use. With none stored, runs use the RETAIL preset. Saving validates
 * through {@link ScoringProfileText#decode}, so what is stored is always a valid profile.
 */
@ApplicationScoped
public class ScoringProfiles {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** A stored profile, and who stored it when. */
    public record StoredProfile(
            String name, String preset, boolean active, String settings, LocalDateTime updatedAt, String updatedBy) {}

    /** The profile runs use now. */
    public ScoringProfile active() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select settings from scoring_profile where active");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? ScoringProfileText.decode(rs.getString(1)) : Preset.RETAIL.profile();
        }
    }

    public String encode(ScoringProfile profile) {
        return ScoringProfileText.encode(profile);
    }

    public List<StoredProfile> stored() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select name, preset, active, settings, updated_at, updated_by from scoring_profile order by name");
                ResultSet rs = select.executeQuery()) {
            List<StoredProfile> profiles = new ArrayList<>();
            while (rs.next()) {
                Timestamp updatedAt = rs.getTimestamp(5);
                profiles.add(new StoredProfile(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getBoolean(3),
                        rs.getString(4),
                        updatedAt == null ? null : updatedAt.toLocalDateTime(),
                        rs.getString(6)));
            }
            return profiles;
        }
    }

    /** The stored profile runs use, if one is stored (otherwise runs use the RETAIL preset). */
    public Optional<StoredProfile> activeStored() throws SQLException {
        return stored().stream().filter(StoredProfile::active).findFirst();
    }

    public Optional<StoredProfile> find(String name) throws SQLException {
        return stored().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Stores a profile under its name (replacing one of that name) and, if asked, makes it the one runs use.
     *
     * @throws IllegalArgumentException when the settings are invalid, naming every problem
     */
    public StoredProfile save(String settings, String preset, boolean activate, String user) throws SQLException {
        ScoringProfile profile = ScoringProfileText.decode(settings);
        LocalDateTime now = LocalDateTime.now();
        String canonical = ScoringProfileText.encode(profile);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement delete = c.prepareStatement("delete from scoring_profile where name = ?")) {
                    delete.setString(1, profile.name());
                    delete.executeUpdate();
                }
                if (activate) {
                    try (PreparedStatement clear = c.prepareStatement("update scoring_profile set active = false")) {
                        clear.executeUpdate();
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("insert into scoring_profile"
                        + " (name, preset, settings, active, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, profile.name());
                    insert.setString(2, preset == null ? "CUSTOM" : preset);
                    insert.setString(3, canonical);
                    insert.setBoolean(4, activate);
                    insert.setTimestamp(5, Timestamp.valueOf(now));
                    insert.setString(6, user);
                    insert.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return new StoredProfile(profile.name(), preset == null ? "CUSTOM" : preset, activate, canonical, now, user);
    }
}
