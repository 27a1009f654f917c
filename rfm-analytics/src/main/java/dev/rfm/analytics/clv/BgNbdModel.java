package dev.rfm.analytics.clv;

/**
 * Fits the BG/NBD model (Fader, Hardie &amp; Lee 2005) by maximum likelihood over grouped data.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * ModelFit<BgNbdParameters> fit = BgNbdModel.fit(BgNbdData.fromHistories(histories, ModelTimeUnit.DAYS));
 * if (fit.converged()) {
 *     double pAlive = fit.parameters().probabilityAlive(x, tx, age);
 * }
 * }</pre>
 */
public final class BgNbdModel {

    private BgNbdModel() {}

    /**
     * The maximum-likelihood fit. Never throws for bad data: a fit that cannot be made is returned
     * as {@link ModelFit.Status#FAILED} with the reason.
     */
    public static ModelFit<BgNbdParameters> fit(BgNbdData data) {
        long customers = data.customers();
        if (customers == 0) {
            return ModelFit.failed("no customers with a purchase", 0, 0, 0);
        }
        if (data.repeatCustomers() == 0) {
            return ModelFit.failed(
                    "no repeat customers: the repeat-purchase process cannot be estimated",
                    customers,
                    data.eligibleCustomers(),
                    data.groups());
        }
        MaximumLikelihood.Estimate e =
                MaximumLikelihood.maximise(new BgNbdLikelihood(data), startingPoint(data), customers);
        return e.toFit(
                p -> new BgNbdParameters(p[0], p[1], p[2], p[3], data.unit()),
                customers,
                data.eligibleCustomers(),
                data.groups());
    }

    /**
     * r = a = b = 1 and alpha from the mean purchase rate, r / alpha = sum(x) / sum(T), so that
     * the start is on the data's time scale in days as in weeks.
     */
    static double[] startingPoint(BgNbdData data) {
        double repeats = 0;
        double exposure = 0;
        for (int k = 0; k < data.groups(); k++) {
            repeats += data.weight(k) * data.x(k);
            exposure += data.weight(k) * data.age(k);
        }
        double alpha = repeats > 0 && exposure > 0 ? exposure / repeats : 1;
        return new double[] {0, Math.log(alpha), 0, 0};
    }
}
