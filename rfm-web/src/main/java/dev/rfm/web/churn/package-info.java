/**
 * The Churn watch: the page, its lazy table, its exports and {@code GET /api/churn-watch}, over the read model {@link
 * dev.rfm.domain.snapshot.ChurnWatch} (valuable customers whose P(alive) fell or who moved into At Risk, Can't Lose
 * Them or the dormant stage since the previous run; decision 0012).
 */
package dev.rfm.web.churn;
