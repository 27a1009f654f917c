package dev.rfm.analytics.clv;

import dev.rfm.analytics.history.CustomerHistories;
import java.util.Arrays;
import java.util.Objects;

/**
 * BG/NBD calibration data: customers grouped by identical {@code (x, t_x, T)}, each group with a
 * weight (its number of customers), in one {@link ModelTimeUnit}.
 *
 * <p>Grouping makes the likelihood's cost depend on the number of distinct histories, which
 * saturates (x, t_x and T are whole days within the data's span), not on the number of customers.
 * Groups are ordered by x, then t_x, then T, so that the x-dependent special functions can be
 * computed once per distinct x.
 */
public final class BgNbdData {

    private static final int FIELD_BITS = 21;
    private static final long FIELD_MASK = (1L << FIELD_BITS) - 1;

    private final ModelTimeUnit unit;
    private final int[] x;
    private final double[] tx;
    private final double[] age;
    private final double[] weight;
    private final long customers;
    private final long eligibleCustomers;
    // whole days of t_x and T when built from histories (lets the likelihood use log tables), else null
    private final int[] txDays;
    private final int[] ageDays;

    private BgNbdData(
            ModelTimeUnit unit,
            int[] x,
            double[] tx,
            double[] age,
            double[] weight,
            int[] txDays,
            int[] ageDays,
            long eligibleCustomers) {
        this.unit = unit;
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.weight = weight;
        this.txDays = txDays;
        this.ageDays = ageDays;
        long n = 0;
        for (double w : weight) {
            n += (long) w;
        }
        this.customers = n;
        this.eligibleCustomers = eligibleCustomers < 0 ? n : eligibleCustomers;
    }

    /**
     * Data from explicit (possibly continuous) histories, e.g. a simulation or a published summary.
     * Entries are reordered by x; they are not grouped.
     *
     * @param x repeat transactions, &ge; 0
     * @param tx time of the last repeat transaction, 0 when x = 0, &le; T
     * @param age T, the time from the first purchase to the end of observation, &ge; 0
     * @param weight customers with this history, &gt; 0 (1 for ungrouped data)
     */
    public static BgNbdData of(ModelTimeUnit unit, int[] x, double[] tx, double[] age, double[] weight) {
        Objects.requireNonNull(unit, "unit must not be null");
        int n = x.length;
        if (tx.length != n || age.length != n || weight.length != n) {
            throw new IllegalArgumentException("x, tx, age and weight must have the same length, had " + n + ", "
                    + tx.length + ", " + age.length + ", " + weight.length);
        }
        for (int i = 0; i < n; i++) {
            if (x[i] < 0) {
                throw new IllegalArgumentException("x must be >= 0, was " + x[i] + " at " + i);
            }
            if (!(tx[i] >= 0 && tx[i] <= age[i]) || !Double.isFinite(age[i])) {
                throw new IllegalArgumentException(
                        "tx must be in [0, T], was " + tx[i] + " with T " + age[i] + " at " + i);
            }
            if (x[i] == 0 && tx[i] != 0) {
                throw new IllegalArgumentException("tx must be 0 when x = 0, was " + tx[i] + " at " + i);
            }
            if (!(weight[i] > 0) || !Double.isFinite(weight[i])) {
                throw new IllegalArgumentException("weight must be positive, was " + weight[i] + " at " + i);
            }
        }
        // stable counting sort by x, so that the likelihood computes x-dependent terms once per x
        int maxX = 0;
        for (int v : x) {
            maxX = Math.max(maxX, v);
        }
        int[] next = new int[maxX + 2];
        for (int v : x) {
            next[v + 1]++;
        }
        for (int k = 1; k < next.length; k++) {
            next[k] += next[k - 1];
        }
        int[] sx = new int[n];
        double[] stx = new double[n];
        double[] sage = new double[n];
        double[] sw = new double[n];
        for (int i = 0; i < n; i++) {
            int j = next[x[i]]++;
            sx[j] = x[i];
            stx[j] = tx[i];
            sage[j] = age[i];
            sw[j] = weight[i];
        }
        return new BgNbdData(unit, sx, stx, sage, sw, null, null, -1);
    }

