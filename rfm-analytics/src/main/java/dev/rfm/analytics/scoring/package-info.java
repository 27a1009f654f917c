/**
 * RFM scores: turning recency, frequency and monetary values into scores 1..bins per dimension.
 *
 * <p>{@link dev.rfm.analytics.scoring.CutPoints} is the whole scoring rule of one dimension: the
 * upper bounds of the bins, computed from the population by a named quantile definition ({@link
 * dev.rfm.analytics.scoring.QuantileDefinition}) or fixed by the profile. Because a score is a
 * function of the value alone and the bounds ascend, equal values always get equal scores and a
 * better value never gets a lower score. The cut points are stored with a run and shown to users.
 * Recency is reversed: the most recent customers get the highest score.
 */
package dev.rfm.analytics.scoring;
