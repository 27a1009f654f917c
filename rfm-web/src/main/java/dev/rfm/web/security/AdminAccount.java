package dev.rfm.web.security;

import dev.rfm.domain.user.PasswordHashing;
import dev.rfm.domain.user.Role;
import dev.rfm.domain.user.UserAccount;
import dev.rfm.domain.user.UserAccounts;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure the built-in {@code admin} user exists. Its password is {@code RFM_ADMIN_PASSWORD} when set (and is reset
 * to it at every start, with the account enabled and ADMIN: the operator's way back in); otherwise one is generated at
 * the first start, printed in the log once, and must be changed at the first sign-in.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class AdminAccount {

    static final String ADMIN = "admin";
    private static final Logger LOG = Logger.getLogger(AdminAccount.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    UserAccounts accounts;

    private final PasswordHashing hashing = new PasswordHashing();

    @Inject
    @ConfigProperty(name = "rfm.admin.password")
    Optional<String> configuredPassword;

    @PostConstruct
    void ensureAdmin() {
        Optional<UserAccount> existing = accounts.find(ADMIN);
        Optional<String> configured = configuredPassword.filter(p -> !p.isBlank());
        LocalDateTime now = LocalDateTime.now(Clock.systemUTC());
        if (configured.isPresent()) {
            char[] password = configured.get().toCharArray();
            if (existing.isEmpty()) {
                accounts.save(new UserAccount(ADMIN, hashing.hash(password), Role.ADMIN, now));
            } else if (!hashing.verify(password, existing.get().getPasswordHash())
                    || hashing.isWeak(existing.get().getPasswordHash())
                    || !existing.get().isEnabledAdmin()) {
                UserAccount admin = existing.get();
                admin.changePassword(hashing.hash(password), false, now);
                admin.changeRole(Role.ADMIN);
                admin.setEnabled(true);
                accounts.save(admin);
            }
            LOG.info("Admin user 'admin' uses the password from RFM_ADMIN_PASSWORD (enabled, ADMIN).");
        } else if (existing.isEmpty()) {
            String generated = generatePassword();
            UserAccount admin = new UserAccount(ADMIN, hashing.hash(generated.toCharArray()), Role.ADMIN, now);
            admin.changePassword(admin.getPasswordHash(), true, now); // shown in a log: to be replaced at once
            accounts.save(admin);
            LOG.warning("\n\n    Generated password of the admin user 'admin': " + generated
                    + "\n    (shown once; it must be changed at the first sign-in; RFM_ADMIN_PASSWORD sets one)\n");
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
