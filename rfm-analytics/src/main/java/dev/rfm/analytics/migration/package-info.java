/**
 * Movement of customers between runs: the previous run's assignments ({@link
 * dev.rfm.analytics.migration.PreviousAssignments}) and the from/to count matrices per segment
 * scheme and for lifecycle stages ({@link dev.rfm.analytics.migration.MigrationMatrix}).
 * Customers new in this run come from {@value dev.rfm.analytics.migration.MigrationMatrix#NONE};
 * customers without a category in this run go to it.
 */
package dev.rfm.analytics.migration;
