package dev.rfm.analytics.segment;

import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.value.AbcClass;

/**
 * What custom segment rules can test, per customer index, read from a run's columns (no object per
 * customer). Score and raw-metric methods are meaningful only when {@link #scored(int)}.
 */
public interface CustomerFacts {

    /** Number of customers. */
    int size();

    /** Whether the customer has an RFM score (a purchase in the analysis window). */
    boolean scored(int i);

    int recencyScore(int i);

    int frequencyScore(int i);

    int monetaryScore(int i);

    int recencyDays(int i);

    int frequency(int i);

    /** The profile's monetary value (net total or average order value), in ten-thousandths. */
    long monetaryTenThousandths(int i);

    LifecycleStage stage(int i);

    /** P(alive), or {@code NaN} when the model part failed. */
    double probabilityAlive(int i);

    /** Predicted CLV in currency units, or {@code NaN} when the model part failed. */
    double predictedClv(int i);

    AbcClass abcClass(int i);
}
