package dev.rfm.domain.user;

import dev.rfm.domain.database.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Stored user accounts. */
@ApplicationScoped
public class UserAccounts {

    @PersistenceContext(unitName = Database.PERSISTENCE_UNIT)
    private EntityManager em;

    public Optional<UserAccount> find(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(em.find(UserAccount.class, username));
    }

    /** Every user, by name. */
    public List<UserAccount> all() {
        return em.createQuery("select u from UserAccount u order by u.username", UserAccount.class)
                .getResultList();
    }

    @Transactional
    public void save(UserAccount account) {
        if (em.find(UserAccount.class, account.getUsername()) == null) {
            em.persist(account);
        } else {
            em.merge(account);
        }
    }

    /** Adds a new user; {@code false} when the name is taken. */
    @Transactional
    public boolean create(UserAccount account) {
        if (em.find(UserAccount.class, account.getUsername()) != null) {
            return false;
        }
        em.persist(account);
        return true;
    }

    /**
     * Applies {@code change} to the stored user in one transaction, refusing it when afterwards no enabled ADMIN
     * would be left. The ADMIN rows are locked first, so two admins demoting each other at the same time cannot
     * both succeed.
     *
     * @return the changed user; empty when there is no such user
     * @throws LastAdminException when the change would leave no enabled ADMIN
     */
    @Transactional
    public Optional<UserAccount> update(String username, java.util.function.Consumer<UserAccount> change) {
        List<UserAccount> admins = em.createQuery(
                        "select u from UserAccount u where u.roles like '%ADMIN%' order by u.username",
                        UserAccount.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        UserAccount account = em.find(UserAccount.class, username, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            return Optional.empty();
        }
        change.accept(account);
        if (!account.isEnabledAdmin() && admins.stream().noneMatch(UserAccount::isEnabledAdmin)) {
            throw new LastAdminException();
        }
        return Optional.of(account);
    }

    /** Notes a successful sign-in; written only when it moves the stored time on by a minute or more. */
    @Transactional
    public void recordSignIn(String username, LocalDateTime at) {
        em.createQuery("update UserAccount u set u.lastLoginAt = :at where u.username = :name"
                        + " and (u.lastLoginAt is null or u.lastLoginAt < :minuteAgo)")
                .setParameter("at", at)
                .setParameter("name", username)
                .setParameter("minuteAgo", at.minusMinutes(1))
                .executeUpdate();
    }

    /** Remembers the dashboard language a user chose ({@code en} or {@code zh-CN}). */
    @Transactional
    public void rememberLanguage(String username, String language) {
        UserAccount.checkLanguage(language);
        em.createQuery("update UserAccount u set u.language = :language where u.username = :name")
                .setParameter("language", language)
                .setParameter("name", username)
                .executeUpdate();
    }

    /** A change that would leave the product without an enabled ADMIN. */
    public static final class LastAdminException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LastAdminException() {
            super("The last enabled ADMIN can be neither disabled nor demoted: make another user ADMIN first.");
        }
    }
}
