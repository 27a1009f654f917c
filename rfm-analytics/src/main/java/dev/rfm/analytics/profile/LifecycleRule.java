package dev.rfm.analytics.profile;

/**
 * How the dormant and lost thresholds of a run are chosen: derived from the data's purchase gaps
 * ({@link dev.rfm.analytics.lifecycle.LifecycleThresholds#derivedFrom}) or fixed in days.
 *
 * @param derived whether to derive the thresholds from the data
 * @param dormantDays fixed dormant threshold (ignored when derived)
 * @param lostDays fixed lost threshold (ignored when derived)
 */
public record LifecycleRule(boolean derived, int dormantDays, int lostDays) {

    private static final LifecycleRule DERIVED = new LifecycleRule(true, 0, 0);

    public static LifecycleRule derivedFromData() {
        return DERIVED;
    }

    public static LifecycleRule fixed(int dormantDays, int lostDays) {
        return new LifecycleRule(false, dormantDays, lostDays);
    }

    String problem() {
        if (derived) {
            return null;
        }
        if (dormantDays < 1) {
            return "dormantDays must be >= 1, was " + dormantDays;
        }
        if (lostDays <= dormantDays) {
            return "lostDays must be greater than dormantDays " + dormantDays + ", was " + lostDays;
        }
        return null;
    }
}