    /**
     * Groups every customer with a purchase before the reference date by (x, t_x, T) in whole
     * days, then converts to {@code unit}. Prospects are not part of the data.
     */
    public static BgNbdData fromHistories(CustomerHistories histories, ModelTimeUnit unit) {
        return fromHistories(histories, unit, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #fromHistories(CustomerHistories, ModelTimeUnit)}, but with more than {@code
     * maxCustomers} customers with a purchase, only a deterministic sample of about {@code
     * maxCustomers} of them (chosen by a hash of the customer id, so the same customers every
     * run). At daily resolution almost every repeat customer is a group of its own, so grouping
     * alone does not bound the fit's cost; the sample does, at the price of sampling error (about
     * 1/sqrt(maxCustomers) relative). {@link #eligibleCustomers()} tells how many there were.
     */
    public static BgNbdData fromHistories(CustomerHistories histories, ModelTimeUnit unit, int maxCustomers) {
        Objects.requireNonNull(unit, "unit must not be null");
        if (maxCustomers < 1) {
            throw new IllegalArgumentException("maxCustomers must be >= 1, was " + maxCustomers);
        }
        int size = histories.size();
        long eligible = 0;
        for (int i = 0; i < size; i++) {
            if (histories.hasPurchase(i)) {
                eligible++;
            }
        }
        Sample sample = Sample.of(maxCustomers, eligible);
        long[] keys = new long[(int) Math.min(eligible, Integer.MAX_VALUE)];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (histories.hasPurchase(i) && sample.includes(histories.customerId(i))) {
                keys[n++] = key(
                        histories.repeatTransactions(i), histories.recencyInModelDays(i), histories.ageInModelDays(i));
            }
        }
        Arrays.sort(keys, 0, n);
        int groups = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                groups++;
            }
        }
        int[] x = new int[groups];
        int[] txDays = new int[groups];
        int[] ageDays = new int[groups];
        double[] weight = new double[groups];
        int g = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                g++;
                x[g] = (int) (keys[i] >>> (2 * FIELD_BITS));
                txDays[g] = (int) ((keys[i] >>> FIELD_BITS) & FIELD_MASK);
                ageDays[g] = (int) (keys[i] & FIELD_MASK);
            }
            weight[g]++;
        }
        double[] tx = new double[groups];
        double[] age = new double[groups];
        for (int k = 0; k < groups; k++) {
            tx[k] = unit.fromDays(txDays[k]);
            age[k] = unit.fromDays(ageDays[k]);
        }
        return new BgNbdData(unit, x, tx, age, weight, txDays, ageDays, eligible);
    }

    private static long key(int x, int txDays, int ageDays) {
        if (x > FIELD_MASK || txDays > FIELD_MASK || ageDays > FIELD_MASK || txDays < 0 || ageDays < 0) {
            throw new IllegalArgumentException(
                    "history out of range for grouping: x " + x + ", t_x " + txDays + " d, T " + ageDays + " d");
        }
        return ((long) x << (2 * FIELD_BITS)) | ((long) txDays << FIELD_BITS) | ageDays;
    }

    public ModelTimeUnit unit() {
        return unit;
    }

    /** Number of groups (distinct histories). */
    public int groups() {
        return x.length;
    }

    /** Number of customers in the data (the sum of the weights): the customers the fit uses. */
    public long customers() {
        return customers;
    }

    public int x(int group) {
        return x[group];
    }

    public double tx(int group) {
        return tx[group];
    }

    /** T of the group. */
    public double age(int group) {
        return age[group];
    }

    public double weight(int group) {
        return weight[group];
    }

    /** Customers that could have been used; more than {@link #customers()} when sampled. */
    public long eligibleCustomers() {
        return eligibleCustomers;
    }

    /** Whether t_x and T are whole days ({@link #txDays}, {@link #ageDays} available). */
    boolean wholeDays() {
        return txDays != null;
    }

    int txDays(int group) {
        return txDays[group];
    }

    int ageDays(int group) {
        return ageDays[group];
    }

    /** Repeat customers (x &gt; 0). */
    public long repeatCustomers() {
        long n = 0;
        for (int k = 0; k < x.length; k++) {
            if (x[k] > 0) {
                n += (long) weight[k];
            }
        }
        return n;
    }
}
