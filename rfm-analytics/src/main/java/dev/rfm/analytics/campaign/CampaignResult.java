package dev.rfm.analytics.campaign;

import dev.rfm.domain.campaign.GroupOutcome;
import java.time.LocalDate;

/**
 * What a campaign achieved: both groups' counts and the two uplifts with their 95 % intervals. Measured while the
 * window runs too (the days so far), but {@code complete} only once its last day is over.
 *
 * <p>Usage: {@code CampaignResult.of(outcome.treatment(), outcome.control(), campaign.endDate(), today)} — today
 * passed in, never read from a clock here.
 */
public record CampaignResult(
        GroupOutcome treatment,
        GroupOutcome control,
        Uplift repurchaseUplift,
        Uplift revenuePerCustomerUplift,
        boolean complete)
        implements java.io.Serializable {

    /** @param endDate the first day after the window */
    public static CampaignResult of(GroupOutcome treatment, GroupOutcome control, LocalDate endDate, LocalDate today) {
        return new CampaignResult(
                treatment,
                control,
                RepurchaseUplift.of(treatment.buyers(), treatment.customers(), control.buyers(), control.customers()),
                RevenueUplift.of(sums(treatment), sums(control)),
                !today.isBefore(endDate));
    }

    private static RevenueUplift.Sums sums(GroupOutcome g) {
        return new RevenueUplift.Sums(g.customers(), g.revenue(), g.revenueSquares());
    }
}
