package dev.rfm.analytics.clv;

/** Fits the Gamma-Gamma spend model (Fader &amp; Hardie 2013, note 025) by maximum likelihood. */
public final class GammaGammaModel {

    /** Fewer repeat customers than this cannot support three parameters. */
    public static final int MIN_CUSTOMERS = 10;

    private GammaGammaModel() {}

    /**
     * The maximum-likelihood fit on repeat customers with positive m_x. Never throws for bad data:
     * a fit that cannot be made is returned as {@link ModelFit.Status#FAILED} with the reason.
     */
    public static ModelFit<GammaGammaParameters> fit(GammaGammaData data) {
        long customers = data.customers();
        if (customers < MIN_CUSTOMERS) {
            return ModelFit.failed(
                    "needs at least " + MIN_CUSTOMERS + " repeat customers with positive spend, had " + customers,
                    customers,
                    data.eligibleCustomers(),
                    data.groups());
        }
        MaximumLikelihood.Estimate e =
                MaximumLikelihood.maximise(new GammaGammaLikelihood(data), startingPoint(data), customers);
        return e.toFit(
                p -> new GammaGammaParameters(p[0], p[1], p[2]), customers, data.eligibleCustomers(), data.groups());
    }

    /** p = 1, q = 2 and gamma = the mean m_x, so that the start's population mean is the data's. */
    static double[] startingPoint(GammaGammaData data) {
        double sum = 0;
        double weight = 0;
        for (int k = 0; k < data.groups(); k++) {
            sum += data.weight(k) * data.meanValue(k);
            weight += data.weight(k);
        }
        return new double[] {0, Math.log(2), Math.log(sum / weight)};
    }
}
