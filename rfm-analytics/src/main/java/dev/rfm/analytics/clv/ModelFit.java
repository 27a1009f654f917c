package dev.rfm.analytics.clv;

import java.util.Objects;

/**
 * The result of fitting a model, with its health, so that a caller can publish RFM results and
 * mark the model part failed instead of losing the failure.
 *
 * @param status whether the fit can be used
 * @param parameters the estimates; {@code null} when {@link Status#FAILED}
 * @param logLikelihood log-likelihood at the estimates ({@code NaN} when failed)
 * @param iterations optimiser iterations: BOBYQA steps (evaluations after its 2n + 1 initial
 *     interpolation points), summed over restarts
 * @param evaluations likelihood evaluations, summed over restarts
 * @param gradientNorm largest absolute component of the analytic gradient of ln L with respect to
 *     the log-parameters at the estimates: the convergence certificate
 * @param customers customers the fit used
 * @param eligibleCustomers customers that could have been used; more than {@code customers} when
 *     the fit ran on a deterministic sample (large data, see {@code BgNbdData.fromHistories})
 * @param groups distinct histories the likelihood was evaluated over
 * @param message why the fit failed or did not converge; {@code null} when converged
 * @param <P> the parameter type
 */
public record ModelFit<P>(
        Status status,
        P parameters,
        double logLikelihood,
        int iterations,
        int evaluations,
        double gradientNorm,
        long customers,
        long eligibleCustomers,
        int groups,
        String message) {

    /** Health of a fit. */
    public enum Status {
        /** The optimiser finished and the gradient certificate holds: use the parameters. */
        CONVERGED,
        /** The optimiser stopped without a certified optimum: parameters are shown, not used. */
        NOT_CONVERGED,
        /** No estimate at all (too little data, numerical failure). */
        FAILED
    }

    /** Validates the record. */
    public ModelFit {
        Objects.requireNonNull(status, "status must not be null");
        if (status != Status.FAILED && parameters == null) {
            throw new IllegalArgumentException("parameters must not be null unless the fit FAILED");
        }
        if (status != Status.CONVERGED && (message == null || message.isBlank())) {
            throw new IllegalArgumentException("message must say why a fit is " + status);
        }
    }

    /** A fit that produced no estimate. */
    public static <P> ModelFit<P> failed(String message, long customers, long eligibleCustomers, int groups) {
        return new ModelFit<>(
                Status.FAILED, null, Double.NaN, 0, 0, Double.NaN, customers, eligibleCustomers, groups, message);
    }

    /** Whether the fit used a sample of the eligible customers. */
    public boolean sampled() {
        return customers < eligibleCustomers;
    }

    /** Whether the parameters may be used for predictions. */
    public boolean converged() {
        return status == Status.CONVERGED;
    }
}
