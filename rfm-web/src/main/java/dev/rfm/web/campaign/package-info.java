/**
 * Campaigns through REST: {@code /api/campaigns} creates a campaign on a segment or an uploaded list with a
 * reproducible control group, exports its groups (the treatment list is what campaign tools get) and measures the
 * uplift over the control group (decision 0015). Storage and SQL are {@link dev.rfm.domain.campaign.Campaigns}; the
 * split and the statistics {@code dev.rfm.analytics.campaign}.
 */
package dev.rfm.web.campaign;
