package dev.rfm.analytics.clv;

/**
 * Fitted Gamma-Gamma parameters (Fader &amp; Hardie 2013, note 025): transaction values of a
 * customer are Gamma(p, nu), and nu ~ Gamma(q, gamma) across customers.
 *
 * @param p shape of a customer's transaction values
 * @param q shape of the distribution of nu
 * @param gamma scale of the distribution of nu, in currency units
 */
public record GammaGammaParameters(double p, double q, double gamma) {

    /** Validates that every parameter is positive and finite. */
    public GammaGammaParameters {
        check("p", p);
        check("q", q);
        check("gamma", gamma);
    }

    private static void check(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be positive and finite, was " + value);
        }
    }

    /**
     * Population mean transaction value {@code p gamma / (q - 1)}; {@code NaN} when q &le; 1 (the
     * mean does not exist).
     */
    public double populationMean() {
        return q > 1 ? p * gamma / (q - 1) : Double.NaN;
    }

    /**
     * Expected value of a customer's transactions given x repeat transactions with mean m_x (note
     * 025, equation 5): {@code (p (gamma + x m_x)) / (p x + q - 1)}, a weighted average of the
     * population mean and m_x. For x = 0 it is the population mean. A repeat customer whose net
     * repeat spend is not positive (refunds) enters with m_x = 0: the observed spend pulls the
     * estimate towards zero by the weight of x transactions. {@code NaN} when {@code p x + q <= 1}.
     */
    public double conditionalExpectedValue(int x, double meanValue) {
        if (x < 0) {
            throw new IllegalArgumentException("x must be >= 0, was " + x);
        }
        double denominator = p * x + q - 1;
        if (!(denominator > 0)) {
            return Double.NaN;
        }
        double m = x == 0 ? 0 : Math.max(0, meanValue);
        return p * (gamma + x * m) / denominator;
    }
}
