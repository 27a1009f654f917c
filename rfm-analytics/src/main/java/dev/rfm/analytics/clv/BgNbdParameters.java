package dev.rfm.analytics.clv;

import java.util.Objects;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * Fitted BG/NBD parameters and the model's per-customer quantities (Fader, Hardie &amp; Lee 2005,
 * "Counting Your Customers the Easy Way", <i>Marketing Science</i> 24(2); equation numbers below
 * are the paper's).
 *
 * <p>While active, a customer buys as a Poisson process with rate &lambda; ~ Gamma(r, &alpha;);
 * after each repeat purchase they drop out with probability p ~ Beta(a, b).
 *
 * <p><b>Hypergeometric terms.</b> Equations (9) and (10) contain {@code 2F1(r+x, b+x; a+b+x-1; z)}
 * whose series terms grow like {@code n^(x+r-a)} before shrinking, which overflows for large x.
 * Euler's transformation {@code 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z)} (Abramowitz
 * &amp; Stegun 15.3.3) turns the bracket into {@code 1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1;
 * z)}, whose terms no longer grow with x; the product of the tiny power and the large series
 * (when a is large) is summed on a log scale ({@link Hypergeometric2F1#scaled}). A value the series
 * cannot deliver raises an {@link ArithmeticException}.
 *
 * @param r shape of the purchase-rate distribution
 * @param alpha scale of the purchase-rate distribution, in {@code unit}
 * @param a first shape of the dropout-probability distribution
 * @param b second shape of the dropout-probability distribution
 * @param unit the time unit of alpha and of every time argument
 */
public record BgNbdParameters(double r, double alpha, double a, double b, ModelTimeUnit unit) {

    /** a this close to 1 makes (9) and (10) a 0/0; such a is evaluated as the mean of 1 &plusmn; this. */
    private static final double A_NEAR_ONE = 1e-4;

    /** Validates that every parameter is positive and finite. */
    public BgNbdParameters {
        check("r", r);
        check("alpha", alpha);
        check("a", a);
        check("b", b);
        Objects.requireNonNull(unit, "unit must not be null");
    }

    private static void check(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be positive and finite, was " + value);
        }
    }

    /** The same model in another time unit: only alpha changes (alpha in days = 7 alpha in weeks). */
    public BgNbdParameters inUnit(ModelTimeUnit other) {
        return new BgNbdParameters(r, alpha * unit.days() / other.days(), a, b, other);
    }

    /**
     * Log-likelihood of one customer (equation 6), in log space: {@code ln L = ln Gamma(r+x) - ln
     * Gamma(r) + r ln alpha + ln B(a, b+x) - ln B(a, b) + ln[(alpha+T)^-(r+x) + [x>0] a/(b+x-1)
     * (alpha+t_x)^-(r+x)]}, the last term by log-sum-exp.
     */
    public double logLikelihood(int x, double tx, double age) {
        double a3 = -(r + x) * Math.log(alpha + age);
        double s = a3;
        if (x > 0) {
            double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
            s = logSumExp(a3, a4);
        }
        return Gamma.logGamma(r + x)
                - Gamma.logGamma(r)
                + r * Math.log(alpha)
                + Beta.logBeta(a, b + x)
                - Beta.logBeta(a, b)
                + s;
    }

    static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }

    /**
     * P(alive | x, t_x, T) (Fader, Hardie &amp; Lee 2008 note "Computing P(alive)"): 1 for x = 0,
     * else {@code 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))}, computed in log space.
     */
    public double probabilityAlive(int x, double tx, double age) {
        if (x == 0) {
            return 1.0;
        }
        double logOdds = Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
        return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
    }

    /**
     * Unconditional expected number of purchases in {@code (0, t]} of a new customer, equation (9):
     * {@code E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]}.
     */
    public double expectedPurchases(double t) {
        checkTime(t);
        return ifAlive(t, 0, 0);
    }

    /**
     * Expected purchases in the next {@code t} of a customer with history (x, t_x, T), equation
     * (10): {@code P(alive) * expectedPurchasesIfAlive(t, x, T)}.
     */
    public double conditionalExpectedPurchases(double t, int x, double tx, double age) {
        checkTime(t);
        return probabilityAlive(x, tx, age) * ifAlive(t, x, age);
    }

    /**
     * The alive part of equation (10), {@code (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
     * 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]}: it depends on x and T only, so callers can cache it
     * per (x, T) and multiply by {@link #probabilityAlive}.
     */
    public double expectedPurchasesIfAlive(double t, int x, double age) {
        checkTime(t);
        return ifAlive(t, x, age);
    }

    private double ifAlive(double t, int x, double age) {
        if (t == 0) {
            return 0;
        }
        if (Math.abs(a - 1) < A_NEAR_ONE) {
            return 0.5 * (ifAlive(t, x, age, 1 - A_NEAR_ONE) + ifAlive(t, x, age, 1 + A_NEAR_ONE));
        }
        return ifAlive(t, x, age, a);
    }

    private double ifAlive(double t, int x, double age, double a) {
        double z = t / (alpha + age + t);
        double logOneMinusZ = Math.log(alpha + age) - Math.log(alpha + age + t);
        double c = a + b + x - 1;
        // (1-z)^(a-1) 2F1(...) as one scaled product: for large a both factors are extreme
        double product = Hypergeometric2F1.scaled((a - 1) * logOneMinusZ, a + b - 1 - r, a - 1, c, z);
        return c / (a - 1) * (1 - product);
    }

    private static void checkTime(double t) {
        if (!(t >= 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be >= 0 and finite, was " + t);
        }
    }
}
