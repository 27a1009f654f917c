package dev.rfm.analytics.clv;

/**
 * The Gauss hypergeometric function {@code 2F1(a, b; c; z)} for {@code 0 <= z < 1}, by its power
 * series {@code sum_n (a)_n (b)_n / ((c)_n n!) z^n} (Abramowitz &amp; Stegun 15.1.1).
 *
 * <p>Neither Hipparchus nor the JDK has it. The series converges for {@code |z| < 1}; the models
 * call it in Euler-transformed form ({@link BgNbdParameters}) where terms shrink quickly. Summation
 * stops when a term is below {@value #RELATIVE_TOLERANCE} of the sum for two consecutive terms
 * (the term ratio tends to z, so the tail is then negligible), and gives up after {@value
 * #MAX_TERMS} terms with an {@link ArithmeticException} rather than return an unconverged value.
 */
final class Hypergeometric2F1 {

    static final double RELATIVE_TOLERANCE = 1e-15;
    static final int MAX_TERMS = 1_000_000;

    private Hypergeometric2F1() {}

    static double value(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("z must be in [0, 1), was " + z);
        }
        double term = 1.0;
        double sum = 1.0;
        int small = 0;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (!Double.isFinite(sum)) {
                throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") overflowed");
            }
            if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
                if (++small == 2) {
                    return sum;
                }
            } else {
                small = 0;
            }
        }
        throw new ArithmeticException(
                "2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in " + MAX_TERMS + " terms");
    }
}
