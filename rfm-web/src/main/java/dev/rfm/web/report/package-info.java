/**
 * The reports over REST: schedules ({@code /api/reports/schedules}) and the archive ({@code /api/reports/archive}),
 * both thin boundaries over {@link dev.rfm.reports.delivery.ReportDesk}.
 */
package dev.rfm.web.report;
