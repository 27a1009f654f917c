package dev.rfm.analytics.campaign;

import java.math.BigDecimal;
import java.math.MathContext;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The uplift in revenue per customer (mean net revenue in the window, customers without orders counting 0;
 * treatment − control) with Welch's t interval (Welch 1947, Biometrika 34:28–35):
 *
 * <pre>
 *   d  = m_1 − m_2                       m_i  = S_i / n_i
 *   s_i² = (Q_i − S_i² / n_i) / (n_i − 1)   S_i = Σ revenue, Q_i = Σ revenue² over the group's customers
 *   se² = s_1² / n_1 + s_2² / n_2
 *   ν   = se⁴ / ((s_1² / n_1)² / (n_1 − 1) + (s_2² / n_2)² / (n_2 − 1))   (Welch–Satterthwaite)
 *   d ± t(0.975; ν) · se
 * </pre>
 *
 * <p>Why Welch: the groups differ in size by design (10 % control) and their spreads need not be equal, which the
 * pooled t ignores; revenue per customer is skewed (most customers buy nothing), but a group mean of hundreds of
 * customers is close to normal. Sums arrive exactly (BigDecimal from SQL); the variance is formed in decimal so that
 * large sums do not cancel. The t quantile is Hipparchus' {@link TDistribution}.
 *
 * <p>Undefined parts: no estimate when a group is empty; no interval when a group has one customer (no spread) or
 * when neither group varies at all (se = 0, ν undefined).
 */
public final class RevenueUplift {

    private static final MathContext DECIMAL = MathContext.DECIMAL128;

    private RevenueUplift() {}

    /** One group's sums: customers, Σ revenue and Σ revenue² per customer. */
    public record Sums(long customers, BigDecimal revenue, BigDecimal revenueSquares) {

        public Sums {
            if (customers < 0 || revenue == null || revenueSquares == null || revenueSquares.signum() < 0) {
                throw new IllegalArgumentException("customers >= 0, revenue and revenueSquares >= 0 must be given");
            }
        }

        static Sums of(double... perCustomer) {
            BigDecimal s = BigDecimal.ZERO;
            BigDecimal q = BigDecimal.ZERO;
            for (double v : perCustomer) {
                BigDecimal b = new BigDecimal(v);
                s = s.add(b);
                q = q.add(b.multiply(b));
            }
            return new Sums(perCustomer.length, s, q);
        }

        double mean() {
            return revenue.divide(BigDecimal.valueOf(customers), DECIMAL).doubleValue();
        }

        /** The sample variance s² (n − 1 in the denominator), never negative. */
        double variance() {
            BigDecimal n = BigDecimal.valueOf(customers);
            BigDecimal squaresAboutMean =
                    revenueSquares.subtract(revenue.multiply(revenue).divide(n, DECIMAL));
            return Math.max(
                    0,
                    squaresAboutMean.divide(n.subtract(BigDecimal.ONE), DECIMAL).doubleValue());
        }
    }

    /** Treatment against control. */
    public static Uplift of(Sums treatment, Sums control) {
        if (treatment.customers() == 0 || control.customers() == 0) return Uplift.UNDEFINED;
        double d = treatment.mean() - control.mean();
        if (treatment.customers() < 2 || control.customers() < 2) return Uplift.estimateOnly(d);
        double a = treatment.variance() / treatment.customers();
        double b = control.variance() / control.customers();
        double se2 = a + b;
        if (se2 == 0) return Uplift.estimateOnly(d);
        double df = se2 * se2 / (a * a / (treatment.customers() - 1) + b * b / (control.customers() - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(0.975);
        double half = t * Math.sqrt(se2);
        return new Uplift(d, d - half, d + half);
    }

    /** Welch's degrees of freedom, for tests and the docs' worked example. */
    static double degreesOfFreedom(Sums treatment, Sums control) {
        double a = treatment.variance() / treatment.customers();
        double b = control.variance() / control.customers();
        return (a + b) * (a + b) / (a * a / (treatment.customers() - 1) + b * b / (control.customers() - 1));
    }
}
