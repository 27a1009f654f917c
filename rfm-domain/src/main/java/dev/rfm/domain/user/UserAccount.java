package dev.rfm.domain.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person who signs in to the dashboard or calls the API, with one {@link Role}. Only the password hash is stored.
 * A disabled user cannot sign in; a user whose password was set by someone else (generated, or reset by an admin)
 * must change it at the next sign-in.
 */
@Entity
@Table(name = "app_user")
public class UserAccount {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    @Id
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    /** One role; the column is a list for the sake of rows written before users had exactly one. */
    @Column(nullable = false)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "last_login_at")
    private LocalDateTime lastLoginAt;

    @Column(name = "password_changed_at")
    private LocalDateTime passwordChangedAt;

    @Column(name = "language")
    private String language;

    /** The languages the dashboard speaks, as BCP 47 tags. */
    public static final java.util.Set<String> LANGUAGES = java.util.Set.of("en", "zh-CN");

    protected UserAccount() {}

    public UserAccount(String username, String passwordHash, Role role, LocalDateTime createdAt) {
        checkUsername(username);
        this.username = username;
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.roles = Objects.requireNonNull(role, "role").name();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.passwordChangedAt = createdAt;
    }

    /** @throws IllegalArgumentException naming the rule when {@code username} breaks it */
    public static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException(
                    "A user name is 1 to 64 letters, digits or . _ @ - (was '" + shorten(username) + "').");
        }
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    /**
     * A new password.
     *
     * @param mustChange whether its owner must change it at the next sign-in (someone else chose it)
     */
    public void changePassword(String newHash, boolean mustChange, LocalDateTime at) {
        this.passwordHash = Objects.requireNonNull(newHash, "newHash");
        this.mustChangePassword = mustChange;
        this.passwordChangedAt = Objects.requireNonNull(at, "at");
    }

    /** The same password under a stronger hash (its owner just proved it): nothing else changes. */
    public void rehash(String strongerHash) {
        this.passwordHash = Objects.requireNonNull(strongerHash, "strongerHash");
    }

    /** The role; of an older row with several, the most powerful. */
    public Role getRole() {
        return Arrays.stream(roles.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Role::valueOf)
                .min(Enum::compareTo)
                .orElse(Role.VIEWER);
    }

    public void changeRole(Role role) {
        this.roles = Objects.requireNonNull(role, "role").name();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public LocalDateTime getLastLoginAt() {
        return lastLoginAt;
    }

    public LocalDateTime getPasswordChangedAt() {
        return passwordChangedAt;
    }

    /** The language the user last chose for the dashboard, or null (the browser's then). */
    public String getLanguage() {
        return language;
    }

    /** @throws IllegalArgumentException for a language the dashboard does not speak */
    public static void checkLanguage(String tag) {
        if (!LANGUAGES.contains(tag)) {
            throw new IllegalArgumentException("Unknown language '" + shorten(tag) + "': use en or zh-CN.");
        }
    }

    /** Whether this user counts towards "at least one enabled ADMIN". */
    public boolean isEnabledAdmin() {
        return enabled && getRole() == Role.ADMIN;
    }
}
