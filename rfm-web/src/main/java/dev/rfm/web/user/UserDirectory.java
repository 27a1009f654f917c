package dev.rfm.web.user;

import dev.rfm.domain.user.PasswordHashing;
import dev.rfm.domain.user.Role;
import dev.rfm.domain.user.UserAccount;
import dev.rfm.domain.user.UserAccounts;
import dev.rfm.web.security.SignIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What the Users page and {@code /api/users} do with users: the rules in one place (password strength, one role,
 * the last enabled ADMIN stays), every change logged with who made it.
 */
@ApplicationScoped
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());

    @Inject
    UserAccounts accounts;

    @Inject
    SignIn signIn;

    private final PasswordHashing hashing = new PasswordHashing();
    private final Clock clock = Clock.systemUTC();

    /** A request the rules refuse; the message says why in words, {@link #field()} which input it is about. */
    public static class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Kind kind;
        private final Field field;
        private final String reason;
        private final transient Object[] arguments;

        /** Which answer fits: the input is wrong, or it conflicts with what is stored. */
        public enum Kind {
            INVALID,
            CONFLICT,
            WRONG_PASSWORD
        }

        /** The input a refusal is about, so a form can show the message next to it. */
        public enum Field {
            USERNAME,
            ROLE,
            PASSWORD,
            CURRENT_PASSWORD,
            /** Not one input: the change as a whole (e.g. it would leave no enabled ADMIN). */
            NONE
        }

        Refused(Kind kind, Field field, String message) {
            this(kind, field, null, message);
        }

        /**
         * @param reason names the refusal for the pages' other languages ({@code refused.<reason>} in their texts,
         *     with {@link #arguments()}); null where the message is shown as it is
         */
        Refused(Kind kind, Field field, String reason, String message, Object... arguments) {
            super(message);
            this.reason = reason;
            this.arguments = arguments;
            this.kind = kind;
            this.field = field;
        }

        public String reason() {
            return reason;
        }

        public Object[] arguments() {
            return arguments.clone();
        }

        public Kind kind() {
            return kind;
        }

        public Field field() {
            return field;
        }
    }

    public List<UserAccount> all() {
        return accounts.all();
    }

    public Optional<UserAccount> find(String username) {
        return accounts.find(username);
    }

    /**
     * Adds a user.
     *
     * @param mustChangePassword whether the user must choose a new password at the first sign-in
     */
    public UserAccount create(String username, String password, String role, boolean mustChangePassword, String by) {
        try {
            UserAccount.checkUsername(username);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.INVALID, Refused.Field.USERNAME, "userName", e.getMessage());
        }
        Role parsedRole = role(role);
        requireStrong(password, username);
        LocalDateTime now = LocalDateTime.now(clock);
        UserAccount account = new UserAccount(username, hashing.hash(password.toCharArray()), parsedRole, now);
        if (mustChangePassword) {
            account.changePassword(account.getPasswordHash(), true, now);
        }
        if (accounts.find(username).isPresent() || !accounts.create(account)) {
            throw new Refused(
                    Refused.Kind.CONFLICT,
                    Refused.Field.USERNAME,
                    "userExists",
                    "A user named '" + username + "' exists already.",
                    username);
        }
        LOG.info(() -> by + " created user '" + username + "' with role " + parsedRole + ".");
        return account;
    }

    /**
     * Changes what is given (a {@code null} argument leaves that part as it is).
     *
     * @return the changed user; empty when there is none of that name
     */
    public Optional<UserAccount> update(
            String username, String role, Boolean enabled, String password, Boolean mustChangePassword, String by) {
        Role parsedRole = role == null ? null : role(role);
        if (password != null) {
            requireStrong(password, username);
        }
        String newHash = password == null ? null : hashing.hash(password.toCharArray());
        Optional<UserAccount> changed;
        try {
            changed = accounts.update(username, account -> {
                if (parsedRole != null) {
                    account.changeRole(parsedRole);
                }
                if (enabled != null) {
                    account.setEnabled(enabled);
                }
                if (newHash != null) {
                    // set by someone else: its owner chooses their own at the next sign-in, unless told otherwise
                    boolean mustChange = mustChangePassword != null ? mustChangePassword : !username.equals(by);
                    account.changePassword(newHash, mustChange, LocalDateTime.now(clock));
                } else if (mustChangePassword != null) {
                    account.changePassword(account.getPasswordHash(), mustChangePassword, LocalDateTime.now(clock));
                }
            });
        } catch (UserAccounts.LastAdminException e) {
            throw new Refused(Refused.Kind.CONFLICT, Refused.Field.NONE, "lastAdmin", e.getMessage());
        }
        signIn.forget(username);
        changed.ifPresent(u -> LOG.info(() -> by + " changed user '" + username + "':"
                + (parsedRole == null ? "" : " role " + parsedRole)
                + (enabled == null ? "" : enabled ? " enabled" : " disabled")
                + (password == null ? "" : " password reset")));
        return changed;
    }

    /** A user's change of their own password: the current one proves it is them. */
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        UserAccount account = accounts.find(username)
                .orElseThrow(() -> new Refused(
                        Refused.Kind.WRONG_PASSWORD,
                        Refused.Field.CURRENT_PASSWORD,
                        "wrongPassword",
                        "The current password is wrong."));
        if (currentPassword == null || !hashing.verify(currentPassword.toCharArray(), account.getPasswordHash())) {
            throw new Refused(
                    Refused.Kind.WRONG_PASSWORD,
                    Refused.Field.CURRENT_PASSWORD,
                    "wrongPassword",
                    "The current password is wrong.");
        }
        requireStrong(newPassword, username);
        if (newPassword.equals(currentPassword)) {
            throw new Refused(
                    Refused.Kind.INVALID,
                    Refused.Field.PASSWORD,
                    "samePassword",
                    "The new password must differ from the current one.");
        }
        String newHash = hashing.hash(newPassword.toCharArray());
        accounts.update(username, a -> a.changePassword(newHash, false, LocalDateTime.now(clock)));
        signIn.forget(username);
        LOG.info(() -> "User '" + username + "' changed their password.");
    }

    private static void requireStrong(String password, String username) {
        PasswordHashing.Weakness weakness = PasswordHashing.check(password, username);
        if (weakness != null) {
            throw new Refused(
                    Refused.Kind.INVALID,
                    Refused.Field.PASSWORD,
                    "password." + weakness.name(),
                    weakness.message(),
                    PasswordHashing.MIN_LENGTH,
                    PasswordHashing.MAX_LENGTH);
        }
    }

    private static Role role(String role) {
        try {
            return Role.valueOf(role == null ? "" : role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused(
                    Refused.Kind.INVALID,
                    Refused.Field.ROLE,
                    "unknownRole",
                    "Unknown role '" + role + "': one of ADMIN, ANALYST, VIEWER.",
                    role);
        }
    }
}
