package dev.rfm.web.security;

import dev.rfm.domain.user.Role;
import dev.rfm.domain.user.UserAccount;
import dev.rfm.domain.user.UserAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks user name and password against the stored PBKDF2 hashes; the user's roles become its groups. */
@ApplicationScoped
public class UserAccountIdentityStore implements IdentityStore {

    @Inject
    UserAccounts accounts;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<UserAccount> account = accounts.find(credential.getCaller());
        if (account.isEmpty()
                || !passwordHash.verify(
                        credential.getPassword().getValue(), account.get().getPasswordHash())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Set<String> groups = account.get().getRoles().stream().map(Role::name).collect(Collectors.toSet());
        return new CredentialValidationResult(account.get().getUsername(), groups);
    }
}
