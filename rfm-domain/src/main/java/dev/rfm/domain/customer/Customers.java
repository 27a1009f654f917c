package dev.rfm.domain.customer;

import dev.rfm.domain.database.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Optional;

/** Look-ups of customers and the headline numbers of the customer base. */
@ApplicationScoped
public class Customers {

    @PersistenceContext(unitName = Database.PERSISTENCE_UNIT)
    private EntityManager em;

    public Optional<Customer> byExternalId(String externalId) {
        return em.createQuery("select c from Customer c where c.externalId = :id", Customer.class)
                .setParameter("id", externalId)
                .getResultStream()
                .findFirst();
    }

    public CustomerBase base() {
        long customers =
                ((Number) em.createNativeQuery("select count(*) from customer").getSingleResult()).longValue();
        Object[] row = (Object[]) em.createNativeQuery(
                        "select count(*), coalesce(sum(amount), 0), min(order_date), max(order_date) from customer_order")
                .getSingleResult();
        return new CustomerBase(
                customers, ((Number) row[0]).longValue(), toBigDecimal(row[1]), toDate(row[2]), toDate(row[3]));
    }

    private static BigDecimal toBigDecimal(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }

    private static LocalDate toDate(Object value) {
        if (value == null) return null;
        if (value instanceof LocalDate d) return d;
        if (value instanceof Date d) return d.toLocalDate();
        return LocalDate.parse(value.toString().substring(0, 10));
    }
}
