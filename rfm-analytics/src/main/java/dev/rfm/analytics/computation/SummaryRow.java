package dev.rfm.analytics.computation;

import dev.rfm.analytics.segment.SegmentDefinition;
import java.math.BigDecimal;

/**
 * One segment's (or lifecycle stage's) figures in a run, for the dashboard, the API and reports.
 * Shares are fractions of the scheme's population (all scored customers for segments, all customers
 * for stages) and of its net revenue in the analysis window; over a scheme's rows each sums to 1
 * (revenue shares are all 0 when the total revenue is 0). Averages are over members with a
 * purchase in the window and are {@code null} when there are none; the average predicted CLV is
 * over members with a prediction and {@code null} when the model part failed.
 *
 * @param definition code, names, description and action
 * @param customers members
 * @param share members / population
 * @param revenue members' net revenue in the window
 * @param revenueShare revenue / population's net revenue
 * @param avgRecencyDays mean recency in days
 * @param avgFrequency mean frequency
 * @param avgMonetary mean monetary value (the profile's basis), half-even to 4 decimals
 * @param avgPredictedClv mean predicted CLV, half-even to 4 decimals
 */
public record SummaryRow(
        SegmentDefinition definition,
        long customers,
        double share,
        BigDecimal revenue,
        double revenueShare,
        Double avgRecencyDays,
        Double avgFrequency,
        BigDecimal avgMonetary,
        BigDecimal avgPredictedClv) {

    public String code() {
        return definition.code();
    }
}
