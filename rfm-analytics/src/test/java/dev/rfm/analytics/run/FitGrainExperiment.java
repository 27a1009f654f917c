package dev.rfm.analytics.run;

import dev.rfm.analytics.clv.BgNbdData;
import dev.rfm.analytics.clv.BgNbdModel;
import dev.rfm.analytics.clv.BgNbdParameters;
import dev.rfm.analytics.clv.ModelFit;
import dev.rfm.analytics.clv.ModelTimeUnit;
import dev.rfm.analytics.history.CustomerHistories;
import java.util.Arrays;
import java.util.Locale;

/**
 * For the BG/NBD fit-time question of docs/PERFORMANCE.md: how long the fit takes over the benchmark's customers with
 * histories grouped by whole days (what the product does) and, as experiments, grouped by whole weeks or fitted on
 * every tenth customer, and how far the estimates and P(alive) move. No database: the histories are built in memory from {@link SyntheticOrders}.
 *
 * <p>Usage: {@code java -Xmx2g -cp <test classpath> dev.rfm.analytics.run.FitGrainExperiment [customers]}.
 */
public final class FitGrainExperiment {

    private FitGrainExperiment() {}

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        CustomerHistories.Builder builder = CustomerHistories.builder(SyntheticOrders.REFERENCE_DATE);
        int firstDay = (int) SyntheticOrders.FIRST_DAY.toEpochDay();
        new SyntheticOrders(1, customers, 10L * customers).generate(new SyntheticOrders.Sink() {
            @Override
            public void customer(long customerId, int day) {}

            @Override
            public void order(long customerId, int day, int minute, long cents, int quantity, int channel) {
                builder.add(customerId, firstDay + day, cents * 100);
            }
        });
        CustomerHistories h = builder.build();

        long t0 = System.nanoTime();
        BgNbdData days = BgNbdData.fromHistories(h, ModelTimeUnit.DAYS);
        ModelFit<BgNbdParameters> byDay = BgNbdModel.fit(days);
        long t1 = System.nanoTime();
        BgNbdData weeks = groupedByWeeks(h);
        ModelFit<BgNbdParameters> byWeek = BgNbdModel.fit(weeks);
        long t2 = System.nanoTime();
        BgNbdData sample = everyTenthCustomer(h);
        ModelFit<BgNbdParameters> bySample = BgNbdModel.fit(sample);
        long t3 = System.nanoTime();

        double maxDiff = 0;
        double sumDiff = 0;
        double maxSampleDiff = 0;
        double sumSampleDiff = 0;
        long n = 0;
        for (int i = 0; i < h.size(); i++) {
            if (!h.hasPurchase(i)) continue;
            int x = h.repeatTransactions(i);
            double aliveDay = byDay.parameters().probabilityAlive(x, h.recencyInModelDays(i), h.ageInModelDays(i));
            double aliveWeek =
                    byWeek.parameters().probabilityAlive(x, h.recencyInModelDays(i) / 7.0, h.ageInModelDays(i) / 7.0);
            double d = Math.abs(aliveDay - aliveWeek);
            maxDiff = Math.max(maxDiff, d);
            sumDiff += d;
            double aliveSample =
                    bySample.parameters().probabilityAlive(x, h.recencyInModelDays(i), h.ageInModelDays(i));
            maxSampleDiff = Math.max(maxSampleDiff, Math.abs(aliveDay - aliveSample));
            sumSampleDiff += Math.abs(aliveDay - aliveSample);
            n++;
        }
        System.out.printf(
                Locale.ROOT,
                "%,d customers%n by day:  %,d groups, fit %.2f s, %d evaluations, %s%n"
                        + " by week: %,d groups, fit %.2f s, %d evaluations, %s (alpha %.3f days)%n"
                        + " P(alive) by week vs by day: mean |difference| %.5f, max %.5f%n"
                        + " every 10th customer, by day: %,d groups, fit %.2f s, %d evaluations, %s%n"
                        + " P(alive) from the sample's fit vs the full fit: mean |difference| %.5f, max %.5f%n",
                n,
                days.groups(),
                (t1 - t0) / 1e9,
                byDay.evaluations(),
                byDay.parameters(),
                weeks.groups(),
                (t2 - t1) / 1e9,
                byWeek.evaluations(),
                byWeek.parameters(),
                byWeek.parameters().alpha() * 7,
                sumDiff / n,
                maxDiff,
                sample.groups(),
                (t3 - t2) / 1e9,
                bySample.evaluations(),
                bySample.parameters(),
                sumSampleDiff / n,
                maxSampleDiff);
    }

    /** The histories of every tenth customer (by index), grouped by whole days as the product does. */
    static BgNbdData everyTenthCustomer(CustomerHistories h) {
        BgNbdData all = BgNbdData.fromHistories(h, ModelTimeUnit.DAYS);
        double[] weight = new double[all.groups()];
        for (int i = 0; i < h.size(); i += 10) {
            int g = all.groupOf(i);
            if (g >= 0) weight[g]++;
        }
        int groups = 0;
        for (double w : weight) if (w > 0) groups++;
        int[] x = new int[groups];
        double[] tx = new double[groups];
        double[] age = new double[groups];
        double[] w = new double[groups];
        for (int g = 0, k = 0; g < all.groups(); g++) {
            if (weight[g] == 0) continue;
            x[k] = all.x(g);
            tx[k] = all.tx(g);
            age[k] = all.age(g);
            w[k++] = weight[g];
        }
        return BgNbdData.of(ModelTimeUnit.DAYS, x, tx, age, w);
    }

    /** (x, t_x, T) with t_x and T rounded to whole weeks, grouped, in weeks. */
    static BgNbdData groupedByWeeks(CustomerHistories h) {
        long[] keys = new long[h.size()];
        int n = 0;
        for (int i = 0; i < h.size(); i++) {
            if (!h.hasPurchase(i)) continue;
            long x = h.repeatTransactions(i);
            long tx = Math.round(h.recencyInModelDays(i) / 7.0);
            long age = Math.round(h.ageInModelDays(i) / 7.0);
            tx = Math.min(tx, age);
            keys[n++] = x << 40 | tx << 20 | age;
        }
        long[] sorted = Arrays.copyOf(keys, n);
        Arrays.sort(sorted);
        int groups = 0;
        for (int i = 0; i < n; i++) if (i == 0 || sorted[i] != sorted[i - 1]) groups++;
        int[] x = new int[groups];
        double[] tx = new double[groups];
        double[] age = new double[groups];
        double[] weight = new double[groups];
        int g = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                g++;
                x[g] = (int) (sorted[i] >>> 40);
                tx[g] = x[g] == 0 ? 0 : (sorted[i] >>> 20) & 0xFFFFF;
                age[g] = sorted[i] & 0xFFFFF;
            }
            weight[g]++;
        }
        return BgNbdData.of(ModelTimeUnit.WEEKS, x, tx, age, weight);
    }
}
