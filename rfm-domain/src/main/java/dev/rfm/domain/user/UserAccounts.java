package dev.rfm.domain.user;

import dev.rfm.domain.database.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Stored user accounts. */
@ApplicationScoped
public class UserAccounts {

    @PersistenceContext(unitName = Database.PERSISTENCE_UNIT)
    private EntityManager em;

    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(em.find(UserAccount.class, username));
    }

    @Transactional
    public void save(UserAccount account) {
        if (em.find(UserAccount.class, account.getUsername()) == null) {
            em.persist(account);
        } else {
            em.merge(account);
        }
    }
}
