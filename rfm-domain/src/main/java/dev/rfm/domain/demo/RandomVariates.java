package dev.rfm.domain.demo;

import java.util.SplittableRandom;

/**
 * The few random variates the demo data needs, drawn from one seeded stream.
 *
 * <p>Every variate is computed here from {@link SplittableRandom#nextLong()} only, whose algorithm (SplitMix64) is
 * specified, rather than from JDK helpers whose algorithm may change between releases, and with {@link StrictMath},
 * whose results are fixed, rather than {@link Math}, whose intrinsics may differ in the last bit between platforms: the
 * same seed must give the same file on every JDK and machine.
 */
final class RandomVariates {

    private static final double UNIT = 0x1.0p-53;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SplittableRandom random;

    private RandomVariates(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A stream for item {@code index} of a run seeded with {@code seed}, independent of every other item's stream. */
    static RandomVariates forItem(long seed, long index) {
        return new RandomVariates(mix64(seed + (index + 1) * GOLDEN_GAMMA));
    }

    /** Uniform on [0, 1). */
    double uniform() {
        return (random.nextLong() >>> 11) * UNIT;
    }

    /** Uniform on (0, 1], safe to take the logarithm of. */
    private double uniformPositive() {
        return 1.0 - uniform();
    }

    /** True with probability {@code p}. */
    boolean chance(double p) {
        return uniform() < p;
    }

    /** Uniform on {0, ..., n - 1}. */
    int index(int n) {
        return (int) (uniform() * n);
    }

    /** Index {@code i} with probability {@code cumulative[i] - cumulative[i - 1]}; the last entry must be 1. */
    int pick(double[] cumulative) {
        double u = uniform();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** Exponential with the given rate; infinite for rate 0. */
    double exponential(double rate) {
        return -StrictMath.log(uniformPositive()) / rate;
    }

    /** Standard normal by the Box-Muller transform. */
    double standardNormal() {
        return StrictMath.sqrt(-2.0 * StrictMath.log(uniformPositive()))
                * StrictMath.cos(2.0 * StrictMath.PI * uniform());
    }

    /**
     * Gamma with the given shape and rate (mean shape / rate), by Marsaglia and Tsang (2000), "A simple method for
     * generating gamma variables", ACM TOMS 26(3); shapes below 1 by their boosting step {@code G(shape + 1) U^(1/shape)}.
     */
    double gamma(double shape, double rate) {
        if (shape < 1.0) {
            return gamma(shape + 1.0, rate) * StrictMath.pow(uniformPositive(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / StrictMath.sqrt(9.0 * d);
        while (true) {
            double x = standardNormal();
            double v = 1.0 + c * x;
            if (v <= 0.0) {
                continue;
            }
            v = v * v * v;
            double u = uniformPositive();
            if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
                return d * v / rate;
            }
        }
    }

    /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
    double beta(double a, double b) {
        double x = gamma(a, 1.0);
        double y = gamma(b, 1.0);
        double sum = x + y;
        return sum > 0.0 ? x / sum : a / (a + b);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: spreads nearby seeds far apart. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
