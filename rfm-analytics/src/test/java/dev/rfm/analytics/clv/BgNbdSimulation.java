package dev.rfm.analytics.clv;

import dev.rfm.analytics.history.CustomerHistories;
import java.time.LocalDate;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Seeded simulation of customers from known BG/NBD and Gamma-Gamma parameters (Fader, Hardie &amp;
 * Lee 2005, section 2; note 025), in days.
 *
 * <p>Customer i is born (first purchase) at the start of a uniformly drawn day in the first {@code
 * birthDays} days; lambda_i ~ Gamma(shape r, rate alpha), p_i ~ Beta(a, b); repeat purchases
 * follow a Poisson process with rate lambda_i; after each repeat purchase the customer drops out
 * with probability p_i. Every transaction's value is Gamma(shape p, rate nu_i) with nu_i ~
 * Gamma(shape q, rate gamma). Observation ends at the end of day {@code observedDays - 1}.
 */
final class BgNbdSimulation {

    final int customers;
    final int[] x;
    final double[] tx;
    final double[] age;
    /** First purchase day, and per customer the purchase days and values (ten-thousandths). */
    final int[] birthDay;

    final int[][] purchaseDays;
    final long[][] values;

    BgNbdSimulation(
            long seed,
            int customers,
            int birthDays,
            int observedDays,
            double r,
            double alpha,
            double a,
            double b,
            double p,
            double q,
            double gamma) {
        this.customers = customers;
        RandomDataGenerator random = new RandomDataGenerator(seed);
        x = new int[customers];
        tx = new double[customers];
        age = new double[customers];
        birthDay = new int[customers];
        purchaseDays = new int[customers][];
        values = new long[customers][];
        for (int i = 0; i < customers; i++) {
            int born = random.nextInt(0, birthDays - 1);
            double horizon = observedDays - born; // continuous time from birth to end of observation
            double lambda = random.nextGamma(r, 1 / alpha);
            double dropout = random.nextBeta(a, b);
            double nu = random.nextGamma(q, 1 / gamma);
            int[] days = new int[16];
            long[] amounts = new long[16];
            int n = 0;
            double t = 0;
            double last = 0;
            int repeats = 0;
            while (true) {
                if (n == days.length) {
                    days = java.util.Arrays.copyOf(days, 2 * n);
                    amounts = java.util.Arrays.copyOf(amounts, 2 * n);
                }
                days[n] = born + (int) Math.floor(t);
                amounts[n] = Math.round(random.nextGamma(p, 1 / nu) * 10_000);
                n++;
                if (n > 1 && random.nextDouble() < dropout) {
                    break;
                }
                t += random.nextExponential(1 / lambda);
                if (t >= horizon) {
                    break;
                }
                last = t;
                repeats++;
            }
            x[i] = repeats;
            tx[i] = last;
            age[i] = horizon;
            birthDay[i] = born;
            purchaseDays[i] = java.util.Arrays.copyOf(days, n);
            values[i] = java.util.Arrays.copyOf(amounts, n);
        }
    }

    /** The continuous-time histories, ungrouped (weight 1 each). */
    BgNbdData continuousData() {
        double[] w = new double[customers];
        java.util.Arrays.fill(w, 1);
        return BgNbdData.of(ModelTimeUnit.DAYS, x, tx, age, w);
    }

    /** The same customers as orders through the product's builder; epoch day 0 = simulation day 0. */
    CustomerHistories histories(int observedDays) {
        var builder = CustomerHistories.builder(LocalDate.ofEpochDay(observedDays));
        for (int i = 0; i < customers; i++) {
            for (int k = 0; k < purchaseDays[i].length; k++) {
                builder.add(i, purchaseDays[i][k], values[i][k]);
            }
        }
        return builder.build();
    }
}
