package dev.rfm.web.security;

import dev.rfm.domain.user.Role;
import dev.rfm.domain.user.UserAccount;
import dev.rfm.domain.user.UserAccounts;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure the built-in {@code admin} user exists. Its password is {@code RFM_ADMIN_PASSWORD} when set (and is reset
 * to it at every start, so operators stay in control); otherwise one is generated at the first start and printed in
 * the log once.
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

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    @ConfigProperty(name = "rfm.admin.password")
    Optional<String> configuredPassword;

    @PostConstruct
    void ensureAdmin() {
        Optional<UserAccount> existing = accounts.find(ADMIN);
        Optional<String> configured = configuredPassword.filter(p -> !p.isBlank());
        if (configured.isPresent()) {
            UserAccount admin = existing.orElseGet(() -> newAdmin(configured.get()));
            admin.changePasswordHash(passwordHash.generate(configured.get().toCharArray()));
            accounts.save(admin);
            LOG.info("Admin user 'admin' uses the password from RFM_ADMIN_PASSWORD.");
        } else if (existing.isEmpty()) {
            String generated = generatePassword();
            accounts.save(newAdmin(generated));
            LOG.warning("\n\n    Generated password of the admin user 'admin': " + generated
                    + "\n    (shown once; set RFM_ADMIN_PASSWORD to choose your own)\n");
        }
    }

    private UserAccount newAdmin(String password) {
        return new UserAccount(
                ADMIN,
                passwordHash.generate(password.toCharArray()),
                EnumSet.of(Role.ADMIN),
                LocalDateTime.now(Clock.systemUTC()));
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
