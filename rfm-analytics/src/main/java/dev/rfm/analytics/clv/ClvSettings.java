package dev.rfm.analytics.clv;

/**
 * Predicted CLV over a horizon, with margin and discounting, following the {@code lifetimes}
 * library's {@code customer_lifetime_value} (lifetimes/utils.py, {@code
 * _customer_lifetime_value}):
 *
 * <pre>
 * CLV = margin * E[value] * sum_{i=1..H} (E[Y(i m) | x, t_x, T] - E[Y((i-1) m) | x, t_x, T]) / (1 + d)^i
 * </pre>
 *
 * with H the horizon in months, m a month of {@value #DAYS_PER_MONTH} days in the model's unit,
 * E[value] the Gamma-Gamma conditional expected transaction value, and d the monthly discount
 * rate. Purchases expected in month i are discounted at the end of month i.
 *
 * <p>Differences from lifetimes, on purpose: the profile gives an <i>annual</i> rate, converted to
 * the equivalent monthly rate {@code d = (1 + annual)^(1/12) - 1} (lifetimes takes the monthly rate
 * directly); a month is 30 days in both units (lifetimes uses 30 days for daily data but 4.345
 * weeks = 30.4 days for weekly data, so the same customers would get different CLVs by unit);
 * the margin multiplies the result (lifetimes leaves it to the caller).
 *
 * @param horizonMonths months ahead, 1..120
 * @param margin profit margin on revenue, in (0, 1]
 * @param annualDiscountRate annual discount rate, in [0, 1)
 */
public record ClvSettings(int horizonMonths, double margin, double annualDiscountRate) {

    /** Length of a month in days, as lifetimes' {@code freq="D"} factor. */
    public static final int DAYS_PER_MONTH = 30;

    /** Validates the settings. */
    public ClvSettings {
        if (horizonMonths < 1 || horizonMonths > 120) {
            throw new IllegalArgumentException("horizonMonths must be between 1 and 120, was " + horizonMonths);
        }
        if (!(margin > 0 && margin <= 1)) {
            throw new IllegalArgumentException("margin must be in (0, 1], was " + margin);
        }
        if (!(annualDiscountRate >= 0 && annualDiscountRate < 1)) {
            throw new IllegalArgumentException("annualDiscountRate must be in [0, 1), was " + annualDiscountRate);
        }
    }

    /** The monthly rate equivalent to the annual one: {@code (1 + annual)^(1/12) - 1}. */
    public double monthlyDiscountRate() {
        return Math.pow(1 + annualDiscountRate, 1.0 / 12) - 1;
    }

    /**
     * The discounted sum of expected purchases over the horizon for a customer who is alive,
     * {@code sum_i (A(i m) - A((i-1) m)) / (1+d)^i} with A = {@link
     * BgNbdParameters#expectedPurchasesIfAlive}. It depends on (x, T) only, so callers can cache
     * it; multiply by P(alive) for the customer's discounted expected purchases.
     */
    public double discountedPurchasesIfAlive(BgNbdParameters model, int x, double age) {
        double month = model.unit().fromDays(DAYS_PER_MONTH);
        double factor = 1 + monthlyDiscountRate();
        double previous = 0;
        double discount = 1;
        double sum = 0;
        for (int i = 1; i <= horizonMonths; i++) {
            double cumulative = model.expectedPurchasesIfAlive(i * month, x, age);
            discount /= factor;
            sum += (cumulative - previous) * discount;
            previous = cumulative;
        }
        return sum;
    }

    /**
     * Predicted CLV of one customer: {@code margin * expectedValue * P(alive) *
     * discountedPurchasesIfAlive}.
     */
    public double predictedClv(
            BgNbdParameters model, GammaGammaParameters spend, int x, double tx, double age, double meanValue) {
        return margin
                * spend.conditionalExpectedValue(x, meanValue)
                * model.probabilityAlive(x, tx, age)
                * discountedPurchasesIfAlive(model, x, age);
    }
}
