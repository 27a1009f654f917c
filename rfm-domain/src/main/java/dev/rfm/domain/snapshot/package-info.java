/**
 * Scoring runs and the snapshots they leave: run records, per-customer results, per-segment summaries and
 * migrations, as read models for the dashboard, the REST API and the reports. Runs are written by the analytics
 * module; {@link dev.rfm.domain.snapshot.RunSucceeded} tells the rest of the application when a new snapshot is
 * current.
 */
package dev.rfm.domain.snapshot;
