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

    /** The base as last counted, with the highest customer and order keys it was counted at. */
    private record Counted(Object customerMark, Object orderMark, CustomerBase base) {}

    private volatile Counted counted;

    /**
     * The customer base's headline numbers. Counting them reads every order (over a second at ten million), so they
     * are counted again only when customers or orders were added since: both are only ever inserted, with ever
     * higher keys, so the highest keys (two index look-ups) tell whether anything changed.
     */
    public CustomerBase base() {
        Object[] mark = (Object[])
                em.createNativeQuery("select (select max(id) from customer), (select max(id) from customer_order)")
                        .getSingleResult();
        Counted known = counted;
        if (known != null
                && java.util.Objects.equals(known.customerMark(), mark[0])
                && java.util.Objects.equals(known.orderMark(), mark[1])) {
            return known.base();
        }
        CustomerBase base = count();
        counted = new Counted(mark[0], mark[1], base);
        return base;
    }

    private CustomerBase count() {
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
