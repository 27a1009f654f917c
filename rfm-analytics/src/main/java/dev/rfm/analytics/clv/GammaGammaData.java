package dev.rfm.analytics.clv;

import dev.rfm.analytics.history.CustomerHistories;
import java.util.Arrays;

/**
 * Gamma-Gamma calibration data: repeat customers (x &gt; 0) with a positive mean repeat
 * transaction value m_x, grouped by identical (x, m_x) with weights, ordered by x.
 *
 * <p>Values are in currency units (m_x = net amount after the first purchase day / x).
 */
public final class GammaGammaData {

    private final int[] x;
    private final double[] meanValue;
    private final double[] weight;
    private final long customers;
    private final long eligibleCustomers;

    private GammaGammaData(int[] x, double[] meanValue, double[] weight, long eligibleCustomers) {
        this.x = x;
        this.meanValue = meanValue;
        this.weight = weight;
        long n = 0;
        for (double w : weight) {
            n += (long) w;
        }
        this.customers = n;
        this.eligibleCustomers = eligibleCustomers < 0 ? n : eligibleCustomers;
    }

    /**
     * Data from explicit values.
     *
     * @param x repeat transactions, &gt; 0
     * @param meanValue mean repeat transaction value m_x, &gt; 0
     * @param weight customers with these values, &gt; 0
     */
    public static GammaGammaData of(int[] x, double[] meanValue, double[] weight) {
        int n = x.length;
        if (meanValue.length != n || weight.length != n) {
            throw new IllegalArgumentException("x, meanValue and weight must have the same length, had " + n + ", "
                    + meanValue.length + ", " + weight.length);
        }
        for (int i = 0; i < n; i++) {
            if (x[i] < 1) {
                throw new IllegalArgumentException("x must be >= 1, was " + x[i] + " at " + i);
            }
            if (!(meanValue[i] > 0) || !Double.isFinite(meanValue[i])) {
                throw new IllegalArgumentException("meanValue must be positive, was " + meanValue[i] + " at " + i);
            }
            if (!(weight[i] > 0) || !Double.isFinite(weight[i])) {
                throw new IllegalArgumentException("weight must be positive, was " + weight[i] + " at " + i);
            }
        }
        return new GammaGammaData(x.clone(), meanValue.clone(), weight.clone(), -1);
    }

    /**
     * The repeat customers of {@code histories} with positive net repeat spend, grouped by (x, net
     * repeat amount): a counting sort by x, then a sort of the amounts within each x.
     */
    public static GammaGammaData fromHistories(CustomerHistories histories) {
        return fromHistories(histories, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #fromHistories(CustomerHistories)}, but with more than {@code maxCustomers}
     * eligible customers only a deterministic sample of about that many, chosen by a hash of the
     * customer id (see {@link BgNbdData#fromHistories(CustomerHistories, ModelTimeUnit, int)}).
     */
    public static GammaGammaData fromHistories(CustomerHistories histories, int maxCustomers) {
        if (maxCustomers < 1) {
            throw new IllegalArgumentException("maxCustomers must be >= 1, was " + maxCustomers);
        }
        int size = histories.size();
        long candidates = 0;
        for (int i = 0; i < size; i++) {
            if (eligible(histories, i)) {
                candidates++;
            }
        }
        Sample sample = Sample.of(maxCustomers, candidates);
        int maxX = 0;
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (eligible(histories, i) && sample.includes(histories.customerId(i))) {
                maxX = Math.max(maxX, histories.repeatTransactions(i));
                n++;
            }
        }
        int[] start = new int[maxX + 2];
        for (int i = 0; i < size; i++) {
            if (eligible(histories, i) && sample.includes(histories.customerId(i))) {
                start[histories.repeatTransactions(i) + 1]++;
            }
        }
        for (int k = 1; k < start.length; k++) {
            start[k] += start[k - 1];
        }
        long[] nets = new long[n];
        int[] fill = Arrays.copyOf(start, start.length);
        for (int i = 0; i < size; i++) {
            if (eligible(histories, i) && sample.includes(histories.customerId(i))) {
                nets[fill[histories.repeatTransactions(i)]++] = histories.repeatNetTenThousandths(i);
            }
        }
        int[] gx = new int[n];
        double[] gm = new double[n];
        double[] gw = new double[n];
        int groups = 0;
        for (int xv = 1; xv <= maxX; xv++) {
            Arrays.sort(nets, start[xv], start[xv + 1]);
            for (int j = start[xv]; j < start[xv + 1]; j++) {
                if (j > start[xv] && nets[j] == nets[j - 1]) {
                    gw[groups - 1]++;
                } else {
                    gx[groups] = xv;
                    gm[groups] = nets[j] / 10_000.0 / xv;
                    gw[groups] = 1;
                    groups++;
                }
            }
        }
        return new GammaGammaData(
                Arrays.copyOf(gx, groups), Arrays.copyOf(gm, groups), Arrays.copyOf(gw, groups), candidates);
    }

    private static boolean eligible(CustomerHistories histories, int i) {
        return histories.repeatTransactions(i) > 0 && histories.repeatNetTenThousandths(i) > 0;
    }

    public int groups() {
        return x.length;
    }

    /** Customers in the data: the customers the fit uses. */
    public long customers() {
        return customers;
    }

    /** Customers that could have been used; more than {@link #customers()} when sampled. */
    public long eligibleCustomers() {
        return eligibleCustomers;
    }

    public int x(int group) {
        return x[group];
    }

    /** m_x of the group, in currency units. */
    public double meanValue(int group) {
        return meanValue[group];
    }

    public double weight(int group) {
        return weight[group];
    }
}
