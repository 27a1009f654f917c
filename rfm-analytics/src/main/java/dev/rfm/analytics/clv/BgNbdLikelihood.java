package dev.rfm.analytics.clv;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD log-likelihood of grouped data and its gradient in {@code theta = (ln r, ln alpha,
 * ln a, ln b)}.
 *
 * <p>Per group, with {@code A3 = -(r+x) ln(alpha+T)}, {@code A4 = ln a - ln(b+x-1) - (r+x)
 * ln(alpha+t_x)} (x &gt; 0 only) and {@code S = logsumexp(A3, A4)}:
 *
 * <pre>
 * l = lnG(r+x) - lnG(r) + r ln alpha + lnG(a+b) + lnG(b+x) - lnG(b) - lnG(a+b+x) + S
 * dl/dr     = psi(r+x) - psi(r) + ln alpha - w3 ln(alpha+T) - w4 ln(alpha+t_x)
 * dl/dalpha = r/alpha - (r+x) (w3/(alpha+T) + w4/(alpha+t_x))
 * dl/da     = psi(a+b) - psi(a+b+x) + w4/a
 * dl/db     = psi(a+b) + psi(b+x) - psi(b) - psi(a+b+x) - w4/(b+x-1)
 * </pre>
 *
 * where {@code w3 = exp(A3 - S)}, {@code w4 = exp(A4 - S)} (softmax weights; 0 for x = 0), and
 * d/d(ln p) = p d/dp. Special functions of x are computed once per distinct x (groups are sorted
 * by x).
 */
final class BgNbdLikelihood implements LogLikelihood {

    private final BgNbdData data;
    private final int maxDay;

    BgNbdLikelihood(BgNbdData data) {
        this.data = data;
        int max = -1;
        if (data.wholeDays()) {
            for (int k = 0; k < data.groups(); k++) {
                max = Math.max(max, data.ageDays(k)); // t_x <= T
            }
        }
        this.maxDay = max;
    }

    @Override
    public int dimension() {
        return 4;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
        double r = Math.exp(theta[0]);
        double alpha = Math.exp(theta[1]);
        double a = Math.exp(theta[2]);
        double b = Math.exp(theta[3]);
        double logAlpha = Math.log(alpha);
        double lgR = Gamma.logGamma(r);
        double lgB = Gamma.logGamma(b);
        double lgAb = Gamma.logGamma(a + b);
        double psiR = Gamma.digamma(r);
        double psiB = Gamma.digamma(b);
        double psiAb = Gamma.digamma(a + b);
        double logA = Math.log(a);
        // With whole-day data, ln(alpha + d) for every day d once per evaluation instead of twice
        // per group: the groups outnumber the days by far.
        double[] logAlphaPlus = null;
        if (maxDay >= 0) {
            logAlphaPlus = new double[maxDay + 1];
            double daysPerUnit = data.unit().days();
            for (int d = 0; d <= maxDay; d++) {
                logAlphaPlus[d] = Math.log(alpha + d / daysPerUnit);
            }
        }

        double sum = 0;
        double gr = 0;
        double galpha = 0;
        double ga = 0;
        double gb = 0;
        int currentX = -1;
        double xTerms = 0; // x-dependent gamma terms of l
        double psiRx = 0;
        double psiBx = 0;
        double psiAbx = 0;
        double logBx1 = 0;
        for (int k = 0; k < data.groups(); k++) {
            int x = data.x(k);
            if (x != currentX) {
                currentX = x;
                xTerms = Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x);
                psiRx = Gamma.digamma(r + x);
                psiBx = Gamma.digamma(b + x);
                psiAbx = Gamma.digamma(a + b + x);
                logBx1 = x > 0 ? Math.log(b + x - 1) : 0;
            }
            double w = data.weight(k);
            double logAgeTerm = logAlphaPlus != null ? logAlphaPlus[data.ageDays(k)] : Math.log(alpha + data.age(k));
            double a3 = -(r + x) * logAgeTerm;
            double s;
            double w3;
            double w4;
            double logTxTerm = 0;
            if (x > 0) {
                logTxTerm = logAlphaPlus != null ? logAlphaPlus[data.txDays(k)] : Math.log(alpha + data.tx(k));
                double a4 = logA - logBx1 - (r + x) * logTxTerm;
                s = BgNbdParameters.logSumExp(a3, a4);
                w3 = Math.exp(a3 - s);
                w4 = Math.exp(a4 - s);
            } else {
                s = a3;
                w3 = 1;
                w4 = 0;
            }
            sum += w * (xTerms - lgR + r * logAlpha + lgAb - lgB + s);
            if (gradient == null) {
                continue;
            }
            gr += w * (psiRx - psiR + logAlpha - w3 * logAgeTerm - w4 * logTxTerm);
            galpha += w * (r / alpha - (r + x) * (w3 / (alpha + data.age(k)) + w4 / (alpha + data.tx(k))));
            ga += w * (psiAb - psiAbx + w4 / a);
            gb += w * (psiAb + psiBx - psiB - psiAbx - (x > 0 ? w4 / (b + x - 1) : 0));
        }
        if (gradient == null) {
            return sum;
        }
        gradient[0] = gr * r;
        gradient[1] = galpha * alpha;
        gradient[2] = ga * a;
        gradient[3] = gb * b;
        return sum;
    }
}
