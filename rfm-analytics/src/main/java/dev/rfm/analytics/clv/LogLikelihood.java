package dev.rfm.analytics.clv;

/**
 * A log-likelihood over log-parameters {@code theta = ln(parameters)}, with its analytic gradient.
 * Working in log space keeps every parameter positive without constraints and puts parameters of
 * very different magnitude (alpha in days vs. r) on a comparable scale.
 */
interface LogLikelihood {

    /** Number of parameters. */
    int dimension();

    /**
     * The log-likelihood at {@code theta}; writes d(lnL)/d(theta) into {@code gradient} unless it
     * is {@code null} (value only, for derivative-free search steps).
     * Returns {@code NaN} (or -infinity) where the likelihood is not defined.
     */
    double valueAndGradient(double[] theta, double[] gradient);
}
