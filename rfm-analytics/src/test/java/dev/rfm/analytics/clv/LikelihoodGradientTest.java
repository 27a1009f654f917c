package dev.rfm.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The analytic gradients (the fits' convergence certificate) agree with central finite
 * differences of the likelihoods, at random points in log-parameter space; and the grouped BG/NBD
 * likelihood equals the sum of the per-customer {@link BgNbdParameters#logLikelihood}.
 */
class LikelihoodGradientTest {

    private static final BgNbdData BGNBD = BgNbdData.of(
            ModelTimeUnit.WEEKS,
            new int[] {0, 0, 1, 2, 5, 1, 12},
            new double[] {0, 0, 1.71, 30.43, 20.0, 35.0, 38.0},
            new double[] {38.86, 12.0, 38.86, 38.86, 33.0, 36.0, 38.5},
            new double[] {120, 3, 7, 2, 1, 4, 1});

    private static final GammaGammaData GAMMA_GAMMA = GammaGammaData.of(
            new int[] {1, 1, 2, 3, 7}, new double[] {11.77, 40.0, 22.35, 18.5, 55.0}, new double[] {5, 2, 3, 1, 1});

    @Test
    void bgNbdGradient() {
        checkGradient(new BgNbdLikelihood(BGNBD), 4);
    }

    @Test
    void gammaGammaGradient() {
        checkGradient(new GammaGammaLikelihood(GAMMA_GAMMA), 3);
    }

    @Test
    void groupedLikelihoodIsTheWeightedSumOfCustomerLikelihoods() {
        BgNbdParameters p = new BgNbdParameters(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.WEEKS);
        double expected = 0;
        for (int k = 0; k < BGNBD.groups(); k++) {
            expected += BGNBD.weight(k) * p.logLikelihood(BGNBD.x(k), BGNBD.tx(k), BGNBD.age(k));
        }
        double[] theta = {Math.log(p.r()), Math.log(p.alpha()), Math.log(p.a()), Math.log(p.b())};

        assertThat(new BgNbdLikelihood(BGNBD).valueAndGradient(theta, null)).isCloseTo(expected, within(1e-9));
    }

    private static void checkGradient(LogLikelihood likelihood, int n) {
        var random = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            double[] theta = new double[n];
            for (int i = 0; i < n; i++) {
                theta[i] = random.nextDouble(-2, 3);
            }
            double[] gradient = new double[n];
            likelihood.valueAndGradient(theta, gradient);
            for (int i = 0; i < n; i++) {
                double h = 1e-5;
                double[] up = theta.clone();
                double[] down = theta.clone();
                up[i] += h;
                down[i] -= h;
                double numeric =
                        (likelihood.valueAndGradient(up, null) - likelihood.valueAndGradient(down, null)) / (2 * h);
                assertThat(gradient[i])
                        .as("d lnL / d theta[%d] at trial %d", i, trial)
                        .isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(numeric))));
            }
        }
    }
}
