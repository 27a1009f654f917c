package dev.rfm.analytics.lifecycle;

import java.util.Objects;

/**
 * Assigns lifecycle stages. Rules in order of precedence, the first that holds wins:
 *
 * <ol>
 *   <li><b>prospect</b>: no purchase before the reference date;
 *   <li><b>new</b>: first purchase at most {@code newWindowDays} days before the reference date
 *       (a customer's first weeks are "new" even if a short dormant threshold has passed);
 *   <li><b>lost</b>: recency &gt; {@code lostDays};
 *   <li><b>dormant</b>: recency &gt; {@code dormantDays};
 *   <li><b>reactivated</b>: dormant or lost in the previous run, and bought on or after the previous
 *       run's reference date (so it is recent again; a customer who came back but has lapsed again
 *       is dormant or lost by the rules above);
 *   <li><b>active</b>: everyone else.
 * </ol>
 *
 * <p>Recency here counts over all history, not the analysis window.
 */
public final class LifecycleClassifier {

    private final LifecycleThresholds thresholds;

    private LifecycleClassifier(LifecycleThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public static LifecycleClassifier of(LifecycleThresholds thresholds) {
        return new LifecycleClassifier(Objects.requireNonNull(thresholds, "thresholds must not be null"));
    }

    public LifecycleThresholds thresholds() {
        return thresholds;
    }

    /**
     * The stage of one customer.
     *
     * @param hasPurchase whether the customer bought before the reference date
     * @param daysSinceFirstPurchase reference day minus first purchase day (1 = the day before)
     * @param recencyDays reference day minus last purchase day
     * @param previousStage the stage in the previous run, or {@code null} if none
     * @param boughtSincePreviousRun whether the last purchase is on or after the previous run's
     *     reference date
     */
    public LifecycleStage stage(
            boolean hasPurchase,
            int daysSinceFirstPurchase,
            int recencyDays,
            LifecycleStage previousStage,
            boolean boughtSincePreviousRun) {
        if (!hasPurchase) {
            return LifecycleStage.PROSPECT;
        }
        if (daysSinceFirstPurchase <= thresholds.newWindowDays()) {
            return LifecycleStage.NEW;
        }
        if (recencyDays > thresholds.lostDays()) {
            return LifecycleStage.LOST;
        }
        if (recencyDays > thresholds.dormantDays()) {
            return LifecycleStage.DORMANT;
        }
        if ((previousStage == LifecycleStage.DORMANT || previousStage == LifecycleStage.LOST)
                && boughtSincePreviousRun) {
            return LifecycleStage.REACTIVATED;
        }
        return LifecycleStage.ACTIVE;
    }
}
