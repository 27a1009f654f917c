package dev.rfm.analytics.clv;

import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma log-likelihood of grouped (x, m_x) data and its gradient in {@code theta = (ln
 * p, ln q, ln gamma)} (Fader &amp; Hardie 2013, note 025, equation 1 with the Jacobian of the mean):
 *
 * <pre>
 * l = lnG(px+q) - lnG(px) - lnG(q) + q ln gamma + (px-1) ln m + px ln x - (px+q) ln(gamma + x m)
 * dl/dp     = x (psi(px+q) - psi(px) + ln m + ln x - ln(gamma + x m))
 * dl/dq     = psi(px+q) - psi(q) + ln gamma - ln(gamma + x m)
 * dl/dgamma = q/gamma - (px+q)/(gamma + x m)
 * </pre>
 *
 * The same expression as the {@code lifetimes} library's {@code GammaGammaFitter}.
 */
final class GammaGammaLikelihood implements LogLikelihood {

    private final GammaGammaData data;

    GammaGammaLikelihood(GammaGammaData data) {
        this.data = data;
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
        double p = Math.exp(theta[0]);
        double q = Math.exp(theta[1]);
        double gamma = Math.exp(theta[2]);
        double lgQ = Gamma.logGamma(q);
        double psiQ = Gamma.digamma(q);
        double logGamma = Math.log(gamma);
        double sum = 0;
        double gp = 0;
        double gq = 0;
        double gg = 0;
        int currentX = -1;
        double xTerms = 0;
        double psiPxQ = 0;
        double psiPx = 0;
        double logX = 0;
        for (int k = 0; k < data.groups(); k++) {
            int x = data.x(k);
            if (x != currentX) {
                currentX = x;
                xTerms = Gamma.logGamma(p * x + q) - Gamma.logGamma(p * x);
                psiPxQ = Gamma.digamma(p * x + q);
                psiPx = Gamma.digamma(p * x);
                logX = Math.log(x);
            }
            double w = data.weight(k);
            double m = data.meanValue(k);
            double logM = Math.log(m);
            double logTotal = Math.log(gamma + x * m);
            sum += w * (xTerms - lgQ + q * logGamma + (p * x - 1) * logM + p * x * logX - (p * x + q) * logTotal);
            if (gradient == null) {
                continue;
            }
            gp += w * x * (psiPxQ - psiPx + logM + logX - logTotal);
            gq += w * (psiPxQ - psiQ + logGamma - logTotal);
            gg += w * (q / gamma - (p * x + q) / (gamma + x * m));
        }
        if (gradient == null) {
            return sum;
        }
        gradient[0] = gp * p;
        gradient[1] = gq * q;
        gradient[2] = gg * gamma;
        return sum;
    }
}
