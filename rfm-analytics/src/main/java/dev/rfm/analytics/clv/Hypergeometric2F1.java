package dev.rfm.analytics.clv;

/**
 * The Gauss hypergeometric function {@code 2F1(a, b; c; z)} for {@code 0 <= z < 1}, by its power
 * series {@code sum_n (a)_n (b)_n / ((c)_n n!) z^n} (Abramowitz &amp; Stegun 15.1.1).
 *
 * <p>Neither Hipparchus nor the JDK has it. The series converges for {@code |z| < 1}. Summation
 * stops when a term is below {@value #RELATIVE_TOLERANCE} of the sum for two consecutive terms
 * (the term ratio tends to z, so the tail is then negligible), and gives up after {@value
 * #MAX_TERMS} terms with an {@link ArithmeticException} rather than return an unconverged value.
 *
 * <p>The models need {@code exp(logPrefactor) * 2F1(...)} where the prefactor is astronomically
 * small exactly when the series is astronomically large (e.g. {@code (1-z)^(a-1) 2F1(., a-1; .; z)}
 * with a in the hundreds: e^-971 times e^971). {@link #scaled} therefore carries the prefactor as
 * a running log-scale and renormalises the partial sum, so neither part overflows or underflows.
 */
final class Hypergeometric2F1 {

    static final double RELATIVE_TOLERANCE = 1e-15;
    static final int MAX_TERMS = 1_000_000;

    private static final double BIG = 1e250;
    private static final double LOG_BIG = Math.log(BIG);

    private Hypergeometric2F1() {}

    /** {@code 2F1(a, b; c; z)}. */
    static double value(double a, double b, double c, double z) {
        return scaled(0, a, b, c, z);
    }

    /** {@code exp(logPrefactor) * 2F1(a, b; c; z)}, without intermediate overflow. */
    static double scaled(double logPrefactor, double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("z must be in [0, 1), was " + z);
        }
        double logScale = logPrefactor;
        double term = 1.0;
        double sum = 1.0;
        int small = 0;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(sum) > BIG || Math.abs(term) > BIG) {
                sum /= BIG;
                term /= BIG;
                logScale += LOG_BIG;
            }
            if (!Double.isFinite(sum)) {
                throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") overflowed");
            }
            if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
                if (++small == 2) {
                    return sum == 0 ? 0 : Math.copySign(Math.exp(logScale + Math.log(Math.abs(sum))), sum);
                }
            } else {
                small = 0;
            }
        }
        throw new ArithmeticException(
                "2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in " + MAX_TERMS + " terms");
    }
}
