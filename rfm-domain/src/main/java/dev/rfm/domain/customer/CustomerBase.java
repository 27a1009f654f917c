package dev.rfm.domain.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The size of the customer base at a glance: what the overview page shows before any scoring has run.
 *
 * <p>A class with getters rather than a record: Jakarta EL 5 (EE 10) cannot read record components.
 */
public final class CustomerBase {

    private final long customers;
    private final long orders;
    private final BigDecimal netRevenue;
    private final LocalDate firstOrder;
    private final LocalDate lastOrder;

    /**
     * @param customers customers known
     * @param orders orders stored (refunds included)
     * @param netRevenue sum of all order amounts
     * @param firstOrder date of the earliest order, null when there are none
     * @param lastOrder date of the latest order, null when there are none
     */
    public CustomerBase(long customers, long orders, BigDecimal netRevenue, LocalDate firstOrder, LocalDate lastOrder) {
        this.customers = customers;
        this.orders = orders;
        this.netRevenue = netRevenue;
        this.firstOrder = firstOrder;
        this.lastOrder = lastOrder;
    }

    public long getCustomers() {
        return customers;
    }

    public long getOrders() {
        return orders;
    }

    public BigDecimal getNetRevenue() {
        return netRevenue;
    }

    public LocalDate getFirstOrder() {
        return firstOrder;
    }

    public LocalDate getLastOrder() {
        return lastOrder;
    }
}
