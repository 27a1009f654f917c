/**
 * Reports over REST: {@code GET /api/reports/segment-summary.pdf}, the PDF segment report that {@link
 * dev.rfm.reports.pdf.SegmentReports} renders (decision 0013).
 */
package dev.rfm.web.report;
