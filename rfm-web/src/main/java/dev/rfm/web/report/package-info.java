/**
 * Reports for people: the Reports page, and over REST the PDF segment report ({@code GET
 * /api/reports/segment-summary.pdf}, rendered by {@link dev.rfm.reports.pdf.SegmentReports}, decision 0013), the
 * schedules ({@code /api/reports/schedules}) and the archive ({@code /api/reports/archive}), thin boundaries over
 * {@link dev.rfm.reports.delivery.ReportDesk}.
 */
package dev.rfm.web.report;
