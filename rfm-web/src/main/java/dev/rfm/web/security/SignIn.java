package dev.rfm.web.security;

import dev.rfm.domain.user.PasswordHashing;
import dev.rfm.domain.user.Role;
import dev.rfm.domain.user.UserAccount;
import dev.rfm.domain.user.UserAccounts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks a user name and password, for the login form and for HTTP Basic alike: throttled per name, the same work
 * for unknown names and disabled users as for a wrong password (so timing tells no names), verified passwords
 * remembered briefly, and hashes from before the current work factor replaced at their owner's sign-in.
 */
@ApplicationScoped
public class SignIn {

    private static final Logger LOG = Logger.getLogger(SignIn.class.getName());

    /** What a sign-in attempt came to. */
    public sealed interface Outcome {}

    /** The right password of an enabled user. */
    public record Valid(String username, Role role, boolean mustChangePassword) implements Outcome {}

    /** Wrong name, wrong password or a disabled user: deliberately the same answer. */
    public record Invalid() implements Outcome {}

    /** Too many failures for this name: not checked; try again after {@code retryAfter}. */
    public record Throttled(Duration retryAfter) implements Outcome {
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    @Inject
    UserAccounts accounts;

    private final PasswordHashing hashing = new PasswordHashing();
    private final Clock clock = Clock.systemUTC();
    private SignInThrottle throttle;
    private CredentialCache cache;
    /** Verified for names that do not exist, so that they cost what a wrong password costs. */
    private String decoyHash;

    @PostConstruct
    void init() {
        throttle = new SignInThrottle(clock);
        cache = new CredentialCache(clock);
        decoyHash = hashing.hash("decoy password that matches nothing".toCharArray());
    }

    public Outcome check(String username, String password) {
        Duration refused = throttle.refusedFor(username);
        if (!refused.isZero()) {
            return new Throttled(refused);
        }
        Optional<UserAccount> found = accounts.find(username).filter(UserAccount::isEnabled);
        if (password == null || found.isEmpty()) {
            hashing.verify(password == null ? new char[0] : password.toCharArray(), decoyHash);
            throttle.failed(username);
            return new Invalid();
        }
        UserAccount account = found.get();
        String stored = account.getPasswordHash();
        if (!cache.matches(account.getUsername(), password, stored)) {
            if (!hashing.verify(password.toCharArray(), stored)) {
                throttle.failed(username);
                return new Invalid();
            }
            cache.remember(account.getUsername(), password, strengthen(account, password));
            accounts.recordSignIn(account.getUsername(), LocalDateTime.now(clock));
        }
        throttle.succeeded(username);
        return new Valid(account.getUsername(), account.getRole(), account.isMustChangePassword());
    }

    /** The user as stored now, if it may still be signed in (enabled): sessions look here on every request. */
    public Optional<UserAccount> current(String username) {
        return accounts.find(username).filter(UserAccount::isEnabled);
    }

    /** Drops what is remembered of the user's password (it changed, or the user was disabled). */
    public void forget(String username) {
        cache.forget(username);
    }

    /** The stored hash after a successful check: a weaker one is replaced by a current one. */
    private String strengthen(UserAccount account, String password) {
        String stored = account.getPasswordHash();
        if (!hashing.isWeak(stored)) {
            return stored;
        }
        String stronger = hashing.hash(password.toCharArray());
        try {
            accounts.update(account.getUsername(), a -> {
                if (a.getPasswordHash().equals(stored)) {
                    a.rehash(stronger);
                }
            });
            LOG.info(() -> "Password hash of '" + account.getUsername() + "' moved to the current work factor.");
            return stronger;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not store a stronger password hash; the old one stays", e);
            return stored;
        }
    }
}
