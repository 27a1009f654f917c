package dev.rfm.analytics.lifecycle;

import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.scoring.QuantileDefinition;
import java.util.Arrays;

/**
 * The day thresholds of the lifecycle stages used in a run, stored with it and shown to users.
 *
 * <p><b>Derived thresholds</b> ({@link #derivedFrom}): for every repeat customer (at least one
 * repeat purchase day) take the mean gap between purchase days, {@code ceil(t_x / x)} days, all
 * history before the reference date. Each customer counts once, so heavy buyers with many short
 * gaps do not pull the threshold down. Then
 *
 * <ul>
 *   <li>dormant = the {@value #DERIVED_PERCENTILE}th percentile of these gaps ({@link
 *       QuantileDefinition#HF1}), at least {@value #MIN_DERIVED_DORMANT_DAYS} days;
 *   <li>lost = {@value #LOST_MULTIPLE} &times; dormant.
 * </ul>
 *
 * With fewer than {@value #MIN_REPEAT_CUSTOMERS} repeat customers a percentile says little, so the
 * fallback {@value #FALLBACK_DORMANT_DAYS}/{@value #FALLBACK_LOST_DAYS} days is used and marked as
 * such.
 *
 * @param newWindowDays a customer is new while the first purchase is at most this many days old
 * @param dormantDays dormant: no purchase for longer than this (recency &gt; dormantDays)
 * @param lostDays lost: no purchase for longer than this; greater than dormantDays
 * @param source how the dormant and lost thresholds were chosen
 * @param repeatCustomers repeat customers the derivation looked at (0 for fixed thresholds)
 */
public record LifecycleThresholds(
        int newWindowDays, int dormantDays, int lostDays, Source source, int repeatCustomers) {

    /** Percentile of repeat customers' mean purchase gaps used as the dormant threshold. */
    public static final int DERIVED_PERCENTILE = 90;

    /** Derived dormant thresholds are never below this (a month). */
    public static final int MIN_DERIVED_DORMANT_DAYS = 30;

    /** Derived lost threshold = this multiple of the dormant threshold. */
    public static final int LOST_MULTIPLE = 2;

    /** Fewest repeat customers a derivation needs. */
    public static final int MIN_REPEAT_CUSTOMERS = 30;

    public static final int FALLBACK_DORMANT_DAYS = 90;
    public static final int FALLBACK_LOST_DAYS = 180;

    /** How the thresholds were chosen. */
    public enum Source {
        /** Set in the scoring profile. */
        FIXED,
        /** From the data's purchase gaps. */
        DERIVED,
        /** Derivation asked for, but too few repeat customers: fallback values. */
        DERIVED_FALLBACK
    }

    /** Validates the thresholds. */
    public LifecycleThresholds {
        if (newWindowDays < 1) {
            throw new IllegalArgumentException("newWindowDays must be >= 1, was " + newWindowDays);
        }
        if (dormantDays < 1) {
            throw new IllegalArgumentException("dormantDays must be >= 1, was " + dormantDays);
        }
        if (lostDays <= dormantDays) {
            throw new IllegalArgumentException(
                    "lostDays must be greater than dormantDays " + dormantDays + ", was " + lostDays);
        }
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        if (repeatCustomers < 0) {
            throw new IllegalArgumentException("repeatCustomers must be >= 0, was " + repeatCustomers);
        }
    }

    /** Fixed thresholds. */
    public static LifecycleThresholds fixed(int newWindowDays, int dormantDays, int lostDays) {
        return new LifecycleThresholds(newWindowDays, dormantDays, lostDays, Source.FIXED, 0);
    }

    /** Thresholds derived from the repeat customers' purchase gaps, as described above. */
    public static LifecycleThresholds derivedFrom(CustomerHistories histories, int newWindowDays) {
        long[] gaps = new long[histories.size()];
        int n = 0;
        for (int i = 0; i < histories.size(); i++) {
            int x = histories.repeatTransactions(i);
            if (x > 0) {
                gaps[n++] = ((long) histories.recencyInModelDays(i) + x - 1) / x; // ceil(t_x / x)
            }
        }
        if (n < MIN_REPEAT_CUSTOMERS) {
            return new LifecycleThresholds(
                    newWindowDays, FALLBACK_DORMANT_DAYS, FALLBACK_LOST_DAYS, Source.DERIVED_FALLBACK, n);
        }
        Arrays.sort(gaps, 0, n);
        long percentile = QuantileDefinition.HF1.quantile(gaps, n, DERIVED_PERCENTILE, 100);
        int dormant = (int) Math.max(MIN_DERIVED_DORMANT_DAYS, percentile);
        return new LifecycleThresholds(newWindowDays, dormant, LOST_MULTIPLE * dormant, Source.DERIVED, n);
    }
}
