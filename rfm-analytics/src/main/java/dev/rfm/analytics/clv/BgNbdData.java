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
    private final int[] groupOfCustomer;

    private BgNbdData(ModelTimeUnit unit, int[] x, double[] tx, double[] age, double[] weight, int[] groupOfCustomer) {
        this.unit = unit;
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.weight = weight;
        long n = 0;
        for (double w : weight) {
            n += (long) w;
        }
        this.customers = n;
        this.groupOfCustomer = groupOfCustomer;
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
        return new BgNbdData(unit, sx, stx, sage, sw, null);
    }

    /**
     * Groups every customer with a purchase before the reference date by (x, t_x, T) in whole
     * days, then converts to {@code unit}. Prospects are not part of the data ({@link
     * #groupOf(int)} is -1 for them).
     */
    public static BgNbdData fromHistories(CustomerHistories histories, ModelTimeUnit unit) {
        Objects.requireNonNull(unit, "unit must not be null");
        int size = histories.size();
        long[] keys = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (histories.hasPurchase(i)) {
                keys[n++] = key(
                        histories.repeatTransactions(i), histories.recencyInModelDays(i), histories.ageInModelDays(i));
            }
        }
        long[] sorted = Arrays.copyOf(keys, n);
        Arrays.sort(sorted);
        int groups = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                groups++;
            }
        }
        long[] distinct = new long[groups];
        double[] weight = new double[groups];
        int g = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct[++g] = sorted[i];
            }
            weight[g]++;
        }
        int[] x = new int[groups];
        double[] tx = new double[groups];
        double[] age = new double[groups];
        for (int k = 0; k < groups; k++) {
            x[k] = (int) (distinct[k] >>> (2 * FIELD_BITS));
            tx[k] = unit.fromDays((distinct[k] >>> FIELD_BITS) & FIELD_MASK);
            age[k] = unit.fromDays(distinct[k] & FIELD_MASK);
        }
        int[] groupOf = new int[size];
        for (int i = 0, j = 0; i < size; i++) {
            groupOf[i] = histories.hasPurchase(i) ? Arrays.binarySearch(distinct, keys[j++]) : -1;
        }
        return new BgNbdData(unit, x, tx, age, weight, groupOf);
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

    /** Number of customers, the sum of the weights. */
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

    /**
     * The group of customer {@code customerIndex} of the histories this data was built from, or -1
     * for a prospect.
     *
     * @throws IllegalStateException if the data was not built from histories
     */
    public int groupOf(int customerIndex) {
        if (groupOfCustomer == null) {
            throw new IllegalStateException("data was not built from customer histories");
        }
        return groupOfCustomer[customerIndex];
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
