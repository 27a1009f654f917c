package dev.rfm.analytics.computation;

import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.scoring.RfmScore;
import dev.rfm.analytics.value.AbcClass;
import java.math.BigDecimal;

/**
 * One customer's results in a run (the shape of {@code GET /api/customers/{id}}). Model numbers
 * are {@code NaN} when the model part failed or the customer never bought.
 *
 * @param customerId the customer
 * @param scored whether the customer has an RFM score (a purchase in the analysis window)
 * @param recencyDays days since the last purchase, {@code null} for a prospect
 * @param frequency purchases in the window
 * @param monetary the profile's monetary value in the window
 * @param score R, F, M scores, {@code null} when unscored
 * @param standardSegment standard segment code, {@code null} when unscored
 * @param cn8Segment cn8 segment code, {@code null} when unscored
 * @param customSegment custom segment code, {@code null} when unscored
 * @param stage lifecycle stage
 * @param abcClass ABC class, {@code null} when unscored
 * @param probabilityAlive P(alive)
 * @param expectedPurchases30d expected purchases in the next 30 days
 * @param expectedPurchases90d expected purchases in the next 90 days
 * @param expectedPurchases365d expected purchases in the next 365 days
 * @param expectedAverageOrderValue Gamma-Gamma expected transaction value
 * @param historicalClv net revenue to date
 * @param predictedClv predicted CLV over the profile's horizon
 */
public record CustomerResult(
        long customerId,
        boolean scored,
        Integer recencyDays,
        int frequency,
        BigDecimal monetary,
        RfmScore score,
        String standardSegment,
        String cn8Segment,
        String customSegment,
        LifecycleStage stage,
        AbcClass abcClass,
        double probabilityAlive,
        double expectedPurchases30d,
        double expectedPurchases90d,
        double expectedPurchases365d,
        double expectedAverageOrderValue,
        BigDecimal historicalClv,
        double predictedClv) {}
