/**
 * The PDF segment report: one run, one scheme, in English or Simplified Chinese, filled from the run's summary tables
 * into templates compiled at build time, with the packaged font embedded. Entry point: {@link
 * dev.rfm.reports.pdf.SegmentReports#render}.
 */
package dev.rfm.reports.pdf;
