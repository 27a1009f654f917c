/**
 * One whole scoring run as a pure computation: {@link
 * dev.rfm.analytics.computation.ScoringComputation#compute} takes built customer histories, a
 * scoring profile, custom segment rules and the previous run's assignments, and returns a {@link
 * dev.rfm.analytics.computation.ScoringOutcome} with per-customer columns, cut points, thresholds,
 * model fits with their health, migration matrices and summary rows. No container, no clock, no
 * I/O: the same inputs give the same outcome. Container wiring lives in {@code
 * dev.rfm.analytics.run}.
 */
package dev.rfm.analytics.computation;
