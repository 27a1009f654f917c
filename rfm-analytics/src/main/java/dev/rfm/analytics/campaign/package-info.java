/**
 * The maths of a campaign, plain Java: the reproducible split of a target into treatment and control ({@link
 * dev.rfm.analytics.campaign.ControlGroupSplit}) and the uplift with its 95 % interval — Newcombe's hybrid score
 * interval for the repurchase rate ({@link dev.rfm.analytics.campaign.RepurchaseUplift}), Welch's t for revenue per
 * customer ({@link dev.rfm.analytics.campaign.RevenueUplift}) — combined in {@link
 * dev.rfm.analytics.campaign.CampaignResult}. Decision 0015 and docs/ANALYTICS.md say why these methods.
 */
package dev.rfm.analytics.campaign;
