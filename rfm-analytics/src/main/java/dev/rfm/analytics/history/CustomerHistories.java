package dev.rfm.analytics.history;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * The purchase histories of all customers as of a reference date, as primitive columns.
 *
 * <p>Built by one streaming pass of a {@link Builder} over orders sorted by customer, then date.
 * Only orders dated strictly before the reference date count. Per customer it keeps:
 *
 * <ul>
 *   <li>over <b>all history</b> before the reference date: first and last purchase day, the number
 *       of distinct purchase days, the net amount after the first purchase day, and the net amount
 *       to date (historical CLV);
 *   <li>within the <b>analysis window</b> (from {@link #windowStart()} inclusive, or all history):
 *       the number of purchases (orders with amount &ge; 0) and the net amount.
 * </ul>
 *
 * <p><b>Refunds.</b> An order with a negative amount is a refund, not a purchase: it never counts
 * in frequency, never makes a day a purchase day, and never moves the first or last purchase day;
 * its amount subtracts from every net sum of the period it falls in. A customer whose orders are
 * all refunds has no purchase and is a prospect. For the CLV models a purchase day's value is the
 * net of all its orders (same-day purchases are one transaction, values summed, as DOMAIN.md
 * says); refunds on later days subtract from {@link #repeatNetTenThousandths(int)}, so {@code m_x}
 * is the net spend per repeat transaction.
 *
 * <p><b>Why all history for the model and lifecycle inputs.</b> The BG/NBD model needs each
 * customer's birth (first purchase) and the lifecycle stage "new" needs the true first purchase;
 * cutting them at the analysis window would make old customers look new. The window therefore
 * shapes only the RFM metrics (recency, frequency, monetary); a customer whose last purchase lies
 * before the window is unscored for RFM but still has a lifecycle stage and model predictions.
 *
 * <p>Memory: eight primitive columns, about 44 bytes per customer (10 million customers: ~440
 * MB), independent of the number of orders. No object is created per customer or order.
 */
public final class CustomerHistories {

    /** Marker in the first/last purchase day columns of a customer without purchases. */
    static final int NO_PURCHASE = Integer.MIN_VALUE;

    private final LocalDate referenceDate;
    private final LocalDate windowStart;
    private final int referenceDay;
    private final int size;
    private final long[] customerIds;
    private final int[] firstPurchaseDay;
    private final int[] lastPurchaseDay;
    private final int[] purchaseDays;
    private final int[] windowPurchases;
    private final long[] windowNet;
    private final long[] repeatNet;
    private final long[] totalNet;

    private CustomerHistories(Builder b) {
        this.referenceDate = b.referenceDate;
        this.windowStart = b.windowStart;
        this.referenceDay = b.referenceDay;
        this.size = b.size;
        // Trim one column at a time and drop the builder's reference at once, so that at 10
        // million customers the peak is the trimmed columns plus one untrimmed column.
        this.customerIds = Arrays.copyOf(b.customerIds, size);
        b.customerIds = null;
        this.firstPurchaseDay = Arrays.copyOf(b.firstPurchaseDay, size);
        b.firstPurchaseDay = null;
        this.lastPurchaseDay = Arrays.copyOf(b.lastPurchaseDay, size);
        b.lastPurchaseDay = null;
        this.purchaseDays = Arrays.copyOf(b.purchaseDays, size);
        b.purchaseDays = null;
        this.windowPurchases = Arrays.copyOf(b.windowPurchases, size);
        b.windowPurchases = null;
        this.windowNet = Arrays.copyOf(b.windowNet, size);
        b.windowNet = null;
        this.repeatNet = Arrays.copyOf(b.repeatNet, size);
        b.repeatNet = null;
        this.totalNet = Arrays.copyOf(b.totalNet, size);
        b.totalNet = null;
    }

    /**
     * A builder for histories as of {@code referenceDate} over all history.
     *
     * @param referenceDate only orders dated strictly before it count
     */
    public static Builder builder(LocalDate referenceDate) {
        return new Builder(referenceDate, null);
    }

    /**
     * A builder for histories as of {@code referenceDate} whose RFM metrics cover the analysis
     * window {@code [windowStart, referenceDate)}.
     *
     * @param windowStart first day of the analysis window, or {@code null} for all history
     */
    public static Builder builder(LocalDate referenceDate, LocalDate windowStart) {
        return new Builder(referenceDate, windowStart);
    }

    /** The reference date: only orders dated strictly before it count. */
    public LocalDate referenceDate() {
        return referenceDate;
    }

    /** The reference date as an epoch day. */
    public int referenceDay() {
        return referenceDay;
    }

    /** First day of the analysis window, or {@code null} when the window is all history. */
    public LocalDate windowStart() {
        return windowStart;
    }

    /** Number of customers (with and without purchases). */
    public int size() {
        return size;
    }

    /** The customer id at {@code index}; ids ascend with the index. */
    public long customerId(int index) {
        return customerIds[index];
    }

    /** The index of {@code customerId}, or a negative number if the customer is unknown. */
    public int indexOf(long customerId) {
        return Arrays.binarySearch(customerIds, 0, size, customerId);
    }

    /** Whether the customer made any purchase before the reference date (else: a prospect). */
    public boolean hasPurchase(int index) {
        return purchaseDays[index] > 0;
    }

    /** Whether the customer made a purchase in the analysis window, i.e. gets an RFM score. */
    public boolean hasPurchaseInWindow(int index) {
        return windowPurchases[index] > 0;
    }

    /** Epoch day of the first purchase (all history); undefined for a prospect. */
    public int firstPurchaseDay(int index) {
        return firstPurchaseDay[index];
    }

    /** Epoch day of the last purchase (all history); undefined for a prospect. */
    public int lastPurchaseDay(int index) {
        return lastPurchaseDay[index];
    }

    /** The first purchase date, or {@code null} for a prospect. */
    public LocalDate firstPurchaseDate(int index) {
        return hasPurchase(index) ? LocalDate.ofEpochDay(firstPurchaseDay[index]) : null;
    }

    /**
     * Recency: whole days from the last purchase to the reference date (a purchase the day before
     * has recency 1). Meaningful when {@link #hasPurchase(int)}.
     */
    public int recencyDays(int index) {
        return referenceDay - lastPurchaseDay[index];
    }

    /** Frequency: orders with amount &ge; 0 in the analysis window. */
    public int frequency(int index) {
        return windowPurchases[index];
    }

    /** Net amount (refunds subtract) in the analysis window, in ten-thousandths. */
    public long windowNetTenThousandths(int index) {
        return windowNet[index];
    }

    /**
     * Average order value in the analysis window: window net / frequency, rounded half-even to a
     * ten-thousandth. Meaningful when {@link #hasPurchaseInWindow(int)}.
     */
    public long averageOrderValueTenThousandths(int index) {
        return Amounts.divideHalfEven(windowNet[index], windowPurchases[index]);
    }

    /** Net amount to date (all history before the reference date): the historical CLV. */
    public long historicalNetTenThousandths(int index) {
        return totalNet[index];
    }

    /**
     * BG/NBD {@code x}: repeat transactions, i.e. distinct purchase days after the first one (all
     * history). 0 for a prospect.
     */
    public int repeatTransactions(int index) {
        return Math.max(0, purchaseDays[index] - 1);
    }

    /** BG/NBD {@code t_x} in days: from the first to the last purchase day. */
    public int recencyInModelDays(int index) {
        return lastPurchaseDay[index] - firstPurchaseDay[index];
    }

    /**
     * BG/NBD {@code T} in days: from the first purchase day to the last observed day, which is the
     * day before the reference date (first purchase 1997-01-01, reference date 1997-10-01: 272).
     */
    public int ageInModelDays(int index) {
        return referenceDay - 1 - firstPurchaseDay[index];
    }

    /**
     * Net amount of everything after the first purchase day (all history), in ten-thousandths; the
     * Gamma-Gamma {@code m_x} is this divided by {@link #repeatTransactions(int)}.
     */
    public long repeatNetTenThousandths(int index) {
        return repeatNet[index];
    }

    /**
     * Folds orders sorted by customer id (ascending) and date (non-decreasing) into {@link
     * CustomerHistories}, one pass, constant work per order, primitive arrays only.
     *
     * <p>Usage:
     *
     * <pre>{@code
     * var builder = CustomerHistories.builder(referenceDate, windowStart);
     * // for each row of "select customer_id, order_date, amount ... order by customer_id, order_date"
     * builder.add(customerId, (int) orderDate.toEpochDay(), amount.unscaledValue().longValueExact());
     * CustomerHistories histories = builder.build();
     * }</pre>
     *
     * <p>Not thread-safe; use one builder per pass.
     */
    public static final class Builder {

        private static final int INITIAL_CAPACITY = 1024;

        private final LocalDate referenceDate;
        private final LocalDate windowStart;
        private final int referenceDay;
        private final int windowStartDay;

        private int size;
        private long[] customerIds = new long[INITIAL_CAPACITY];
        private int[] firstPurchaseDay = new int[INITIAL_CAPACITY];
        private int[] lastPurchaseDay = new int[INITIAL_CAPACITY];
        private int[] purchaseDays = new int[INITIAL_CAPACITY];
        private int[] windowPurchases = new int[INITIAL_CAPACITY];
        private long[] windowNet = new long[INITIAL_CAPACITY];
        private long[] repeatNet = new long[INITIAL_CAPACITY];
        private long[] totalNet = new long[INITIAL_CAPACITY];

        // The current day of the current customer: rows of one day are folded before deciding
        // whether it is the first purchase day (a same-day refund may precede the purchase).
        private int openDay = NO_PURCHASE;
        private int openDayPurchases;
        private long openDayNet;
        private int lastSeenDay = NO_PURCHASE;
        private boolean built;

        private Builder(LocalDate referenceDate, LocalDate windowStart) {
            this.referenceDate = Objects.requireNonNull(referenceDate, "referenceDate must not be null");
            this.referenceDay = Math.toIntExact(referenceDate.toEpochDay());
            if (windowStart != null && !windowStart.isBefore(referenceDate)) {
                throw new IllegalArgumentException(
                        "windowStart must be before referenceDate " + referenceDate + ", was " + windowStart);
            }
            this.windowStart = windowStart;
            this.windowStartDay = windowStart == null ? Integer.MIN_VALUE : Math.toIntExact(windowStart.toEpochDay());
        }

        /**
         * Pre-sizes the columns when the customer count is known (avoids regrowing the arrays).
         *
         * @return this builder
         */
        public Builder expectCustomers(int customers) {
            if (customers < 0) {
                throw new IllegalArgumentException("customers must be >= 0, was " + customers);
            }
            if (customers > customerIds.length) {
                resize(customers);
            }
            return this;
        }

        /**
         * Registers a customer that may have no orders (a prospect). Calling it for the customer
         * whose orders are being added, or before adding them, is harmless.
         *
         * @throws IllegalArgumentException if {@code customerId} is below the previous customer id
         */
        public void addCustomer(long customerId) {
            startCustomerIfNew(customerId);
        }

        /**
         * Adds one order. Orders dated on or after the reference date are ignored (but must still be
         * in order).
         *
         * @param customerId the customer; ascending across calls, all orders of a customer together
         * @param epochDay the order date as {@link LocalDate#toEpochDay()}; non-decreasing per
         *     customer
         * @param amountTenThousandths the order's net amount in ten-thousandths; negative = refund
         * @throws IllegalArgumentException if customers or days are out of order
         * @throws ArithmeticException if a customer's net sum overflows a {@code long}
         */
        public void add(long customerId, int epochDay, long amountTenThousandths) {
            startCustomerIfNew(customerId);
            if (epochDay < lastSeenDay) {
                throw new IllegalArgumentException("epochDay must not decrease within customer " + customerId + ": "
                        + LocalDate.ofEpochDay(epochDay) + " after " + LocalDate.ofEpochDay(lastSeenDay));
            }
            lastSeenDay = epochDay;
            if (epochDay >= referenceDay) {
                return;
            }
            if (epochDay != openDay) {
                closeDay();
                openDay = epochDay;
            }
            if (amountTenThousandths >= 0) {
                openDayPurchases++;
            }
            openDayNet = Math.addExact(openDayNet, amountTenThousandths);
        }

        /**
         * The histories. The builder cannot be used afterwards.
         *
         * @throws IllegalStateException if called twice
         */
        public CustomerHistories build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (size > 0) {
                closeDay();
            }
            built = true;
            return new CustomerHistories(this);
        }

        private void startCustomerIfNew(long customerId) {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (size > 0) {
                long current = customerIds[size - 1];
                if (customerId == current) {
                    return;
                }
                if (customerId < current) {
                    throw new IllegalArgumentException("customerId must ascend (orders sorted by customer, then date): "
                            + customerId + " after " + current);
                }
                closeDay();
            }
            if (size == customerIds.length) {
                resize(size + (size >> 1));
            }
            customerIds[size] = customerId;
            firstPurchaseDay[size] = NO_PURCHASE;
            lastPurchaseDay[size] = NO_PURCHASE;
            size++;
            lastSeenDay = NO_PURCHASE;
            openDay = NO_PURCHASE;
        }

        /** Folds the open day into the current customer's columns. */
        private void closeDay() {
            if (openDay == NO_PURCHASE) {
                return;
            }
            int c = size - 1;
            if (openDayPurchases > 0) {
                if (purchaseDays[c] == 0) {
                    firstPurchaseDay[c] = openDay;
                }
                lastPurchaseDay[c] = openDay;
                purchaseDays[c]++;
            }
            // Everything after the first purchase day is "repeat" money, refunds included, so that
            // m_x is the net spend per repeat transaction.
            if (purchaseDays[c] > 0 && openDay > firstPurchaseDay[c]) {
                repeatNet[c] = Math.addExact(repeatNet[c], openDayNet);
            }
            if (openDay >= windowStartDay) {
                windowPurchases[c] += openDayPurchases;
                windowNet[c] = Math.addExact(windowNet[c], openDayNet);
            }
            totalNet[c] = Math.addExact(totalNet[c], openDayNet);
            openDay = NO_PURCHASE;
            openDayPurchases = 0;
            openDayNet = 0;
        }

        private void resize(int capacity) {
            customerIds = Arrays.copyOf(customerIds, capacity);
            firstPurchaseDay = Arrays.copyOf(firstPurchaseDay, capacity);
            lastPurchaseDay = Arrays.copyOf(lastPurchaseDay, capacity);
            purchaseDays = Arrays.copyOf(purchaseDays, capacity);
            windowPurchases = Arrays.copyOf(windowPurchases, capacity);
            windowNet = Arrays.copyOf(windowNet, capacity);
            repeatNet = Arrays.copyOf(repeatNet, capacity);
            totalNet = Arrays.copyOf(totalNet, capacity);
        }
    }
}
