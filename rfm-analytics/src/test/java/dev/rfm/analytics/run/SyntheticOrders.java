package dev.rfm.analytics.run;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded synthetic customers and orders for the scoring benchmark: an exact number of customers and orders, with
 * heterogeneous purchase rates, lifetimes and spend, so that recency, frequency and monetary spread out and the
 * BG/NBD and Gamma-Gamma fits have something to estimate.
 *
 * <p>Customer {@code i} (id {@code i + 1}) is born (first order) on a uniformly drawn day of the history; it stays
 * alive for an exponentially distributed time whose mean is itself drawn (120 to 1,500 days), then stops buying. Its
 * purchase intensity is Gamma(0.8)-distributed. The orders beyond the first are shared out over customers in
 * proportion to intensity &times; (days alive + 30) by cumulative rounding, so the total is exactly {@code orders};
 * each extra order falls on a uniform day of the customer's alive span. Order values are the customer's mean spend
 * (log-normal around 40) times Gamma(4)/4, in cents; 1.5 % of the extra orders are refunds (negative amounts).
 *
 * <p>Every customer draws from its own {@link SplittableRandom} seeded by {@code (seed, i)}, and only with {@link
 * StrictMath}, so the data set is the same in every run and on every machine, and two passes over the customers see
 * the same values without keeping them.
 *
 * <p>Usage: {@code new SyntheticOrders(1, 1_000_000, 10_000_000).generate(sink)}.
 */
final class SyntheticOrders {

    /** First day of the history. */
    static final LocalDate FIRST_DAY = LocalDate.of(2022, 1, 1);
    /** The benchmark's reference date: the day after the last day of the history. */
    static final LocalDate REFERENCE_DATE = LocalDate.of(2025, 1, 1);

    static final int SPAN_DAYS = (int) ChronoUnit.DAYS.between(FIRST_DAY, REFERENCE_DATE);

    /** Receives customers (in id order) and their orders (per customer in date order). */
    interface Sink {
        void customer(long customerId, int firstDay) throws Exception;

        /**
         * One order.
         *
         * @param day days since {@link #FIRST_DAY}
         * @param minuteOfDay minute of the order's time of day
         * @param cents amount in cents; negative = refund
         * @param quantity items
         * @param channel 0 = web, 1 = store, 2 = app
         */
        void order(long customerId, int day, int minuteOfDay, long cents, int quantity, int channel) throws Exception;
    }

    private final long seed;
    private final int customers;
    private final long orders;

    SyntheticOrders(long seed, int customers, long orders) {
        if (customers < 1 || orders < customers) {
            throw new IllegalArgumentException(
                    "need customers >= 1 and orders >= customers, were " + customers + " and " + orders);
        }
        this.seed = seed;
        this.customers = customers;
        this.orders = orders;
    }

    int customers() {
        return customers;
    }

    long orders() {
        return orders;
    }

    /** Streams every customer and its orders into {@code sink}; exactly {@link #orders()} orders in all. */
    void generate(Sink sink) throws Exception {
        Draw d = new Draw();
        double totalWeight = 0;
        for (int i = 0; i < customers; i++) {
            d.customer(i);
            totalWeight += d.weight;
        }
        long extraOrders = orders - customers;
        double cumulative = 0;
        long allocated = 0;
        int[] days = new int[64];
        for (int i = 0; i < customers; i++) {
            d.customer(i);
            cumulative += d.weight;
            long upTo = i == customers - 1
                    ? extraOrders
                    : Math.min(extraOrders, (long) Math.floor(extraOrders * (cumulative / totalWeight)));
            int extra = (int) Math.max(0, upTo - allocated);
            allocated += extra;
            long id = i + 1L;
            sink.customer(id, d.birth);
            int n = extra + 1;
            if (days.length < n) days = new int[Math.max(n, 2 * days.length)];
            days[0] = d.birth;
            for (int k = 1; k < n; k++) {
                days[k] = d.birth + d.random.nextInt(d.end - d.birth + 1);
            }
            Arrays.sort(days, 1, n);
            for (int k = 0; k < n; k++) {
                int minute = 8 * 60 + d.random.nextInt(14 * 60);
                long cents = Math.max(1, Math.round(d.meanSpend * gamma(d.random, 4) / 4 * 100));
                if (k > 0 && d.random.nextDouble() < 0.015) {
                    cents = -Math.max(1, Math.round(cents * d.random.nextDouble()));
                }
                sink.order(id, days[k], minute, cents, 1 + d.random.nextInt(3), d.random.nextInt(3));
            }
        }
    }

    /** One customer's draws; reused across customers. */
    private final class Draw {
        SplittableRandom random;
        int birth;
        int end;
        double weight;
        double meanSpend;

        void customer(int i) {
            random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            birth = random.nextInt(SPAN_DAYS);
            double meanLife = 120 + 1380 * random.nextDouble();
            double life = -StrictMath.log(1 - random.nextDouble()) * meanLife;
            end = (int) Math.min(SPAN_DAYS - 1, birth + Math.floor(life));
            double intensity = gamma(random, 0.8);
            weight = intensity * (end - birth + 30);
            meanSpend = StrictMath.exp(StrictMath.log(40) + 0.6 * normal(random));
        }
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape &lt; 1 by the boost {@code G(a+1) U^(1/a)}. */
    static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * StrictMath.pow(1 - random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x = normal(random);
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = 1 - random.nextDouble();
            if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
                return d * v;
            }
        }
    }

    /** Standard normal by Box-Muller (one of the pair). */
    static double normal(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }
}
