package dev.rfm.analytics.clv;

import java.util.Arrays;
import java.util.function.Function;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Maximises a {@link LogLikelihood} over log-parameters with Hipparchus' {@link BOBYQAOptimizer}
 * (Powell 2009, a trust-region method on quadratic models), then certifies the optimum with the
 * analytic gradient. Why BOBYQA rather than the gradient-based optimisers Hipparchus offers: see
 * {@code docs/decisions/0002-clv-optimiser.md}.
 *
 * <p>The search is bounded to {@code |theta| <= }{@value #LOG_BOUND} (parameters between about
 * 1e-11 and 1e11) so that a likelihood that does not identify a parameter cannot run off to
 * overflow; an estimate on that bound is reported as not converged. If the certificate fails, the
 * search restarts once from the estimate with a fresh trust region.
 */
final class MaximumLikelihood {

    static final double LOG_BOUND = 25;

    /** Certificate: the largest gradient component per customer must not exceed this. */
    static final double GRADIENT_TOLERANCE_PER_CUSTOMER = 1e-6;

    private static final double INITIAL_RADIUS = 1.0;
    private static final double STOPPING_RADIUS = 1e-9;
    private static final int MAX_EVALUATIONS = 5_000;
    private static final int RESTARTS = 1;

    /** Result in log space. */
    record Estimate(
            double[] theta,
            double logLikelihood,
            double gradientNorm,
            int iterations,
            int evaluations,
            boolean certified,
            String problem) {

        /**
         * The fit this estimate makes: the optimiser works on log-parameters, so {@code parameters} receives their
         * exponentials. Estimates the parameter type refuses (out of range) make a FAILED fit.
         */
        <P> ModelFit<P> toFit(Function<double[], P> parameters, long customers, long eligibleCustomers, int groups) {
            P estimated;
            try {
                estimated = parameters.apply(Arrays.stream(theta).map(Math::exp).toArray());
            } catch (IllegalArgumentException invalid) {
                return ModelFit.failed(
                        "invalid estimate: " + invalid.getMessage(), customers, eligibleCustomers, groups);
            }
            return new ModelFit<>(
                    certified ? ModelFit.Status.CONVERGED : ModelFit.Status.NOT_CONVERGED,
                    estimated,
                    logLikelihood,
                    iterations,
                    evaluations,
                    gradientNorm,
                    customers,
                    eligibleCustomers,
                    groups,
                    problem);
        }
    }

    private MaximumLikelihood() {}

    static Estimate maximise(LogLikelihood likelihood, double[] start, double customers) {
        int n = likelihood.dimension();
        double[] lower = new double[n];
        double[] upper = new double[n];
        java.util.Arrays.fill(lower, -LOG_BOUND);
        java.util.Arrays.fill(upper, LOG_BOUND);
        ObjectiveFunction objective = new ObjectiveFunction(theta -> {
            double value = likelihood.valueAndGradient(theta, null);
            // outside the likelihood's domain: a large finite value keeps BOBYQA's model usable
            return Double.isFinite(value) ? -value : 1e100;
        });
        double[] theta = start.clone();
        int iterations = 0;
        int evaluations = 0;
        Estimate estimate = null;
        for (int attempt = 0; attempt <= RESTARTS; attempt++) {
            BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, INITIAL_RADIUS, STOPPING_RADIUS);
            PointValuePair optimum;
            try {
                optimum = optimizer.optimize(
                        new MaxEval(MAX_EVALUATIONS),
                        objective,
                        GoalType.MINIMIZE,
                        new InitialGuess(clamp(theta)),
                        new SimpleBounds(lower, upper));
            } catch (MathRuntimeException e) {
                return new Estimate(
                        theta,
                        Double.NaN,
                        Double.NaN,
                        iterations + iterations(optimizer, n),
                        evaluations + optimizer.getEvaluations(),
                        false,
                        "optimiser stopped: " + e.getMessage());
            }
            iterations += iterations(optimizer, n);
            evaluations += optimizer.getEvaluations();
            theta = optimum.getPoint();
            double[] gradient = new double[n];
            double logLikelihood = likelihood.valueAndGradient(theta, gradient);
            double gradientNorm = 0;
            for (double g : gradient) {
                gradientNorm = Math.max(gradientNorm, Math.abs(g));
            }
            String problem = problem(theta, logLikelihood, gradientNorm, customers);
            estimate =
                    new Estimate(theta, logLikelihood, gradientNorm, iterations, evaluations, problem == null, problem);
            if (problem == null || !Double.isFinite(logLikelihood)) {
                break;
            }
        }
        return estimate;
    }

    /**
     * Hipparchus' BOBYQA does not count its iterations; each iteration (a trust-region or
     * model-improvement step) costs exactly one evaluation after the 2n + 1 interpolation points
     * of the initial model, so that difference is the iteration count.
     */
    private static int iterations(BOBYQAOptimizer optimizer, int n) {
        return Math.max(0, optimizer.getEvaluations() - (2 * n + 1));
    }

    private static String problem(double[] theta, double logLikelihood, double gradientNorm, double customers) {
        if (!Double.isFinite(logLikelihood)) {
            return "log-likelihood is not finite at the estimate";
        }
        for (double t : theta) {
            if (Math.abs(t) >= LOG_BOUND - 1e-6) {
                return "a parameter reached the search bound exp(+-" + LOG_BOUND
                        + "): the data do not identify the model";
            }
        }
        if (!(gradientNorm <= GRADIENT_TOLERANCE_PER_CUSTOMER * Math.max(1, customers))) {
            return "gradient " + gradientNorm + " too large at the estimate";
        }
        return null;
    }

    private static double[] clamp(double[] theta) {
        double[] clamped = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            // strictly inside the bounds, as BOBYQA wants room for its initial trust region
            clamped[i] = Math.max(-LOG_BOUND + 2 * INITIAL_RADIUS, Math.min(LOG_BOUND - 2 * INITIAL_RADIUS, theta[i]));
        }
        return clamped;
    }
}
